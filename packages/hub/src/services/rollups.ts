import type { OrgRecord } from '../repositories/organization.repository.ts';
import type { OrgScope } from '../repositories/org-scope.ts';

/**
 * Which organization's roll-up includes an organization: a client's support organization, every
 * other organization its own (see `devices.rollup_org_id`). Remembered once asked: a client
 * changes hands only when it is attached elsewhere, which calls `forget`.
 */
export class Rollups {
  private readonly known = new Map<string, string>();

  constructor(private readonly orgById: (orgId: string) => Promise<OrgRecord | undefined>) {}

  async of(orgId: string): Promise<string> {
    const known = this.known.get(orgId);
    if (known) return known;
    const org = await this.orgById(orgId);
    if (!org) return orgId;
    const rollup = rollupOf(org);
    this.known.set(orgId, rollup);
    return rollup;
  }

  forget(orgId: string): void {
    this.known.delete(orgId);
  }
}

/** The rule, on an organization's record (the SQL form is `rollupOf` in device-ingest.repository.ts). */
export function rollupOf(org: Pick<OrgRecord, 'id' | 'kind' | 'parentId'>): string {
  return org.kind === 'client' && org.parentId ? org.parentId : org.id;
}

/** Whether an organization's own views (dashboard, device lists) are its roll-up. */
export const seesRollup = (org: Pick<OrgRecord, 'kind'>): boolean => org.kind === 'support';

/**
 * What an organization's lists and counts cover: a support organization sees its roll-up (and may
 * narrow it to one of its organizations, `only`), any other organization its own rows.
 */
export function scopeOf(org: Pick<OrgRecord, 'id' | 'kind'>, only?: string): OrgScope {
  return { orgId: org.id, rollup: seesRollup(org), only };
}
