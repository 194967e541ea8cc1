import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Whose rows a list or a count covers: one organization's (`rollup: false`), or every organization
 * in an organization's roll-up (`rollup: true`: a support organization's own and all its clients').
 */
export interface OrgScope {
  orgId: string;
  rollup: boolean;
  /** In a roll-up: one of its organizations only (another one's id matches nothing). */
  only?: string | undefined;
}

/**
 * The scope's condition on a table's organization column. Devices carry their roll-up on the row
 * (see `devices.rollup_org_id`); the smaller tables look their organizations up.
 */
export function inOrgScope(column: AnyColumn | SQL, scope: OrgScope): SQL {
  const own = sql`${column} = ${scope.orgId}`;
  const base = scope.rollup
    ? sql`${column} IN (SELECT id FROM organizations WHERE id = ${scope.orgId} OR (parent_id = ${scope.orgId} AND kind = 'client'))`
    : own;
  return scope.only ? sql`${base} AND ${column} = ${scope.only}` : base;
}
