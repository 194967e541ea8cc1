import { Type } from 'typebox';
import { ApiTokenList, CreateApiTokenRequest, CreatedApiToken, TokenParams } from '../tokens.ts';
import { AuditListQuery, AuditPage } from '../audit.ts';
import { IdParams, Ok, OutboxList, OutboxQuery, Uuid } from '../common.ts';
import { LicenseParams, LicenseStatus, UploadLicenseRequest } from '../license.ts';
import { CreateLocationRequest, Location, LocationList, LocationParams, UpdateLocationRequest } from '../locations.ts';
import {
  ClientListQuery,
  ClientPage,
  ClientRow,
  CreateClientRequest,
  CreateClientResult,
  CreateSupportOrgRequest,
  Organization,
  OrganizationList,
  UpdateOrganizationRequest,
  UpdatePlanRequest,
} from '../organizations.ts';
import { route } from '../route.ts';

const tags = ['organizations'];
const orgPath = '/api/v1/orgs/:orgId';

/** The organization, its clients and support organizations, locations, license, history, API tokens and the operator's outbox. */
export const organizationRoutes = {
  getOrganization: route({ method: 'GET', path: orgPath, tags, access: 'org.read', summary: 'The organization: kind, plan, status, pool and counts', params: IdParams, answer: Organization }),
  updateOrganization: route({ method: 'PATCH', path: orgPath, tags, access: 'org.update', summary: 'Change the organization’s details', params: IdParams, body: UpdateOrganizationRequest, answer: Organization }),
  listClients: route({ method: 'GET', path: `${orgPath}/clients`, tags, access: 'clients.read', summary: 'Client organizations of a support organization', params: IdParams, query: ClientListQuery, answer: ClientPage }),
  createClient: route({ method: 'POST', path: `${orgPath}/clients`, tags, access: 'clients.manage', summary: 'Add a client organization (with dryRun: validate a wizard step, answered with 200)', params: IdParams, body: CreateClientRequest, answer: CreateClientResult, status: 201 }),
  updateClientPlan: route({ method: 'PATCH', path: `${orgPath}/clients/:clientId/plan`, tags, access: 'clients.manage', summary: 'Change a client’s service plan', params: Type.Object({ orgId: Uuid, clientId: Uuid }), body: UpdatePlanRequest, answer: ClientRow }),
  listSupportOrgs: route({ method: 'GET', path: `${orgPath}/support-orgs`, tags, access: 'clients.read', summary: 'Support organizations (platform operators)', params: IdParams, answer: OrganizationList }),
  createSupportOrg: route({ method: 'POST', path: `${orgPath}/support-orgs`, tags, access: 'clients.manage', summary: 'Add a support organization with its device pool and owner', params: IdParams, body: CreateSupportOrgRequest, answer: Organization, status: 201 }),

  listLocations: route({ method: 'GET', path: `${orgPath}/locations`, tags: ['locations'], access: 'locations.read', summary: 'Every location of the organization, with its path', params: IdParams, answer: LocationList }),
  createLocation: route({ method: 'POST', path: `${orgPath}/locations`, tags: ['locations'], access: 'locations.manage', summary: 'Add a location', params: IdParams, body: CreateLocationRequest, answer: Location, status: 201 }),
  updateLocation: route({ method: 'PATCH', path: `${orgPath}/locations/:locationId`, tags: ['locations'], access: 'locations.manage', summary: 'Rename, retype or move a location', params: LocationParams, body: UpdateLocationRequest, answer: Location }),
  deleteLocation: route({ method: 'DELETE', path: `${orgPath}/locations/:locationId`, tags: ['locations'], access: 'locations.manage', summary: 'Delete an empty location', params: LocationParams, answer: Ok }),

  getLicense: route({ method: 'GET', path: `${orgPath}/license`, tags: ['license'], access: 'org.read', summary: 'Enterprise edition: capacity and the installed license', params: LicenseParams, answer: LicenseStatus }),
  uploadLicense: route({ method: 'PUT', path: `${orgPath}/license`, tags: ['license'], access: 'license.manage', summary: 'Upgrade License: upload a signed license file', params: LicenseParams, body: UploadLicenseRequest, answer: LicenseStatus }),

  listAudit: route({ method: 'GET', path: `${orgPath}/audit`, tags: ['history'], access: 'audit.read', summary: 'The organization’s history, newest first', params: IdParams, query: AuditListQuery, answer: AuditPage }),
  listApiTokens: route({ method: 'GET', path: `${orgPath}/api-tokens`, tags: ['api tokens'], access: 'tokens.manage', summary: 'API tokens of the organization', params: IdParams, answer: ApiTokenList }),
  createApiToken: route({ method: 'POST', path: `${orgPath}/api-tokens`, tags: ['api tokens'], access: 'tokens.manage', summary: 'Create an API token (its secret is shown once)', params: IdParams, body: CreateApiTokenRequest, answer: CreatedApiToken, status: 201 }),
  revokeApiToken: route({ method: 'DELETE', path: `${orgPath}/api-tokens/:tokenId`, tags: ['api tokens'], access: 'tokens.manage', summary: 'Revoke an API token', params: TokenParams, answer: Ok }),

  listOutbox: route({ method: 'GET', path: '/api/v1/outbox', tags: ['operator'], access: 'operator', summary: 'Recent outgoing mail (operators only)', query: OutboxQuery, answer: OutboxList }),
};
