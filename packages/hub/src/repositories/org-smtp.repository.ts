import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { orgSmtpSettings } from '../db/schema/index.ts';
import { rowsOf } from './raw-rows.ts';

export type OrgSmtpRecord = typeof orgSmtpSettings.$inferSelect;

/** The mail server that serves an organization: its own, else the nearest organization above it that has one. */
export interface EffectiveSmtp {
  settings: OrgSmtpRecord;
  /** The organization that configured it (the organization itself, or its support organization). */
  ownerOrgId: string;
  ownerName: string;
}

export class OrgSmtpRepository {
  constructor(private readonly db: Db) {}

  async get(orgId: string): Promise<OrgSmtpRecord | undefined> {
    const [row] = await this.db.select().from(orgSmtpSettings).where(eq(orgSmtpSettings.orgId, orgId));
    return row;
  }

  async save(values: OrgSmtpRecord): Promise<OrgSmtpRecord> {
    const { orgId: _key, ...rest } = values;
    const [row] = await this.db.insert(orgSmtpSettings).values(values).onConflictDoUpdate({ target: orgSmtpSettings.orgId, set: rest }).returning();
    if (!row) throw new Error('saving SMTP settings returned nothing');
    return row;
  }

  async remove(orgId: string): Promise<boolean> {
    return (await this.db.delete(orgSmtpSettings).where(eq(orgSmtpSettings.orgId, orgId)).returning({ orgId: orgSmtpSettings.orgId })).length > 0;
  }

  /** Walks up the organization tree (at most 8 levels) to the nearest configured mail server. */
  async effective(orgId: string): Promise<EffectiveSmtp | undefined> {
    const rows = rowsOf<{ org_id: string; owner_name: string }>(
      await this.db.execute(sql`
        WITH RECURSIVE chain(id, parent_id, name, depth) AS (
          SELECT id, parent_id, name, 0 FROM organizations WHERE id = ${orgId}
          UNION ALL
          SELECT o.id, o.parent_id, o.name, c.depth + 1 FROM organizations o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 8
        )
        SELECT s.org_id, c.name AS owner_name FROM chain c JOIN org_smtp_settings s ON s.org_id = c.id ORDER BY c.depth LIMIT 1`),
    );
    const first = rows[0];
    if (!first) return undefined;
    const settings = await this.get(first.org_id);
    return settings ? { settings, ownerOrgId: first.org_id, ownerName: first.owner_name } : undefined;
  }
}
