CREATE TABLE "alert_delivery_groups" (
	"key" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"lead_at" timestamp with time zone NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"first_held_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "group_key" text;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "item" jsonb;--> statement-breakpoint
ALTER TABLE "alert_delivery_groups" ADD CONSTRAINT "alert_delivery_groups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_delivery_groups" ADD CONSTRAINT "alert_delivery_groups_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_delivery_groups_due_idx" ON "alert_delivery_groups" USING btree ("due_at") WHERE "alert_delivery_groups"."held" > 0;--> statement-breakpoint
CREATE INDEX "alert_deliveries_group_idx" ON "alert_deliveries" USING btree ("group_key") WHERE "alert_deliveries"."group_key" IS NOT NULL AND "alert_deliveries"."status" IN ('queued', 'sending');