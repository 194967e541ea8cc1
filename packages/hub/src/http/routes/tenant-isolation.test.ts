// Tenant isolation and the permission matrix, route by route, on PGlite and on PostgreSQL.
// Every org-scoped route of the OpenAPI document must appear in `samples`, so a new route cannot
// ship without being checked here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { agentPassword, buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';
import { DeviceIngestRepository } from '../../repositories/device-ingest.repository.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { AlertIncidentRepository } from '../../repositories/alert-incident.repository.ts';
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import {
  can,
  firmwareImageHeader,
  isPermissionAccess,
  routeTable,
  type RouteAccess,
} from '@crosspoint/protocol';

interface Ids {
  orgId: string;
  jobId: string;
  deviceId: string;
  clientId: string;
  userId: string;
  locationId: string;
  serverId: string;
  tokenId: string;
  ruleId: string;
  incidentId: string;
  windowId: string;
  webhookId: string;
  fileId: string;
  invoiceId: string;
  providerId: string;
  supportId: string;
  packageId: string;
  campaignId: string;
  versionId: string;
  conversationId: string;
  attachmentId: string;
}

const directorySample = {
  enabled: true,
  domain: 'isolation',
  url: 'ldap://127.0.0.1:1',
  startTls: false,
  verifyCertificate: true,
  bindDn: 'cn=svc,dc=example,dc=test',
  bindPassword: 'svc-secret',
  userBase: 'dc=example,dc=test',
  userFilter: '',
  loginAttribute: 'uid',
  groupAttribute: 'memberOf',
  groupRoles: [],
};

/** A valid request for every org-scoped route, so validation passes and access is what decides. */
const samples: Record<
  string,
  {
    body?: unknown;
    query?: string;
    mutates: boolean;
    supportOnly?: boolean;
    platformOnly?: boolean;
    enterpriseOnly?: boolean;
    managersOnly?: boolean;
    stream?: boolean;
    /** Answers 404 "not built" on a hub without the agent build (a fresh clone). */
    needsAgentBuild?: boolean;
  }
