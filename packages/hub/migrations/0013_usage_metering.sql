CREATE TABLE "usage_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"pro_audio" integer NOT NULL,
	"video" integer NOT NULL,
	"pro_audio_overflowed" integer NOT NULL,
	"video_overflowed" integer NOT NULL,
	"plan_max" integer
);
--> statement-breakpoint
CREATE TABLE "usage_days" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"peak" integer NOT NULL,
	"device_ms" bigint NOT NULL,
	"overflowed_peak" integer NOT NULL,
	"plan_max" integer,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_days_org_id_day_kind_pk" PRIMARY KEY("org_id","day","kind")
);
--> statement-breakpoint
ALTER TABLE "usage_counts" ADD CONSTRAINT "usage_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_days" ADD CONSTRAINT "usage_days_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_counts_org_at_idx" ON "usage_counts" USING btree ("org_id","at");