CREATE TABLE "device_status_daily" (
	"device_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"seconds" integer NOT NULL,
	CONSTRAINT "device_status_daily_device_id_day_status_pk" PRIMARY KEY("device_id","day","status")
);
--> statement-breakpoint
ALTER TABLE "device_status_daily" ADD CONSTRAINT "device_status_daily_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_daily_day_idx" ON "device_status_daily" USING btree ("day");