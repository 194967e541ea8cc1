import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { collaborateSpaceLinks, collaborateSpaceLinkStates } from '../db/schema/index.ts';

export type CsLinkRecord = typeof collaborateSpaceLinks.$inferSelect;
export type CsLinkValues = Omit<typeof collaborateSpaceLinks.$inferInsert, 'id' | 'linkedAt'>;
export type CsLinkStateRecord = typeof collaborateSpaceLinkStates.$inferSelect;

/** Whose link: a person's (user id) or the organization's (null). */
const holder = (orgId: string, userId: string | null) =>
  and(
    eq(collaborateSpaceLinks.orgId, orgId),
    userId ? eq(collaborateSpaceLinks.userId, userId) : isNull(collaborateSpaceLinks.userId),
  );

/** COLLABORATE Space links (tokens stored sealed by the service) and pending link requests. */
export class CollaborateSpaceRepository {
  constructor(private readonly db: Db) {}

  async link(orgId: string, userId: string | null): Promise<CsLinkRecord | undefined> {
    const [row] = await this.db.select().from(collaborateSpaceLinks).where(holder(orgId, userId));
    return row;
  }

  /** Replaces the holder's link (linking again takes the new CS account). */
  async save(values: CsLinkValues & { id: string }): Promise<CsLinkRecord> {
    return this.db.transaction(async (tx) => {
      await tx.delete(collaborateSpaceLinks).where(holder(values.orgId, values.userId ?? null));
      const [row] = await tx.insert(collaborateSpaceLinks).values(values).returning();
      if (!row) throw new Error('insert returned nothing');
      return row;
    });
  }

  /** Stores refreshed tokens, only if the link is still the one refreshed (not unlinked meanwhile). */
  async updateTokens(
    id: string,
    tokens: { accessToken: string; refreshToken: string; expiresAt: Date },
  ): Promise<void> {
    await this.db.update(collaborateSpaceLinks).set(tokens).where(eq(collaborateSpaceLinks.id, id));
  }

  async remove(orgId: string, userId: string | null): Promise<CsLinkRecord | undefined> {
    const [row] = await this.db.delete(collaborateSpaceLinks).where(holder(orgId, userId)).returning();
    return row;
  }

  async saveState(state: CsLinkStateRecord, now: Date): Promise<void> {
    await this.db.delete(collaborateSpaceLinkStates).where(lt(collaborateSpaceLinkStates.expiresAt, now));
    await this.db.insert(collaborateSpaceLinkStates).values(state);
  }

  /** Takes a pending link request out (single use). */
  async takeState(stateHash: string): Promise<CsLinkStateRecord | undefined> {
    const [row] = await this.db
      .delete(collaborateSpaceLinkStates)
      .where(eq(collaborateSpaceLinkStates.stateHash, stateHash))
      .returning();
    return row;
  }
}
