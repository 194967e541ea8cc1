CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "device_state" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"overflowed" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "devices_org_status_idx";--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || E'\n' || serial || E'\n' || model || E'\n' || ip || E'\n' || firmware || E'\n' || (path)::text)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "device_state" ADD CONSTRAINT "device_state_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_state_org_effective_idx" ON "device_state" USING btree ("org_id",(CASE WHEN "overflowed" THEN 'Overflowed' ELSE "status" END),"device_id");--> statement-breakpoint
CREATE INDEX "devices_search_trgm_idx" ON "devices" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
INSERT INTO "device_state" ("device_id", "org_id", "status", "status_since", "overflowed", "last_seen_at")
  SELECT "id", "org_id", "status", "status_since", "overflowed", "last_seen_at" FROM "devices";--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "status_since";--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "overflowed";--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "last_seen_at";