> = {
  'GET /api/v1/orgs/{orgId}': { mutates: false },
  'PATCH /api/v1/orgs/{orgId}': { body: { name: 'Renamed' }, mutates: true },
  'GET /api/v1/orgs/{orgId}/clients': { mutates: false, supportOnly: true },
  'POST /api/v1/orgs/{orgId}/clients': {
    body: { name: 'X', owner: { email: 'x@example.test' }, dryRun: true },
    mutates: true,
    supportOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/clients/available': { mutates: false, supportOnly: true, managersOnly: true },
  'POST /api/v1/orgs/{orgId}/clients/attach': {
    body: { organizationId: '00000000-0000-4000-8000-000000000000' },
    mutates: true,
    supportOnly: true,
  },
  'POST /api/v1/orgs/{orgId}/clients/{clientId}/release': { mutates: true, supportOnly: true },
  'PATCH /api/v1/orgs/{orgId}/clients/{clientId}/plan': {
    body: { maxDevices: 1 },
    mutates: true,
    supportOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/support-orgs': { mutates: false, platformOnly: true },
  'POST /api/v1/orgs/{orgId}/support-orgs': {
    body: { name: 'Y', ownerEmail: 'y@example.test', devicePool: 1 },
    mutates: true,
    platformOnly: true,
  },
  'PATCH /api/v1/orgs/{orgId}/support-orgs/{supportId}': {
    body: { devicePool: 500 },
    mutates: true,
    platformOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/users': { mutates: false },
  'POST /api/v1/orgs/{orgId}/users/invitations': {
    body: { emails: ['z@example.test'], role: 'monitor' },
    mutates: true,
  },
  'POST /api/v1/orgs/{orgId}/users/{userId}/resend-invitation': { mutates: true },
  'PATCH /api/v1/orgs/{orgId}/users/{userId}': { body: { role: 'administrator' }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/users/{userId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/locations': { mutates: false },
  'POST /api/v1/orgs/{orgId}/locations': { body: { name: 'Room 1', kind: 'room' }, mutates: true },
  'PATCH /api/v1/orgs/{orgId}/locations/{locationId}': { body: { name: 'Room 2' }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/locations/{locationId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/servers': { mutates: false },
  'GET /api/v1/orgs/{orgId}/downloads/agent': { mutates: false },
  'GET /api/v1/orgs/{orgId}/downloads/agent/file': { mutates: false, needsAgentBuild: true },
  'GET /api/v1/orgs/{orgId}/downloads/agent/executable': { mutates: false, needsAgentBuild: true },
  'POST /api/v1/orgs/{orgId}/servers': { body: { name: 'Other', password: agentPassword }, mutates: true },
  'PATCH /api/v1/orgs/{orgId}/servers/{serverId}': { body: { disabled: true }, mutates: true },
  'PUT /api/v1/orgs/{orgId}/servers/{serverId}/password': {
    body: { password: agentPassword },
    mutates: true,
  },
  'POST /api/v1/orgs/{orgId}/servers/{serverId}/agent-update': { mutates: true },
  'DELETE /api/v1/orgs/{orgId}/servers/{serverId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/audit': { mutates: false },
  'GET /api/v1/orgs/{orgId}/usage': { query: '?month=2026-03', mutates: false },
  'GET /api/v1/orgs/{orgId}/usage/export': { query: '?month=2026-03', mutates: false },
  'GET /api/v1/orgs/{orgId}/clients/usage': { query: '?month=2026-03', mutates: false, supportOnly: true },
  'GET /api/v1/orgs/{orgId}/clients/usage/export': { mutates: false, supportOnly: true },
  'GET /api/v1/orgs/{orgId}/sign-in-policy': { mutates: false },
  'PUT /api/v1/orgs/{orgId}/sign-in-policy': { body: { requireTwoFactor: false }, mutates: true },
  'GET /api/v1/orgs/{orgId}/api-tokens': { mutates: false, managersOnly: true },
  'POST /api/v1/orgs/{orgId}/api-tokens': { body: { name: 'ci', role: 'monitor' }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/api-tokens/{tokenId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/license': { mutates: false, enterpriseOnly: true },
  'GET /api/v1/orgs/{orgId}/devices': { mutates: false },
  'GET /api/v1/orgs/{orgId}/devices/summary': { mutates: false },
  'GET /api/v1/orgs/{orgId}/devices/{deviceId}': { mutates: false },
  'GET /api/v1/orgs/{orgId}/devices/{deviceId}/availability': { mutates: false },
  'PUT /api/v1/orgs/{orgId}/devices/location': {
    body: { deviceIds: ['00000000-0000-4000-8000-000000000000'], locationId: null },
    mutates: true,
  },
  'GET /api/v1/orgs/{orgId}/events': { mutates: false, stream: true },
  'GET /api/v1/orgs/{orgId}/events/access': { mutates: false },
  'POST /api/v1/orgs/{orgId}/jobs': {
    body: { deviceIds: ['00000000-0000-4000-8000-000000000000'], command: { type: 'locate', on: true } },
    mutates: true,
  },
  'GET /api/v1/orgs/{orgId}/jobs': { mutates: false },
  'GET /api/v1/orgs/{orgId}/jobs/{jobId}': { mutates: false },
  'POST /api/v1/orgs/{orgId}/files': {
    query: '?name=fw.bin&kind=firmware',
    body: Buffer.from('image'),
    mutates: true,
  },
  // Backups and projects carry a stack's login: Administrators and Owners download them.
  'GET /api/v1/orgs/{orgId}/files/{fileId}': { mutates: false, managersOnly: true },
  'GET /api/v1/orgs/{orgId}/devices/{deviceId}/configurations': { mutates: false },
  'GET /api/v1/orgs/{orgId}/configurations/{versionId}': { mutates: false },
  'GET /api/v1/orgs/{orgId}/configurations/compare': {
    query: '?from={versionId}&to={versionId}',
    mutates: false,
  },
  'POST /api/v1/orgs/{orgId}/configurations/backups': {
    body: { deviceIds: ['00000000-0000-4000-8000-000000000000'] },
    mutates: true,
  },
  'POST /api/v1/orgs/{orgId}/configurations/{versionId}/restore': {
    body: { deviceIds: ['00000000-0000-4000-8000-000000000000'] },
    mutates: true,
  },
  'PUT /api/v1/orgs/{orgId}/devices/{deviceId}/configuration-baseline': {
    body: { versionId: '00000000-0000-4000-8000-000000000000' },
    mutates: true,
  },
  'DELETE /api/v1/orgs/{orgId}/devices/{deviceId}/configuration-baseline': { mutates: true },
  'GET /api/v1/orgs/{orgId}/configuration-settings': { mutates: false },
  'PUT /api/v1/orgs/{orgId}/configuration-settings': {
    body: { nightly: true, keepVersions: 100, keepDays: 365 },
    mutates: true,
  },
  'PUT /api/v1/orgs/{orgId}/license': { body: { document: '{}' }, mutates: true, enterpriseOnly: true },
  'GET /api/v1/orgs/{orgId}/alerts/rules': { mutates: false },
  'POST /api/v1/orgs/{orgId}/alerts/rules': {
    body: { name: 'R', condition: { kind: 'plan_overflow' } },
    mutates: true,
  },
  'GET /api/v1/orgs/{orgId}/alerts/rules/{ruleId}': { mutates: false },
  'PATCH /api/v1/orgs/{orgId}/alerts/rules/{ruleId}': { body: { delayS: 60 }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/alerts/rules/{ruleId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/alerts/incidents': { mutates: false },
  'GET /api/v1/orgs/{orgId}/alerts/incidents/{incidentId}': { mutates: false },
  'GET /api/v1/orgs/{orgId}/alerts/deliveries': { mutates: false },
  'GET /api/v1/orgs/{orgId}/alerts/maintenance-windows': { mutates: false },
  'POST /api/v1/orgs/{orgId}/alerts/maintenance-windows': {
    body: {
      name: 'W',
      scope: 'organization',
      schedule: { kind: 'weekly', days: [0], start: '02:00', durationMinutes: 60 },
    },
    mutates: true,
  },
  'PATCH /api/v1/orgs/{orgId}/alerts/maintenance-windows/{windowId}': { body: { name: 'W2' }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/alerts/maintenance-windows/{windowId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/alerts/webhooks': { mutates: false },
  'POST /api/v1/orgs/{orgId}/alerts/webhooks': {
    body: { name: 'H', url: 'https://example.test/hook' },
    mutates: true,
  },
  'PATCH /api/v1/orgs/{orgId}/alerts/webhooks/{webhookId}': { body: { rotateSecret: true }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/alerts/webhooks/{webhookId}': { mutates: true },
  'GET /api/v1/orgs/{orgId}/alerts/smtp': { mutates: false },
  'PUT /api/v1/orgs/{orgId}/alerts/smtp': {
    body: { host: 'mail.example.test', port: 587, security: 'starttls', from: 'a@example.test' },
    mutates: true,
  },
  'DELETE /api/v1/orgs/{orgId}/alerts/smtp': { mutates: true },
  'POST /api/v1/orgs/{orgId}/alerts/smtp/test': { body: { to: 'a@example.test' }, mutates: true },
  // Billing: Owners and Administrators only (billing.read / billing.manage).
  'GET /api/v1/orgs/{orgId}/billing/settings': { mutates: false, managersOnly: true, supportOnly: true },
  'GET /api/v1/orgs/{orgId}/billing/amounts-due': { mutates: false, managersOnly: true, supportOnly: true },
  'PUT /api/v1/orgs/{orgId}/billing/settings': {
    body: {
      currency: 'EUR',
      pricePeriod: 'month',
      proAudioPrice: 1000,
      videoPrice: 2000,
      minimum: 0,
      taxRateBp: 1900,
      paymentTermsDays: 30,
      legalName: 'Alpha AV GmbH',
      address: '',
      taxId: '',
      paymentDetails: '',
      numberPrefix: 'A-',
      nextNumber: 1,
      reminderDays: [-7, 0, 7, 14],
    },
    mutates: true,
    supportOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/clients/{clientId}/billing-contact': {
    mutates: false,
    managersOnly: true,
    supportOnly: true,
  },
  'PUT /api/v1/orgs/{orgId}/clients/{clientId}/billing-contact': {
    body: { name: 'Billing', email: 'billing@example.test', language: 'en' },
    mutates: true,
    supportOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/billing/invoices': { mutates: false, managersOnly: true, supportOnly: true },
  'POST /api/v1/orgs/{orgId}/billing/invoices/drafts': {
    body: { month: '2026-01' },
    mutates: true,
    supportOnly: true,
  },
  'GET /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}': { mutates: false, managersOnly: true },
  'PATCH /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}': { body: { notes: 'n' }, mutates: true },
  'POST /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}/issue': { mutates: true },
  'POST /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}/paid': { body: {}, mutates: true },
  'POST /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}/void': { mutates: true },
  'GET /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}/pdf': { mutates: false, managersOnly: true },
  'GET /api/v1/orgs/{orgId}/billing/invoices/{invoiceId}/csv': { mutates: false, managersOnly: true },
  // OpenID Connect providers: those who manage users (users.manage).
  'GET /api/v1/orgs/{orgId}/oidc-providers': { mutates: false, managersOnly: true },
  'POST /api/v1/orgs/{orgId}/oidc-providers': {
    body: { name: 'SSO', issuer: 'https://idp.example.test', clientId: 'hub', claimRoles: [] },
    mutates: true,
  },
  'PUT /api/v1/orgs/{orgId}/oidc-providers/{providerId}': {
    body: { name: 'SSO', issuer: 'https://idp.example.test', clientId: 'hub', claimRoles: [] },
    mutates: true,
  },
  'PUT /api/v1/orgs/{orgId}/oidc-providers/{providerId}/enabled': { body: { enabled: true }, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/oidc-providers/{providerId}': { mutates: true },
  // LDAP / Active Directory: those who manage users (users.manage).
  'GET /api/v1/orgs/{orgId}/directory': { mutates: false, managersOnly: true },
  'PUT /api/v1/orgs/{orgId}/directory': { body: directorySample, mutates: true },
  'DELETE /api/v1/orgs/{orgId}/directory': { mutates: true },
  'POST /api/v1/orgs/{orgId}/directory/test': { body: directorySample, mutates: true },
  'POST /api/v1/orgs/{orgId}/directory/test-user': { body: { login: 'alice' }, mutates: true },
  // Firmware catalog and campaigns (docs/firmware.md).
  'GET /api/v1/orgs/{orgId}/firmware/packages': { mutates: false },
  'POST /api/v1/orgs/{orgId}/firmware/packages': {
    body: {
      fileId: '00000000-0000-4000-8000-000000000000',
      models: ['CP2_128V'],
      version: '8.4.0.9',
      sha256: 'a'.repeat(64),
    },
    mutates: true,
  },
  'POST /api/v1/orgs/{orgId}/firmware/packages/{packageId}/withdraw': { mutates: true },
  'GET /api/v1/orgs/{orgId}/firmware/campaigns': { mutates: false },
  'POST /api/v1/orgs/{orgId}/firmware/campaigns': {
    body: {
      name: 'Sample',
      packageId: '00000000-0000-4000-8000-000000000000',
      filter: {},
      pilot: 1,
      waves: [],
      successThreshold: 90,
      errorThreshold: 10,
      healthGateMinutes: 10,
    },
    mutates: true,
  },
  'GET /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}': { mutates: false },
  'GET /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/targets': { mutates: false },
  'POST /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/approve': { mutates: true },
  'POST /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/pause': { mutates: true },
  'POST /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/resume': { mutates: true },
  'POST /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/abort': { mutates: true },
  'GET /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/report.csv': { mutates: false },
  'GET /api/v1/orgs/{orgId}/firmware/campaigns/{campaignId}/report.pdf': { mutates: false },
  'GET /api/v1/orgs/{orgId}/collaborate-space': { mutates: false },
  // Starting a link writes only a pending request (any member links their own account).
  'POST /api/v1/orgs/{orgId}/collaborate-space/links': {
    body: { scope: 'person', baseUrl: 'http://127.0.0.1:9' },
    mutates: false,
  },
  'DELETE /api/v1/orgs/{orgId}/collaborate-space/links': { query: '?scope=person', mutates: false },
  'GET /api/v1/orgs/{orgId}/collaborate-space/dashboard': { mutates: false },
  'POST /api/v1/orgs/{orgId}/collaborate-space/users': {
    body: { people: [{ email: 'cs@example.test' }] },
    mutates: true,
  },
  // Communications: every member takes part (org.read); only the call settings need org.update.
  'GET /api/v1/orgs/{orgId}/conversations': { mutates: false },
  'POST /api/v1/orgs/{orgId}/conversations': { body: { title: 'Sample' }, mutates: false },
  'GET /api/v1/orgs/{orgId}/conversations/{conversationId}/messages': { query: '?search=x', mutates: false },
  'POST /api/v1/orgs/{orgId}/conversations/{conversationId}/messages': {
    body: { body: 'Hi' },
    mutates: false,
  },
  'POST /api/v1/orgs/{orgId}/conversations/{conversationId}/read': { mutates: false },
  'GET /api/v1/orgs/{orgId}/conversations/{conversationId}/participants': { mutates: false },
  'POST /api/v1/orgs/{orgId}/conversations/{conversationId}/attachments': {
    query: '?name=note.txt',
    body: Buffer.from('a note'),
    mutates: false,
  },
  'GET /api/v1/orgs/{orgId}/conversations/{conversationId}/attachments/{attachmentId}': { mutates: false },
  // The body names the callee (a person of the conversation): set once the tenancy exists.
  'POST /api/v1/orgs/{orgId}/conversations/{conversationId}/call-signals': { mutates: false },
  'GET /api/v1/orgs/{orgId}/call-settings': { mutates: false },
  'PUT /api/v1/orgs/{orgId}/call-settings': {
    body: { iceServers: [{ urls: ['stun:127.0.0.1:3478'] }], iceTransportPolicy: 'all' },
    mutates: true,
  },
};

/** The access rule the route table gives a route of the OpenAPI document ("GET /api/v1/orgs/{orgId}"). */
function accessOf(route: string): RouteAccess {
  const found = Object.values(routeTable).find(
    (r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}` === route,
  );
  if (!found) throw new Error(`${route} is not in the route table`);
  return found.access;
}

const fill = (path: string, ids: Ids): string =>
  path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k as keyof Ids]);

async function call(client: ApiClient, route: string, ids: Ids) {
  const [method = 'GET', path = ''] = route.split(' ');
  const sample = samples[route];
  return client.request<{ error?: { code: string; message: string } }>(
    method,
    `${fill(path, ids)}${fill(sample?.query ?? '', ids)}`,
    sample?.body ?? (method === 'GET' ? undefined : {}),
  );
}

describe.each(await databaseLanes())('tenant isolation and roles on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let a: Tenancy;
  let bOwner: ApiClient;
  let bSupportId: string;
  let aIds: Ids;
  let aMonitor: ApiClient;
  let aClientMonitor: ApiClient;
  let aSecondClientId: string;

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    a = await buildTenancy(hub, 'alpha');
    // A second integrator on the same hub, created by the same operator.
    const b = await a.operator.post<{ id: string }>(`/api/v1/orgs/${a.platformId}/support-orgs`, {
      name: 'Bravo AV',
      ownerEmail: 'owner-bravo@example.test',
      devicePool: 10,
    });
    bSupportId = b.body.id;
    bOwner = await register(hub, 'owner-bravo@example.test');

    // A's objects: a location, a server, an API token, an invited user, a monitor, a second client.
    const owner = a.support.owner;
    const supportId = a.support.id;
    const location = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/locations`, {
      name: 'HQ',
      kind: 'building',
    });
    const server = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/servers`, {
      name: 'Rack A',
      password: agentPassword,
    });
    const token = await owner.post<{ token: { id: string } }>(`/api/v1/orgs/${supportId}/api-tokens`, {
      name: 'sync',
      role: 'monitor',
    });
    await owner.post(`/api/v1/orgs/${supportId}/users/invitations`, {
      emails: ['invitee-alpha@example.test'],
      role: 'monitor',
    });
    await owner.post(`/api/v1/orgs/${supportId}/users/invitations`, {
      emails: ['monitor-alpha@example.test'],
      role: 'monitor',
    });
    aMonitor = await register(hub, 'monitor-alpha@example.test');
    const users = await owner.get<{ items: { id: string; email: string }[] }>(
      `/api/v1/orgs/${supportId}/users?search=invitee`,
    );
    const second = await owner.post<{ client: { id: string } }>(`/api/v1/orgs/${supportId}/clients`, {
      name: 'Alpha Second Client',
      owner: { email: a.support.ownerEmail },
      plan: { maxDevices: 1, start: '2026-01-01', end: '2099-01-01' },
    });
    aSecondClientId = second.body.client.id;
    await owner.post(`/api/v1/orgs/${a.client.id}/users/invitations`, {
      emails: ['client-monitor-alpha@example.test'],
      role: 'monitor',
    });
    aClientMonitor = await register(hub, 'client-monitor-alpha@example.test');
    await new DeviceIngestRepository(hub.database.db).applyInventory(
      supportId,
      server.body.id,
      0,
      [linkDevice(1), { ...linkDevice(2), model: 'CONVERGE® Pro 2 128V' }],
      new Date(),
    );
    const device = await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${supportId}/devices`);
    const rule = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/alerts/rules`, {
      name: 'Down',
      condition: { kind: 'device_status', statuses: ['Down'] },
    });
    const window = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/alerts/maintenance-windows`, {
      name: 'Sundays',
      scope: 'location',
      locationId: location.body.id,
      schedule: {
        kind: 'weekly',
        days: [0],
        start: '02:00',
        durationMinutes: 120,
        timeZone: 'Europe/Berlin',
      },
    });
    const webhook = await owner.post<{ webhook: { id: string } }>(
      `/api/v1/orgs/${supportId}/alerts/webhooks`,
      { name: 'Tickets', url: 'https://example.test/hook' },
    );
    const file = await owner.request<{ id: string }>(
      'POST',
      `/api/v1/orgs/${supportId}/files?name=alpha.bin&kind=firmware`,
      Buffer.from('alpha firmware'),
    );
    const [incident] = await new AlertIncidentRepository(hub.database.db).insertPending([
      {
        orgId: supportId,
        ruleId: rule.body.id,
        subjectType: 'device',
        subjectId: device.body.items[0]?.id ?? '',
        subjectName: 'Room 1',
        condition: 'Down',
        state: 'resolved',
        startedAt: new Date(),
        resolvedAt: new Date(),
      },
    ]);
    // A draft invoice: the client metered one device all last month, at a price.
    await owner.put(
      `/api/v1/orgs/${supportId}/billing/settings`,
      samples['PUT /api/v1/orgs/{orgId}/billing/settings']?.body,
    );
    const today = new Date();
    const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    await hub.database.db.execute(sql`
      INSERT INTO usage_counts (org_id, at, pro_audio, video, pro_audio_overflowed, video_overflowed, plan_max)
      VALUES (${a.client.id}, ${`${month}-01T00:00:00Z`}::timestamptz, 1, 0, 0, 0, 5)`);
    const drafts = await owner.post<{ created: { id: string }[] }>(
      `/api/v1/orgs/${supportId}/billing/invoices/drafts`,
      { month, clientIds: [a.client.id] },
    );
    const oidcProvider = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/oidc-providers`, {
      name: 'Alpha SSO',
      issuer: 'https://idp.alpha.example.test',
      clientId: 'hub',
      clientSecret: 'alpha-client-secret',
      claimRoles: [{ value: 'staff', role: 'monitor' }],
    });
    const job = await owner.post<{ items: { id: string }[] }>(`/api/v1/orgs/${supportId}/jobs`, {
      deviceIds: [device.body.items[0]?.id],
      command: { type: 'locate', on: true },
      deadlineS: 5,
    });
    const image = Buffer.concat([firmwareImageHeader('8.4.0.1'), Buffer.alloc(64, 7)]);
    const upload = await owner.request<{ id: string }>(
      'POST',
      `/api/v1/orgs/${supportId}/files?name=alpha-8.4.0.1.bin&kind=firmware`,
      image,
    );
    const pkg = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/firmware/packages`, {
      fileId: upload.body.id,
      models: ['CP2_128V'],
      version: '8.4.0.1',
      sha256: createHash('sha256').update(image).digest('hex'),
    });
    expect(pkg.status, JSON.stringify(pkg.body)).toBe(201);
    const campaign = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/firmware/campaigns`, {
      ...(samples['POST /api/v1/orgs/{orgId}/firmware/campaigns']?.body as object),
      packageId: pkg.body.id,
      requireApproval: true,
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const version = await hub.services.configurations.keep(
      supportId,
      device.body.items[0]?.id ?? '',
      file.body.id,
      { trigger: 'manual', createdBy: 'alpha test', jobId: null },
    );
    const conversation = await owner.post<{ id: string }>(`/api/v1/orgs/${supportId}/conversations`, {
      title: 'Alpha support',
      organizationId: a.client.id,
    });
    const attachment = await owner.request<{ id: string }>(
      'POST',
      `/api/v1/orgs/${supportId}/conversations/${conversation.body.id}/attachments?name=alpha.txt`,
      Buffer.from('alpha notes'),
    );
    await owner.post(`/api/v1/orgs/${supportId}/conversations/${conversation.body.id}/messages`, {
      body: 'Notes attached',
      attachmentIds: [attachment.body.id],
    });
    const ownerSession = await owner.get<{ user: { id: string } }>('/api/v1/auth/session');
    const signals = samples['POST /api/v1/orgs/{orgId}/conversations/{conversationId}/call-signals'];
    if (signals)
      signals.body = {
        callId: '00000000-0000-4000-8000-0000000000c1',
        toUserId: ownerSession.body.user.id,
        kind: 'audio',
        type: 'ring',
      };
    aIds = {
      conversationId: conversation.body.id,
      attachmentId: attachment.body.id,
      versionId: version?.id ?? '',
      orgId: supportId,
      packageId: pkg.body.id,
      campaignId: campaign.body.id,
      jobId: job.body.items[0]?.id ?? '',
      deviceId: device.body.items[0]?.id ?? '',
      clientId: a.client.id,
      userId: users.body.items[0]?.id ?? '',
      locationId: location.body.id,
      serverId: server.body.id,
      tokenId: token.body.token.id,
      ruleId: rule.body.id,
      incidentId: incident?.id ?? '',
      windowId: window.body.id,
      webhookId: webhook.body.webhook.id,
      fileId: file.body.id,
      invoiceId: drafts.body.created[0]?.id ?? '00000000-0000-4000-8000-000000000000',
      providerId: oidcProvider.body.id,
      supportId,
    };
  });
  afterAll(async () => {
    await hub.close();
    await drop();
  });

  it('checks every org-scoped route the API documents', () => {
    const spec = hub.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/orgs/{orgId}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(Object.keys(samples).sort());
  });

  it('answers another tenant 404 on every route and names nothing of theirs', async () => {
    for (const route of Object.keys(samples)) {
      const res = await call(bOwner, route, aIds);
      expect(res.status, route).toBe(404);
      expect(res.body.error?.code, route).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body), route).not.toMatch(/alpha/i);
    }
  });

  it('answers 404 for another tenant’s objects addressed through one’s own organization', async () => {
    const ownIds: Ids = { ...aIds, orgId: bSupportId };
    const objectRoutes = Object.keys(samples).filter((r) =>
      /\{(clientId|userId|locationId|serverId|tokenId|deviceId|jobId|ruleId|incidentId|windowId|webhookId|fileId|invoiceId|providerId|supportId|packageId|campaignId|versionId|conversationId|attachmentId)\}/.test(
        r,
      ),
    );
    expect(objectRoutes.length).toBeGreaterThan(8);
    for (const route of objectRoutes) {
      const res = await call(bOwner, route, ownIds);
      expect(res.status, route).toBe(404);
    }
  });

  it('keeps a client org’s user out of its support org and out of the other clients', async () => {
    expect((await aClientMonitor.get(`/api/v1/orgs/${a.client.id}`)).status).toBe(200);
    for (const orgId of [a.support.id, aSecondClientId, bSupportId]) {
      for (const route of Object.keys(samples).filter((r) => r.startsWith('GET'))) {
        const res = await call(aClientMonitor, route, { ...aIds, orgId });
        expect(res.status, `${route} on ${orgId}`).toBe(404);
      }
    }
    const session = await aClientMonitor.get<{ organizations: { id: string }[] }>('/api/v1/auth/session');
    expect(session.body.organizations.map((o) => o.id)).toEqual([a.client.id]);
  });

  it('lets a Monitor do exactly what the route table’s permissions give its role: read everything, change nothing', async () => {
    for (const [route, sample] of Object.entries(samples)) {
      if (sample.platformOnly === true || sample.enterpriseOnly === true || sample.stream === true) continue;
      const access = accessOf(route);
      const denied = access === 'operator' || (isPermissionAccess(access) && !can('monitor', access));
      expect(denied, `${route}: the table and the sample disagree`).toBe(
        sample.mutates || sample.managersOnly === true,
      );
      const res = await call(aMonitor, route, aIds);
      const notBuilt = sample.needsAgentBuild === true && /not built/.test(res.body.error?.message ?? '');
      expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(denied ? 403 : notBuilt ? 404 : 200);
      if (denied) expect(res.body.error?.code).toBe('FORBIDDEN');
    }
  });

  it('lets an API token act only in its organization, with its role', async () => {
    const created = await a.support.owner.post<{ secret: string }>(
      `/api/v1/orgs/${a.support.id}/api-tokens`,
      { name: 'monitoring', role: 'monitor' },
    );
    const bearer = { authorization: `Bearer ${created.body.secret}` };
    const own = await a.support.owner.request(
      'GET',
      `/api/v1/orgs/${a.support.id}/servers`,
      undefined,
      bearer,
    );
    expect(own.status).toBe(200);
    expect((await bOwner.request('GET', `/api/v1/orgs/${bSupportId}`, undefined, bearer)).status).toBe(404);
    expect((await bOwner.request('GET', `/api/v1/orgs/${a.client.id}`, undefined, bearer)).status).toBe(404);
    expect(
      (
        await bOwner.request(
          'POST',
          `/api/v1/orgs/${a.support.id}/locations`,
          { name: 'T', kind: 'room' },
          bearer,
        )
      ).status,
    ).toBe(403);
    const bad = await bOwner.request<{ error: { code: string } }>(
      'GET',
      `/api/v1/orgs/${a.support.id}`,
      undefined,
      { authorization: 'Bearer cpt_nope' },
    );
    expect(bad.status).toBe(401);
  });

  it('refuses changes without the session’s CSRF token', async () => {
    const saved = a.support.owner.csrf;
    a.support.owner.csrf = 'forged';
    const res = await a.support.owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${a.support.id}/locations`,
      { name: 'Forged', kind: 'room' },
    );
    a.support.owner.csrf = saved;
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('lets only an Owner make or unmake Owners, and never removes the last one', async () => {
    const owner = a.support.owner;
    await owner.post(`/api/v1/orgs/${a.support.id}/users/invitations`, {
      emails: ['admin-alpha@example.test'],
      role: 'administrator',
    });
    const admin = await register(hub, 'admin-alpha@example.test');
    const users = await owner.get<{ items: { id: string; email: string; role: string }[] }>(
      `/api/v1/orgs/${a.support.id}/users`,
    );
    const ownerRow = users.body.items.find((u) => u.role === 'owner');
    const monitorRow = users.body.items.find((u) => u.email === 'monitor-alpha@example.test');
    expect(
      (await admin.patch(`/api/v1/orgs/${a.support.id}/users/${monitorRow?.id ?? ''}`, { role: 'owner' }))
        .status,
    ).toBe(403);
    expect((await admin.delete(`/api/v1/orgs/${a.support.id}/users/${ownerRow?.id ?? ''}`)).status).toBe(403);
    expect(
      (
        await admin.post(`/api/v1/orgs/${a.support.id}/users/invitations`, {
          emails: ['o2@example.test'],
          role: 'owner',
        })
      ).status,
    ).toBe(403);
    const last = await owner.patch<{ error: { code: string } }>(
      `/api/v1/orgs/${a.support.id}/users/${ownerRow?.id ?? ''}`,
      { role: 'monitor' },
    );
    expect(last.body.error.code).toBe('LAST_OWNER');
  });
});
