import { expect } from 'vitest';
import { currentTerms } from '@crosspoint/protocol';
import { cliActor } from '../services/context.ts';
import type { RunningHub } from '../main.ts';
import { ApiClient } from './api-client.ts';
import { mailedLinkToken } from './mail-capture.ts';

export const strongPassword = 'violet-harbor-tractor-91';
export const agentPassword = 'Rack#Room-7a';

/** The link in the newest mail to `email` (invitation or reset), as written (the outbox keeps it redacted). */
export function linkTokenFor(hub: RunningHub, email: string): Promise<string> {
  return Promise.resolve(mailedLinkToken(hub.services.mail, email));
}

/** Signs in and accepts the terms: a client ready to work. */
export async function signedIn(
  hub: RunningHub,
  email: string,
  password = strongPassword,
  ip = '127.0.0.1',
): Promise<ApiClient> {
  const client = new ApiClient(hub.app, ip);
  const res = await client.signIn(email, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  if (res.body.termsRequired) {
    expect((await client.post('/api/v1/auth/accept-terms', currentTerms)).status).toBe(200);
  }
  return client;
}

/** Registers an invited user from the link in their mail and accepts the terms. */
export async function register(hub: RunningHub, email: string, ip = '127.0.0.1'): Promise<ApiClient> {
  const client = new ApiClient(hub.app, ip);
  const res = await client.post('/api/v1/auth/register', {
    token: await linkTokenFor(hub, email),
    password: strongPassword,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect((await client.post('/api/v1/auth/accept-terms', currentTerms)).status).toBe(200);
  return client;
}

export interface Tenancy {
  operator: ApiClient;
  platformId: string;
  support: { id: string; owner: ApiClient; ownerEmail: string };
  client: { id: string };
}

/** Operator → support org (pool 100) → its owner registers → one client org (plan 10). */
export async function buildTenancy(hub: RunningHub, name: string): Promise<Tenancy> {
  const opEmail = `op-${name}@example.test`;
  await hub.services.bootstrap.createOperator(cliActor, { email: opEmail, password: strongPassword });
  const operator = await signedIn(hub, opEmail);
  const session = await operator.get<{ organizations: { id: string; kind: string }[] }>(
    '/api/v1/auth/session',
  );
  const platformId = session.body.organizations.find((o) => o.kind === 'platform')?.id ?? '';
  const ownerEmail = `owner-${name}@example.test`;
  const support = await operator.post<{ id: string }>(`/api/v1/orgs/${platformId}/support-orgs`, {
    name: `${name} AV Integrators`,
    ownerEmail,
    devicePool: 100,
  });
  expect(support.status, JSON.stringify(support.body)).toBe(201);
  const owner = await register(hub, ownerEmail);
  const client = await owner.post<{ client: { id: string } }>(`/api/v1/orgs/${support.body.id}/clients`, {
    name: `${name} Client`,
    owner: { email: ownerEmail },
    plan: { maxDevices: 10, start: '2026-01-01', end: '2099-12-31' },
  });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  return {
    operator,
    platformId,
    support: { id: support.body.id, owner, ownerEmail },
    client: { id: client.body.client.id },
  };
}
