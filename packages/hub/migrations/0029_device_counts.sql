CREATE TABLE "device_model_counts" (
	"org_id" uuid NOT NULL,
	"rollup_org_id" uuid NOT NULL,
	"model" text NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_status_counts" (
	"org_id" uuid NOT NULL,
	"rollup_org_id" uuid NOT NULL,
	"location_id" uuid,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "device_model_counts_org_idx" ON "device_model_counts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "device_model_counts_rollup_idx" ON "device_model_counts" USING btree ("rollup_org_id");--> statement-breakpoint
CREATE INDEX "device_model_counts_unfolded_idx" ON "device_model_counts" USING btree ("org_id") WHERE NOT "device_model_counts"."folded";--> statement-breakpoint
CREATE INDEX "device_status_counts_org_idx" ON "device_status_counts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "device_status_counts_rollup_idx" ON "device_status_counts" USING btree ("rollup_org_id");--> statement-breakpoint
CREATE INDEX "device_status_counts_unfolded_idx" ON "device_status_counts" USING btree ("org_id") WHERE NOT "device_status_counts"."folded";--> statement-breakpoint
-- Dashboard counts kept as devices change (issue #24), instead of recounting device_state and
-- devices after every change. Statement-level AFTER triggers with transition tables append one row
-- per key a statement changed (organization, roll-up, location, effective status: the statement's
-- net change), in the writer's own transaction: every write path (ingest, plans, locations, roll-up
-- moves, the cascades of a deleted organization or location) and every hub on the same PostgreSQL
-- keeps them exact. Appending takes no lock another writer waits on, so counting adds no waits and
-- no deadlocks to the writes; the hubs fold each organization's rows into one per key every second
-- (DeviceRepository.foldCounts), and a count is the sum of its key's rows.
CREATE FUNCTION "device_status_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO device_status_counts (org_id, rollup_org_id, location_id, status, n)
      SELECT org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END, count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO device_status_counts (org_id, rollup_org_id, location_id, status, n)
      SELECT org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END, -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO device_status_counts (org_id, rollup_org_id, location_id, status, n)
      SELECT org_id, rollup_org_id, location_id, status, sum(d) FROM (
        SELECT org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END AS status, -1 AS d FROM old_rows
        UNION ALL
        SELECT org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END, 1 FROM new_rows
      ) x GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "device_state_counts_insert" AFTER INSERT ON "device_state"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION device_status_counts_track();--> statement-breakpoint
CREATE TRIGGER "device_state_counts_update" AFTER UPDATE ON "device_state"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION device_status_counts_track();--> statement-breakpoint
CREATE TRIGGER "device_state_counts_delete" AFTER DELETE ON "device_state"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION device_status_counts_track();--> statement-breakpoint
CREATE FUNCTION "device_model_counts_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO device_model_counts (org_id, rollup_org_id, model, kind, n)
      SELECT org_id, rollup_org_id, model, kind, count(*) FROM new_rows GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO device_model_counts (org_id, rollup_org_id, model, kind, n)
      SELECT org_id, rollup_org_id, model, kind, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO device_model_counts (org_id, rollup_org_id, model, kind, n)
      SELECT org_id, rollup_org_id, model, kind, sum(d) FROM (
        SELECT org_id, rollup_org_id, model, kind, -1 AS d FROM old_rows
        UNION ALL
        SELECT org_id, rollup_org_id, model, kind, 1 FROM new_rows
      ) x GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "devices_counts_insert" AFTER INSERT ON "devices"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION device_model_counts_track();--> statement-breakpoint
CREATE TRIGGER "devices_counts_update" AFTER UPDATE ON "devices"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION device_model_counts_track();--> statement-breakpoint
CREATE TRIGGER "devices_counts_delete" AFTER DELETE ON "devices"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION device_model_counts_track();--> statement-breakpoint
-- The devices already there, counted once (folded). The triggers above exist already in this
-- transaction and hold off other hubs' writes to both tables until it commits: no change falls in between.
INSERT INTO "device_status_counts" ("org_id", "rollup_org_id", "location_id", "status", "n", "folded")
  SELECT org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END, count(*), true
  FROM device_state GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "device_model_counts" ("org_id", "rollup_org_id", "model", "kind", "n", "folded")
  SELECT org_id, rollup_org_id, model, kind, count(*), true FROM devices GROUP BY 1, 2, 3, 4;
