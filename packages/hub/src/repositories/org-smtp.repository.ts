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
    const [row] = await this.db
      .insert(orgSmtpSettings)
      .values(values)
      .onConflictDoUpdate({ target: orgSmtpSettings.orgId, set: rest })
      .returning();
    if (!row) throw new Error('saving SMTP settings returned nothing');
    return row;
  }

  async remove(orgId: string): Promise<boolean> {
    return (
      (
        await this.db
          .delete(orgSmtpSettings)
          .where(eq(orgSmtpSettings.orgId, orgId))
          .returning({ orgId: orgSmtpSettings.orgId })
      ).length > 0
    );
  }

  /** Walks up the organization tree (at most 8 levels) to the nearest configured mail server: one statement, read before every alert email. */
  async effective(orgId: string): Promise<EffectiveSmtp | undefined> {
    type Row = {
      org_id: string;
      host: string;
      port: number;
      security: OrgSmtpRecord['security'];
      username: string | null;
      password_sealed: string | null;
      from_address: string;
      updated_at: Date | string;
      updated_by: string;
      owner_name: string;
    };
    const [r] = rowsOf<Row>(
      await this.db.execute(sql`
        WITH RECURSIVE chain(id, parent_id, name, depth) AS (
          SELECT id, parent_id, name, 0 FROM organizations WHERE id = ${orgId}
          UNION ALL
          SELECT o.id, o.parent_id, o.name, c.depth + 1 FROM organizations o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 8
        )
        SELECT s.*, c.name AS owner_name FROM chain c JOIN org_smtp_settings s ON s.org_id = c.id ORDER BY c.depth LIMIT 1`),
    );
    if (!r) return undefined;
    const settings: OrgSmtpRecord = {
      orgId: r.org_id,
      host: r.host,
      port: r.port,
      security: r.security,
      username: r.username,
      passwordSealed: r.password_sealed,
      fromAddress: r.from_address,
      updatedAt: new Date(r.updated_at),
      updatedBy: r.updated_by,
    };
    return { settings, ownerOrgId: r.org_id, ownerName: r.owner_name };
  }
}
