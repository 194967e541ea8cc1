import type { DirectoryService } from '../../services/directory.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { limits, type Limiter } from '../rate-limits.ts';

/** An organization's LDAP / Active Directory: settings and tests (docs/ldap.md). */
export function directoryRoutes(
  routes: ContractRoutes,
  d: { directory: DirectoryService; limit: Limiter },
): void {
  routes.org('getOrgDirectory', (ctx) => d.directory.get(ctx));
  routes.org('updateOrgDirectory', (ctx, { body }) => d.directory.update(ctx, body));
  routes.org('removeOrgDirectory', (ctx) => d.directory.remove(ctx));
  routes.org('testOrgDirectory', (ctx, { body }) => d.directory.testConnection(ctx, body), {
    preHandler: d.limit('directory test', limits.directoryTest),
  });
  routes.org('testOrgDirectoryUser', (ctx, { body }) => d.directory.testUser(ctx, body), {
    preHandler: d.limit('directory user test', limits.directoryTest),
  });
}
