import { describe, expect, it } from 'vitest';
import { permissions } from '../../auth/roles.ts';
import type { RouteDefinition } from '../route.ts';
import { alertRoutes } from './alerts.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { deviceRoutes } from './devices.routes.ts';
import { routeTable } from './index.ts';
import { organizationRoutes } from './organizations.routes.ts';
import { serverRoutes } from './servers.routes.ts';
import { systemRoutes } from './system.routes.ts';
import { userRoutes } from './users.routes.ts';
import { usageRoutes } from './usage.routes.ts';
import { billingRoutes } from './billing.routes.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { twoFactorRoutes } from './two-factor.routes.ts';
import { compatibleRoutes } from './compatible.routes.ts';
import { directoryRoutes } from './directory.routes.ts';
import { downloadRoutes } from './downloads.routes.ts';
import { firmwareRoutes } from './firmware.routes.ts';
import { configurationRoutes } from './configurations.routes.ts';
import { communicationRoutes } from './communications.routes.ts';
import { collaborateSpaceRoutes } from './collaborate-space.routes.ts';

const domains = [
  systemRoutes,
  authRoutes,
  organizationRoutes,
  userRoutes,
  serverRoutes,
  deviceRoutes,
  alertRoutes,
  usageRoutes,
  billingRoutes,
  oidcRoutes,
  twoFactorRoutes,
  compatibleRoutes,
  directoryRoutes,
  downloadRoutes,
  firmwareRoutes,
  configurationRoutes,
  communicationRoutes,
  collaborateSpaceRoutes,
];
const entries = Object.entries<RouteDefinition>(routeTable);
const propertiesOf = (schema: { properties?: Record<string, unknown> } | undefined): string[] =>
  Object.keys(schema?.properties ?? {}).sort();

describe('the route table', () => {
  it('has every domain’s routes, none hidden by another with the same operation id', () => {
    const declared = domains.reduce((n, d) => n + Object.keys(d).length, 0);
    expect(entries).toHaveLength(declared);
  });

  it('has one entry per method and path', () => {
    const keys = entries.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('declares exactly the parameters each path has', () => {
    for (const [id, r] of entries) {
      const inPath = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      expect(propertiesOf(r.params), id).toEqual(inPath);
    }
  });

  it('gives every route of an organization a permission or the operator, and a known permission only', () => {
    for (const [id, r] of entries) {
      const special = ['public', 'signed-in', 'session', 'operator'].includes(r.access);
      if (!special) expect(Object.keys(permissions), id).toContain(r.access);
      if (r.path.startsWith('/api/v1/orgs/:orgId'))
        expect(special && r.access !== 'operator', id).toBe(false);
    }
  });

  it('sends a body only with a change, and a file or JSON, not both', () => {
    for (const [id, r] of entries) {
      if (r.method === 'GET' || r.method === 'DELETE') expect(r.body ?? r.upload, id).toBeUndefined();
      expect(Boolean(r.body && r.upload), id).toBe(false);
    }
  });
});
