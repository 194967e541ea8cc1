CREATE TABLE "installation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"singleton" text DEFAULT 'installation' NOT NULL,
	CONSTRAINT "installation_singleton_unique" UNIQUE("singleton")
);
