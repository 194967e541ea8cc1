import type { LicenseService } from '../../services/license.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

export function licenseRoutes(routes: ContractRoutes, d: { licenses: LicenseService }): void {
  routes.org('getLicense', (ctx) => d.licenses.status(ctx));
  routes.org('uploadLicense', (ctx, { body }) => d.licenses.upload(ctx, body.document));
}
