import { permissions, roleLabels, rolePermissions, roles, type Permission } from './roles.ts';

/** The permission matrix as a Markdown table: docs/roles.md is this text (a test keeps them equal). */
export function rolesMarkdownTable(): string {
  const head = `| Permission | What it allows | ${roles.map((r) => roleLabels[r]).join(' | ')} |`;
  const rule = `|---|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(permissions) as Permission[]).map(
    (p) =>
      `| \`${p}\` | ${permissions[p]} | ${roles.map((r) => (rolePermissions[r].has(p) ? 'yes' : '—')).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}
