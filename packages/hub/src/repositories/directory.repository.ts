import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { ldapDirectories, users } from '../db/schema/index.ts';
import { failOnDuplicate } from './duplicate-error.ts';
import type { UserRecord } from './user.repository.ts';

export type DirectoryRecord = typeof ldapDirectories.$inferSelect;

/** Organizations' LDAP / Active Directory settings (one per organization, one per sign-in domain). */
export class DirectoryRepository {
  constructor(private readonly db: Db) {}

  async get(orgId: string): Promise<DirectoryRecord | undefined> {
    const [row] = await this.db.select().from(ldapDirectories).where(eq(ldapDirectories.orgId, orgId));
    return row;
  }

  /** The directory whose sign-in domain this is (lower-case). */
  async byDomain(domain: string): Promise<DirectoryRecord | undefined> {
    const [row] = await this.db.select().from(ldapDirectories).where(eq(ldapDirectories.domain, domain));
    return row;
  }

  async save(values: DirectoryRecord): Promise<DirectoryRecord> {
    const { orgId: _key, ...rest } = values;
    const [row] = await failOnDuplicate(() =>
      this.db
        .insert(ldapDirectories)
        .values(values)
        .onConflictDoUpdate({ target: ldapDirectories.orgId, set: rest })
        .returning(),
    );
    if (!row) throw new Error('saving the directory returned nothing');
    return row;
  }

  async remove(orgId: string): Promise<boolean> {
    const rows = await this.db
      .delete(ldapDirectories)
      .where(eq(ldapDirectories.orgId, orgId))
      .returning({ orgId: ldapDirectories.orgId });
    return rows.length > 0;
  }

  /** The account a directory entry signed in as before (`ldap:<org id>:<entry id>`). */
  async userByExternalId(externalId: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.externalId, externalId));
    return row;
  }
}
