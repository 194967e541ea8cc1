-- The status history, partitioned by month of `since` (issue #24): a month's partition is dropped
-- whole when it leaves the retention window (services/history-retention.ts), instead of deleting
-- rows one by one. The primary key becomes (id, since), as a partitioned table's must include the
-- partition key; ids keep coming from the same sequence. A DEFAULT partition takes rows outside
-- every monthly partition (a device clock far off); the hub creates the coming months ahead.
ALTER TABLE "device_status_history" RENAME TO "device_status_history_unpartitioned";--> statement-breakpoint
ALTER INDEX "device_status_history_device_idx" RENAME TO "device_status_history_unpartitioned_device_idx";--> statement-breakpoint
ALTER TABLE "device_status_history_unpartitioned" RENAME CONSTRAINT "device_status_history_pkey" TO "device_status_history_unpartitioned_pkey";--> statement-breakpoint
ALTER TABLE "device_status_history_unpartitioned" RENAME CONSTRAINT "device_status_history_device_id_devices_id_fk" TO "device_status_history_unpartitioned_device_fk";--> statement-breakpoint
ALTER SEQUENCE "device_status_history_id_seq" OWNED BY NONE;--> statement-breakpoint
CREATE TABLE "device_status_history" (
	"id" bigint DEFAULT nextval('device_status_history_id_seq') NOT NULL,
	"device_id" uuid NOT NULL,
	"status" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_status_history_pkey" PRIMARY KEY ("id", "since")
) PARTITION BY RANGE ("since");--> statement-breakpoint
ALTER SEQUENCE "device_status_history_id_seq" OWNED BY "device_status_history"."id";--> statement-breakpoint
ALTER TABLE "device_status_history" ADD CONSTRAINT "device_status_history_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_history_device_idx" ON "device_status_history" USING btree ("device_id","since");--> statement-breakpoint
CREATE TABLE "device_status_history_default" PARTITION OF "device_status_history" DEFAULT;--> statement-breakpoint
-- One partition a month from the oldest row kept (at most 24 months back) to two months ahead.
DO $$
DECLARE
  first_month date;
  last_month date;
  m date;
BEGIN
  SELECT greatest(
           date_trunc('month', coalesce(min(since), now()) AT TIME ZONE 'UTC')::date,
           (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '24 months')::date)
    INTO first_month FROM device_status_history_unpartitioned;
  last_month := (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months')::date;
  m := first_month;
  WHILE m <= last_month LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF device_status_history FOR VALUES FROM (%L) TO (%L)',
      'device_status_history_' || to_char(m, 'YYYY_MM'),
      to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "device_status_history" ("id", "device_id", "status", "since", "observed_at")
  SELECT "id", "device_id", "status", "since", "observed_at" FROM "device_status_history_unpartitioned";--> statement-breakpoint
DROP TABLE "device_status_history_unpartitioned";
