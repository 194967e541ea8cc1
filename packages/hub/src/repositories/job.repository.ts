import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { rowsOf } from './raw-rows.ts';
import { jobs } from '../db/schema/index.ts';

/** A job's id: a UUID, as the jobs table stores it. */
const jobIdShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type JobRecord = typeof jobs.$inferSelect;

export class JobRepository {
  constructor(private readonly db: Db) {}

  async create(values: typeof jobs.$inferInsert): Promise<JobRecord> {
    const [row] = await this.db.insert(jobs).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(id: string, values: Partial<typeof jobs.$inferInsert>): Promise<JobRecord | undefined> {
    const [row] = await this.db.update(jobs).set(values).where(eq(jobs.id, id)).returning();
    return row;
  }

  /**
   * Ends a job that has not ended yet (whichever hub gets there first ends it; a later answer for
   * the same job changes nothing). Returns the job, or nothing when it had ended already.
   */
  async finishOpen(id: string, values: Partial<typeof jobs.$inferInsert>): Promise<JobRecord | undefined> {
    const [row] = await this.db
      .update(jobs)
      .set(values)
      .where(and(eq(jobs.id, id), isNull(jobs.finishedAt)))
      .returning();
    return row;
  }

  /** An unfinished job for a device of this agent (server account), if there is one by this id. */
  async openForServer(id: string, serverId: string): Promise<JobRecord | undefined> {
    // The id comes from an agent's frame: one that is no job id names no job (and must not reach
    // PostgreSQL as a uuid it cannot parse).
    if (!jobIdShape.test(id)) return undefined;
    const rows = await this.db.execute(
      sql`SELECT j.id FROM jobs j JOIN devices d ON d.id = j.device_id
          WHERE j.id = ${id} AND d.server_id = ${serverId} AND j.finished_at IS NULL`,
    );
    if (rowsOf<{ id: string }>(rows).length === 0) return undefined;
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return row;
  }

  async byId(orgId: string, id: string): Promise<JobRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id)));
    return row;
  }

  async recent(orgId: string, deviceId: string | undefined, limit: number): Promise<JobRecord[]> {
    return this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), deviceId ? eq(jobs.deviceId, deviceId) : undefined))
      .orderBy(desc(jobs.createdAt))
      .limit(limit);
  }

  /** The job is being sent to its agent (once more). */
  /** Counts one more send of the job; returns how many sends there have been. */
  async countAttempt(id: string): Promise<number> {
    const [row] = await this.db
      .update(jobs)
      .set({ attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, id))
      .returning({ attempts: jobs.attempts });
    return row?.attempts ?? 1;
  }

  /** Keeps this hub's unfinished jobs leased until `until`. */
  async renewLeases(owner: string, until: Date): Promise<void> {
    await this.db.execute(
      sql`UPDATE jobs SET lease_until = ${until} WHERE lease_owner = ${owner} AND finished_at IS NULL`,
    );
  }

  /** Hands back a stopping hub's unfinished jobs, for any hub to take over at once. */
  async releaseLeases(owner: string): Promise<number> {
    const result = await this.db.execute(
      sql`UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ${owner} AND finished_at IS NULL RETURNING id`,
    );
    return rowsOf(result).length;
  }

  /**
   * Takes over unfinished jobs whose lease ran out (their hub stopped or died) or that never had
   * one (made before leases existed): those that were running first (their agent may still be at
   * work on them, so they take the free places of the per-agent bound), then oldest first; one hub
   * gets each job (SKIP LOCKED). Returns them in that order, with their device's server and agent id.
   */
  async claimOrphans(
    owner: string,
    now: Date,
    until: Date,
    limit: number,
  ): Promise<(JobRecord & { serverId: string | null; agentDeviceId: string | null })[]> {
    const result = await this.db.execute(sql`
      WITH c AS (
        SELECT id FROM jobs WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < ${now})
        ORDER BY (status = 'running') DESC, created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE jobs j SET lease_owner = ${owner}, lease_until = ${until}
      FROM c WHERE j.id = c.id
      RETURNING j.id`);
    const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await this.db.execute(sql`
      SELECT j.id, d.server_id AS "serverId", d.agent_device_id AS "agentDeviceId"
      FROM jobs j LEFT JOIN devices d ON d.id = j.device_id WHERE j.id = ANY(${sql.param(ids)}::uuid[])`);
    const devices = new Map(
      rowsOf<{ id: string; serverId: string | null; agentDeviceId: string | null }>(rows).map((r) => [
        r.id,
        r,
      ]),
    );
    const jobsClaimed = await this.db
      .select()
      .from(jobs)
      .where(sql`${jobs.id} = ANY(${sql.param(ids)}::uuid[])`);
    const rank = (j: JobRecord) => (j.status === 'running' ? 0 : 1);
    jobsClaimed.sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime());
    return jobsClaimed.map((j) => ({
      ...j,
      serverId: devices.get(j.id)?.serverId ?? null,
      agentDeviceId: devices.get(j.id)?.agentDeviceId ?? null,
    }));
  }
}
