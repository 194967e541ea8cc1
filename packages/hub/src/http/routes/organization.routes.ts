import type { OrganizationService } from '../../services/organization.service.ts';
import type { ClientAttachmentService } from '../../services/client-attachment.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** The organization, its clients (support organizations) and the support organizations (platform). */
export function organizationRoutes(
  routes: ContractRoutes,
  d: { organizations: OrganizationService; attachments: ClientAttachmentService },
): void {
  routes.org('getOrganization', (ctx) => d.organizations.get(ctx));
  routes.org('updateOrganization', (ctx, { body }) => d.organizations.update(ctx, body));
  routes.org('listClients', (ctx, { query }) => d.organizations.listClients(ctx, query));
  routes.org('createClient', async (ctx, { body, reply }) => {
    const result = await d.organizations.createClient(ctx, body);
    return reply.status(result.dryRun ? 200 : 201).send(result);
  });
  routes.org('listAvailableClients', async (ctx) => ({ items: await d.attachments.available(ctx) }));
  routes.org('attachClient', (ctx, { body }) => d.attachments.attach(ctx, body.organizationId, body.plan));
  routes.org('releaseClient', (ctx, { params }) => d.attachments.release(ctx, params.clientId));
  routes.org('updateClientPlan', (ctx, { params, body }) =>
    d.organizations.updatePlan(ctx, params.clientId, body),
  );
  routes.org('listSupportOrgs', async (ctx) => ({ items: await d.organizations.listSupportOrgs(ctx) }));
  routes.org('createSupportOrg', (ctx, { body }) => d.organizations.addSupportOrg(ctx, body));
  routes.org('updateSupportOrg', (ctx, { params, body }) =>
    d.organizations.updateSupportOrg(ctx, params.supportId, body),
  );
}
