ALTER TABLE "device_state" ADD COLUMN "kind" text NOT NULL DEFAULT 'pro-audio';--> statement-breakpoint
ALTER TABLE "device_state" ADD COLUMN "location_id" uuid;--> statement-breakpoint
UPDATE "device_state" s SET "kind" = d."kind", "location_id" = d."location_id" FROM "devices" d WHERE d."id" = s."device_id";--> statement-breakpoint
ALTER TABLE "device_state" ALTER COLUMN "kind" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "device_state" ADD CONSTRAINT "device_state_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
