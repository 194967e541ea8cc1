/**
 * The permission matrix: the one place that says what each role may do. The hub enforces it on
 * every route; the web app uses it to show only the actions a user can take. Documented in
 * docs/roles.md (kept in sync by a test).
 */
export const roles = ['owner', 'administrator', 'monitor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  monitor: 'Monitor',
};

export const permissions = {
  'org.read': 'See the organization, its plan and status',
  'org.update': 'Change the organization’s details',
  'users.read': 'See the organization’s users',
  'users.manage': 'Invite users, change roles (except Owner), remove users',
  'owners.manage': 'Make or remove Owners',
  'clients.read': 'See client organizations (support organizations)',
  'clients.manage': 'Add client organizations and change their service plans',
  'locations.read': 'See locations',
  'locations.manage': 'Add, rename, move and delete locations; assign devices and servers',
  'servers.read': 'See agent server accounts',
  'servers.manage': 'Add, disable, delete agent server accounts and rotate their passwords',
  'devices.read': 'See devices and their status',
  'devices.command':
    'Run device commands (locate, mute, restart, firmware, configuration); upload and download their files',
  'audit.read': 'Read the organization’s history',
  'tokens.manage': 'Create and revoke API tokens',
  'license.manage': 'Upload an enterprise license',
  'alerts.read': 'See alert rules, incidents, deliveries, maintenance windows and webhooks',
  'alerts.manage': 'Add, change and delete alert rules, maintenance windows and webhooks',
  'billing.read': 'See invoices, the price list and billing settings (support organizations)',
  'billing.manage':
    'Draft, edit, issue, void and mark invoices paid; change the price list and billing settings',
} as const;
export type Permission = keyof typeof permissions;

const read: Permission[] = [
  'org.read',
  'users.read',
  'clients.read',
  'locations.read',
  'servers.read',
  'devices.read',
  'audit.read',
  'alerts.read',
];
/** Money: Owners and Administrators, not Monitors. */
const billing: Permission[] = ['billing.read', 'billing.manage'];
const manage: Permission[] = [
  'org.update',
  'users.manage',
  'clients.manage',
  'locations.manage',
  'servers.manage',
  'devices.command',
  'tokens.manage',
  'alerts.manage',
];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([...read, ...manage, ...billing, 'owners.manage', 'license.manage']),
  administrator: new Set<Permission>([...read, ...manage, ...billing]),
  monitor: new Set<Permission>(read),
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

/** The stronger of two roles (a support member's inherited role vs a direct membership). */
export function strongerRole(a: Role, b: Role): Role {
  return roles.indexOf(a) <= roles.indexOf(b) ? a : b;
}
