import { describe, expect, it } from 'vitest';
import { can, rolePermissions, strongerRole } from './roles.ts';
import { rolesMarkdownTable } from './roles-doc.ts';
// Read through Vite's raw import so this test needs no Node types.
import rolesDoc from '../../../../docs/roles.md?raw';

describe('permission matrix', () => {
  it('gives a Monitor read permissions only, and only an Owner owner and license management', () => {
    for (const p of rolePermissions.monitor) expect(p).toMatch(/\.read$/);
    expect(can('administrator', 'owners.manage')).toBe(false);
    expect(can('owner', 'owners.manage')).toBe(true);
    expect(can('administrator', 'license.manage')).toBe(false);
    for (const p of rolePermissions.administrator) expect(can('owner', p)).toBe(true);
  });

  it('ranks roles', () => {
    expect(strongerRole('monitor', 'owner')).toBe('owner');
    expect(strongerRole('administrator', 'monitor')).toBe('administrator');
  });

  it('is documented exactly in docs/roles.md', () => {
    expect(rolesDoc).toContain(rolesMarkdownTable());
  });
});
