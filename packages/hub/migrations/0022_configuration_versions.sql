CREATE TABLE "configuration_backup_jobs" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configuration_baselines" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"approved_by" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configuration_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"nightly" boolean DEFAULT true NOT NULL,
	"keep_versions" integer DEFAULT 100 NOT NULL,
	"keep_days" integer DEFAULT 365 NOT NULL,
	"nightly_done_on" text
);
--> statement-breakpoint
CREATE TABLE "configuration_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"created_by" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"job_id" uuid
);
--> statement-breakpoint
ALTER TABLE "configuration_backup_jobs" ADD CONSTRAINT "configuration_backup_jobs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_backup_jobs" ADD CONSTRAINT "configuration_backup_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_baselines" ADD CONSTRAINT "configuration_baselines_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_baselines" ADD CONSTRAINT "configuration_baselines_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_baselines" ADD CONSTRAINT "configuration_baselines_version_id_configuration_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."configuration_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_settings" ADD CONSTRAINT "configuration_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_versions" ADD CONSTRAINT "configuration_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_versions" ADD CONSTRAINT "configuration_versions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_versions" ADD CONSTRAINT "configuration_versions_file_id_command_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."command_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "configuration_backup_jobs_device_idx" ON "configuration_backup_jobs" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "configuration_versions_device_idx" ON "configuration_versions" USING btree ("org_id","device_id","taken_at");