import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { commandFiles, firmwarePackages, organizations } from '../db/schema/index.ts';
import { failOnDuplicate } from './duplicate-error.ts';

export type FirmwarePackageRecord = typeof firmwarePackages.$inferSelect & {
  orgName: string;
  orgKind: string;
  fileName: string;
  bytes: number;
};

const columns = {
  id: firmwarePackages.id,
  orgId: firmwarePackages.orgId,
  fileId: firmwarePackages.fileId,
  family: firmwarePackages.family,
  models: firmwarePackages.models,
  version: firmwarePackages.version,
  releaseNotes: firmwarePackages.releaseNotes,
  sha256: firmwarePackages.sha256,
  signature: firmwarePackages.signature,
  createdBy: firmwarePackages.createdBy,
  createdAt: firmwarePackages.createdAt,
  withdrawnAt: firmwarePackages.withdrawnAt,
  withdrawnBy: firmwarePackages.withdrawnBy,
  orgName: organizations.name,
  orgKind: organizations.kind,
  fileName: commandFiles.name,
  bytes: commandFiles.bytes,
};

/**
 * The firmware catalog. An organization sees the packages of the platform operator, its own, and
 * those of the organizations it names (its support organization): `visibleTo` is that rule.
 */
export class FirmwarePackageRepository {
  constructor(private readonly db: Db) {}

  async create(values: typeof firmwarePackages.$inferInsert): Promise<string> {
    const [row] = await failOnDuplicate(() =>
      this.db.insert(firmwarePackages).values(values).returning({ id: firmwarePackages.id }),
    );
    if (!row) throw new Error('insert returned nothing');
    return row.id;
  }

  private visible(orgIds: string[]) {
    return or(
      inArray(firmwarePackages.orgId, orgIds),
      sql`${firmwarePackages.orgId} IN (SELECT id FROM organizations WHERE kind = 'platform')`,
    );
  }

  private select() {
    return this.db
      .select(columns)
      .from(firmwarePackages)
      .innerJoin(organizations, eq(organizations.id, firmwarePackages.orgId))
      .innerJoin(commandFiles, eq(commandFiles.id, firmwarePackages.fileId));
  }

  /** Every package visible to an organization that sees `orgIds`' packages (withdrawn ones too). */
  async visibleTo(orgIds: string[], onlyAvailable = false): Promise<FirmwarePackageRecord[]> {
    return this.select().where(
      and(this.visible(orgIds), onlyAvailable ? isNull(firmwarePackages.withdrawnAt) : undefined),
    );
  }

  /** One package, if visible to those organizations. */
  async visibleById(orgIds: string[], id: string): Promise<FirmwarePackageRecord | undefined> {
    const [row] = await this.select().where(and(this.visible(orgIds), eq(firmwarePackages.id, id)));
    return row;
  }

  /** A package by id, whoever published it (campaigns made with it checked it was visible). */
  async byId(id: string): Promise<FirmwarePackageRecord | undefined> {
    const [row] = await this.select().where(eq(firmwarePackages.id, id));
    return row;
  }

  /** One of the organization's own packages. */
  async ownById(orgId: string, id: string): Promise<FirmwarePackageRecord | undefined> {
    const [row] = await this.select().where(
      and(eq(firmwarePackages.orgId, orgId), eq(firmwarePackages.id, id)),
    );
    return row;
  }

  async withdraw(orgId: string, id: string, by: string, at: Date): Promise<void> {
    await this.db
      .update(firmwarePackages)
      .set({ withdrawnAt: at, withdrawnBy: by })
      .where(
        and(
          eq(firmwarePackages.orgId, orgId),
          eq(firmwarePackages.id, id),
          isNull(firmwarePackages.withdrawnAt),
        ),
      );
  }

  /** The organization that published the package whose file this is, if any (agents fetch operator files). */
  async fileOwner(fileId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ orgId: firmwarePackages.orgId })
      .from(firmwarePackages)
      .where(eq(firmwarePackages.fileId, fileId))
      .limit(1);
    return row?.orgId;
  }
}
