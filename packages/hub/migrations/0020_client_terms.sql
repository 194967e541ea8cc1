CREATE TABLE "client_terms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"support_id" uuid NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "client_terms" ADD CONSTRAINT "client_terms_client_id_organizations_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_terms" ADD CONSTRAINT "client_terms_support_id_organizations_id_fk" FOREIGN KEY ("support_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_terms_support_idx" ON "client_terms" USING btree ("support_id","started_at");--> statement-breakpoint
CREATE INDEX "client_terms_client_idx" ON "client_terms" USING btree ("client_id");