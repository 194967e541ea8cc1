CREATE TABLE "firmware_campaign_targets" (
	"campaign_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"wave" integer NOT NULL,
	"state" text NOT NULL,
	"job_id" uuid,
	"planned_job_id" uuid,
	"from_version" text NOT NULL,
	"peripherals_before" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"started_at" timestamp with time zone,
	"job_done_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "firmware_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"package_id" uuid NOT NULL,
	"filter" jsonb NOT NULL,
	"pilot" integer NOT NULL,
	"waves" jsonb NOT NULL,
	"success_threshold" integer NOT NULL,
	"error_threshold" integer NOT NULL,
	"health_gate_minutes" integer NOT NULL,
	"window" jsonb,
	"require_approval" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"current_wave" integer DEFAULT 0 NOT NULL,
	"halt_reason" text,
	"created_by" text NOT NULL,
	"created_by_user_id" text,
	"approved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "firmware_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"family" text NOT NULL,
	"models" jsonb NOT NULL,
	"version" text NOT NULL,
	"release_notes" text DEFAULT '' NOT NULL,
	"sha256" text NOT NULL,
	"signature" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text
);
--> statement-breakpoint
ALTER TABLE "firmware_campaign_targets" ADD CONSTRAINT "firmware_campaign_targets_campaign_id_firmware_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."firmware_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_campaign_targets" ADD CONSTRAINT "firmware_campaign_targets_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_campaign_targets" ADD CONSTRAINT "firmware_campaign_targets_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_campaigns" ADD CONSTRAINT "firmware_campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_campaigns" ADD CONSTRAINT "firmware_campaigns_package_id_firmware_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."firmware_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_packages" ADD CONSTRAINT "firmware_packages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_packages" ADD CONSTRAINT "firmware_packages_file_id_command_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."command_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "firmware_campaign_targets_pk" ON "firmware_campaign_targets" USING btree ("campaign_id","device_id");--> statement-breakpoint
CREATE INDEX "firmware_campaign_targets_wave_idx" ON "firmware_campaign_targets" USING btree ("campaign_id","wave","state");--> statement-breakpoint
CREATE INDEX "firmware_campaigns_org_idx" ON "firmware_campaigns" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "firmware_campaigns_active_idx" ON "firmware_campaigns" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "firmware_packages_org_idx" ON "firmware_packages" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "firmware_packages_org_family_version_idx" ON "firmware_packages" USING btree ("org_id","family","version");