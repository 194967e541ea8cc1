import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { oidcProviders, oidcSignInStates, users } from '../db/schema/index.ts';
import type { UserRecord } from './user.repository.ts';

export type OidcProviderRecord = typeof oidcProviders.$inferSelect;
export type OidcProviderValues = Omit<typeof oidcProviders.$inferInsert, 'id' | 'createdAt' | 'createdBy'>;
export type OidcStateRecord = typeof oidcSignInStates.$inferSelect;

/** OpenID Connect providers (an organization's, or the hub's with orgId null) and their pending sign-ins. */
export class OidcRepository {
  constructor(private readonly db: Db) {}

  /** An organization's providers, or the hub-wide ones (orgId null). */
  async list(orgId: string | null): Promise<OidcProviderRecord[]> {
    return this.db
      .select()
      .from(oidcProviders)
      .where(orgId ? eq(oidcProviders.orgId, orgId) : isNull(oidcProviders.orgId))
      .orderBy(asc(oidcProviders.name), asc(oidcProviders.id));
  }

  async byId(id: string): Promise<OidcProviderRecord | undefined> {
    const [row] = await this.db.select().from(oidcProviders).where(eq(oidcProviders.id, id));
    return row;
  }

  /** The provider with this id in this scope (an organization's, or hub-wide with null). */
  async inScope(orgId: string | null, id: string): Promise<OidcProviderRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(oidcProviders)
      .where(
        and(eq(oidcProviders.id, id), orgId ? eq(oidcProviders.orgId, orgId) : isNull(oidcProviders.orgId)),
      );
    return row;
  }

  async create(
    values: OidcProviderValues & { id: string; createdBy: string | null },
  ): Promise<OidcProviderRecord> {
    const [row] = await this.db.insert(oidcProviders).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(id: string, values: Partial<OidcProviderValues>): Promise<OidcProviderRecord | undefined> {
    const [row] = await this.db.update(oidcProviders).set(values).where(eq(oidcProviders.id, id)).returning();
    return row;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db.delete(oidcProviders).where(eq(oidcProviders.id, id)).returning();
    return rows.length > 0;
  }

  async saveState(state: OidcStateRecord, now: Date): Promise<void> {
    // Expired requests are dropped as new ones come in.
    await this.db.delete(oidcSignInStates).where(lt(oidcSignInStates.expiresAt, now));
    await this.db.insert(oidcSignInStates).values(state);
  }

  /** Takes a pending sign-in out (single use): the row is gone whether or not it has expired. */
  async takeState(stateHash: string): Promise<OidcStateRecord | undefined> {
    const [row] = await this.db
      .delete(oidcSignInStates)
      .where(eq(oidcSignInStates.stateHash, stateHash))
      .returning();
    return row;
  }

  async userByExternalId(externalId: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.externalId, externalId));
    return row;
  }
}
