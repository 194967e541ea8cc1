CREATE TABLE "collaborate_space_link_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"base_url" text NOT NULL,
	"code_verifier" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collaborate_space_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"base_url" text NOT NULL,
	"cs_user_id" text NOT NULL,
	"cs_user_name" text NOT NULL,
	"cs_user_email" text NOT NULL,
	"cs_role" text NOT NULL,
	"access_token" text NOT NULL,
	"refresh_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collaborate_space_link_states" ADD CONSTRAINT "collaborate_space_link_states_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborate_space_link_states" ADD CONSTRAINT "collaborate_space_link_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborate_space_links" ADD CONSTRAINT "collaborate_space_links_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborate_space_links" ADD CONSTRAINT "collaborate_space_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaborate_space_links" ADD CONSTRAINT "collaborate_space_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collaborate_space_link_states_expires_idx" ON "collaborate_space_link_states" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "collaborate_space_links_org_idx" ON "collaborate_space_links" USING btree ("org_id") WHERE user_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "collaborate_space_links_person_idx" ON "collaborate_space_links" USING btree ("org_id","user_id") WHERE user_id IS NOT NULL;