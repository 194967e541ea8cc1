-- The roll-up: each device carries the organization whose overview includes it (a client's support
-- organization, else its own), filled in for the devices already here.
ALTER TABLE "devices" ADD COLUMN "rollup_org_id" uuid;--> statement-breakpoint
UPDATE "devices" d SET "rollup_org_id" = CASE WHEN o."kind" = 'client' AND o."parent_id" IS NOT NULL THEN o."parent_id" ELSE o."id" END FROM "organizations" o WHERE o."id" = d."org_id";--> statement-breakpoint
ALTER TABLE "devices" ALTER COLUMN "rollup_org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "device_state" ADD COLUMN "rollup_org_id" uuid;--> statement-breakpoint
UPDATE "device_state" s SET "rollup_org_id" = d."rollup_org_id" FROM "devices" d WHERE d."id" = s."device_id";--> statement-breakpoint
ALTER TABLE "device_state" ALTER COLUMN "rollup_org_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "device_state_rollup_effective_idx" ON "device_state" USING btree ("rollup_org_id",(CASE WHEN "overflowed" THEN 'Overflowed' ELSE "status" END),"device_id");--> statement-breakpoint
CREATE INDEX "devices_rollup_name_idx" ON "devices" USING btree ("rollup_org_id",lower("name"));
