import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ClientListQuery,
  ClientPage,
  ClientRow,
  CreateClientRequest,
  CreateClientResult,
  CreateSupportOrgRequest,
  OrganizationList,
  IdParams,
  Organization,
  UpdateOrganizationRequest,
  UpdatePlanRequest,
  Uuid,
} from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { OrganizationService } from '../../services/organization.service.ts';
import { orgContextOf } from '../request-auth.ts';

export function organizationRoutes(root: FastifyInstance, d: { access: AccessService; organizations: OrganizationService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['organizations'];

  app.get('/api/v1/orgs/:orgId', { schema: { tags, summary: 'The organization: kind, plan, status, pool and counts', params: IdParams, response: { 200: Organization } } }, async (req) =>
    d.organizations.get(await ctxOf(req)),
  );

  app.patch('/api/v1/orgs/:orgId', { schema: { tags, summary: 'Change the organization’s details', params: IdParams, body: UpdateOrganizationRequest, response: { 200: Organization } } }, async (req) =>
    d.organizations.update(await ctxOf(req), req.body),
  );

  app.get('/api/v1/orgs/:orgId/clients', { schema: { tags, summary: 'Client organizations of a support organization', params: IdParams, querystring: ClientListQuery, response: { 200: ClientPage } } }, async (req) =>
    d.organizations.listClients(await ctxOf(req), req.query),
  );

  app.post('/api/v1/orgs/:orgId/clients', { schema: { tags, summary: 'Add a client organization (with dryRun: validate a wizard step)', params: IdParams, body: CreateClientRequest, response: { 200: CreateClientResult, 201: CreateClientResult } } }, async (req, reply) => {
    const result = await d.organizations.createClient(await ctxOf(req), req.body);
    return reply.status(result.dryRun ? 200 : 201).send(result);
  });

  app.patch('/api/v1/orgs/:orgId/clients/:clientId/plan', { schema: { tags, summary: 'Change a client’s service plan', params: Type.Object({ orgId: Uuid, clientId: Uuid }), body: UpdatePlanRequest, response: { 200: ClientRow } } }, async (req) =>
    d.organizations.updatePlan(await ctxOf(req), req.params.clientId, req.body),
  );

  app.get('/api/v1/orgs/:orgId/support-orgs', { schema: { tags, summary: 'Support organizations (platform operators)', params: IdParams, response: { 200: OrganizationList } } }, async (req) => ({
    items: await d.organizations.listSupportOrgs(await ctxOf(req)),
  }));

  app.post('/api/v1/orgs/:orgId/support-orgs', { schema: { tags, summary: 'Add a support organization with its device pool and owner', params: IdParams, body: CreateSupportOrgRequest, response: { 201: Organization } } }, async (req, reply) =>
    reply.status(201).send(await d.organizations.addSupportOrg(await ctxOf(req), req.body)),
  );
}
