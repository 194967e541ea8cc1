ALTER TABLE "billing_settings" ADD COLUMN "auto_draft" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "auto_drafted_through" text;