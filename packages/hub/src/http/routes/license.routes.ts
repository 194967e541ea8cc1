import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LicenseParams, LicenseStatus, UploadLicenseRequest } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { LicenseService } from '../../services/license.service.ts';
import { orgContextOf } from '../request-auth.ts';

export function licenseRoutes(root: FastifyInstance, d: { access: AccessService; licenses: LicenseService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['license'];
  app.get('/api/v1/orgs/:orgId/license', { schema: { tags, summary: 'Enterprise edition: capacity and the installed license', params: LicenseParams, response: { 200: LicenseStatus } } }, async (req) =>
    d.licenses.status(await ctxOf(req)),
  );
  app.put('/api/v1/orgs/:orgId/license', { schema: { tags, summary: 'Upgrade License: upload a signed license file', params: LicenseParams, body: UploadLicenseRequest, response: { 200: LicenseStatus } } }, async (req) =>
    d.licenses.upload(await ctxOf(req), req.body.document),
  );
}
