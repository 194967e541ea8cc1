CREATE TABLE "device_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"status" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"observed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"server_id" uuid,
	"agent_device_id" text NOT NULL,
	"family" text NOT NULL,
	"kind" text NOT NULL,
	"model" text NOT NULL,
	"serial" text NOT NULL,
	"firmware" text NOT NULL,
	"name" text NOT NULL,
	"ip" text NOT NULL,
	"parent_agent_id" text,
	"path" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"overflowed" boolean DEFAULT false NOT NULL,
	"location_id" uuid,
	"last_seen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_accounts" ADD COLUMN "last_seq" integer DEFAULT -1 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_accounts" ADD COLUMN "agent_instance" text;--> statement-breakpoint
ALTER TABLE "device_status_history" ADD CONSTRAINT "device_status_history_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_server_id_agent_accounts_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."agent_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_history_device_idx" ON "device_status_history" USING btree ("device_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_org_agent_id_idx" ON "devices" USING btree ("org_id","agent_device_id");--> statement-breakpoint
CREATE INDEX "devices_org_status_idx" ON "devices" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "devices_org_name_idx" ON "devices" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "devices_server_idx" ON "devices" USING btree ("server_id");