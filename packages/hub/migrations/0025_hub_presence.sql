CREATE TABLE "hub_processes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"beat_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "installation" ADD COLUMN "public_url" text;--> statement-breakpoint
ALTER TABLE "agent_accounts" ADD COLUMN "hub_id" uuid;