ALTER TABLE "mail_outbox" ADD COLUMN "text_sealed" text;--> statement-breakpoint
UPDATE "mail_outbox" SET "text" = regexp_replace("text", '([?&]token=)[A-Za-z0-9_-]+', '\1[redacted]', 'g') WHERE "status" <> 'queued';
