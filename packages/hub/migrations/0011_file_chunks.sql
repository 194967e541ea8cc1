CREATE TABLE "command_file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "command_file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
ALTER TABLE "command_files" ADD COLUMN "complete" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "command_file_chunks" ADD CONSTRAINT "command_file_chunks_file_id_command_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."command_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Files kept whole before chunks existed: cut into chunks of 256 KiB (fileChunkBytes).
INSERT INTO "command_file_chunks" ("file_id", "seq", "data")
SELECT f."id", s.seq, substring(f."data" FROM s.seq * 262144 + 1 FOR 262144)
FROM "command_files" f, generate_series(0, greatest(0, (octet_length(f."data") - 1) / 262144)) AS s(seq);--> statement-breakpoint
ALTER TABLE "command_files" DROP COLUMN "data";