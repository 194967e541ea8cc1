import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { LinkDevice } from '@crosspoint/protocol';
import type { RunningHub } from '../main.ts';
import type { ApiClient } from './api-client.ts';
import { FakeAgent } from './fake-agent.ts';
import type { ReceivedRequest } from './http-receiver.ts';
import { agentPassword } from './tenancy-fixture.ts';

export interface Page<T> {
  items: T[];
  total: number;
}
export interface IncidentView {
  id: string;
  state: string;
  condition: string;
  subject: { type: string; id: string; name: string };
  muted: boolean;
  openedAt: string | null;
  notifiedAt: string | null;
  foldedInto: { type: string; id: string } | null;
  repeats: number;
  detail: Record<string, unknown>;
}
export interface DeliveryView {
  id: number;
  incidentId: string;
  event: string;
  channel: string;
  to: string;
  subject: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** Polls `probe` until it returns something (or fails after `timeoutMs`). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** HMAC-SHA256 of "<timestamp>.<body>", computed here independently of the hub's code. */
export function validSignature(req: ReceivedRequest, secret: string): boolean {
  const ts = String(req.headers['x-crosspoint-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`;
  return req.headers['x-crosspoint-signature'] === expected && Math.abs(Number(ts) - Date.now() / 1000) < 300;
}

export interface LinkedSite {
  agent: FakeAgent;
  serverId: string;
  login: string;
  seq: () => number;
}

/** Adds a server account, links a scripted agent to it and sends its inventory. */
export async function connectAgent(
  hub: RunningHub,
  owner: ApiClient,
  orgId: string,
  name: string,
  devices: LinkDevice[],
): Promise<LinkedSite> {
  const server = await owner.post<{ id: string; login: string }>(`/api/v1/orgs/${orgId}/servers`, {
    name,
    password: agentPassword,
  });
  expect(server.status, JSON.stringify(server.body)).toBe(201);
  const site = await relink(hub, server.body.login, name);
  site.serverId = server.body.id;
  const seq = site.seq();
  site.agent.send({ type: 'inventory', seq, devices });
  await site.agent.next('ack', (f) => f.seq === seq);
  return site;
}

/** Links a scripted agent (again) to an existing account; sequence numbers continue. */
export async function relink(hub: RunningHub, login: string, name: string): Promise<LinkedSite> {
  const agent = await FakeAgent.connect(hub.url, login, agentPassword);
  agent.hello(`instance-${name}`);
  let seq = (await agent.next('welcome')).lastSeq;
  return { agent, serverId: '', login, seq: () => ++seq };
}

/** The agent reports new statuses for these devices, observed now. */
export async function setStatus(
  site: LinkedSite,
  ids: string[],
  status: string,
  since = Date.now(),
): Promise<void> {
  const seq = site.seq();
  site.agent.send({ type: 'deltas', seq, changes: ids.map((id) => ({ id, status, since, at: since })) });
  await site.agent.next('ack', (f) => f.seq === seq);
}

/** The 6-digit code in a verification text. */
export const smsCodeIn = (text: string): string => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

/**
 * Adds and verifies an SMS number the way a person does: ask for a code, read it where it
 * arrived (the SMS provider's receiver, or the operator's outbox without a provider), type it in.
 */
export async function verifySmsNumber(
  hub: RunningHub,
  client: ApiClient,
  number: string,
  sms?: { waitFor(path: string, count?: number): Promise<ReceivedRequest[]>; requests: ReceivedRequest[] },
): Promise<void> {
  const before = sms?.requests.filter((r) => r.path === '/sms').length ?? 0;
  const started = await client.put<{ pending: { number: string } | null }>('/api/v1/me/sms-number', {
    smsNumber: number,
  });
  expect(started.status).toBe(200);
  expect(started.body.pending?.number).toBe(number);
  let text: string;
  if (sms) {
    const texts = await sms.waitFor('/sms', before + 1);
    const code = texts[before];
    text = (JSON.parse(code?.body ?? '{}') as { text: string }).text;
    // The receiver's list keeps alert texts only.
    if (code) sms.requests.splice(sms.requests.indexOf(code), 1);
  } else {
    const [kept] = await hub.services.mail.recent(1, number);
    text = kept?.text ?? '';
  }
  const verified = await client.post<{ smsNumber: string }>('/api/v1/me/sms-number/verify', {
    code: smsCodeIn(text),
  });
  expect(verified.status).toBe(200);
  expect(verified.body.smsNumber).toBe(number);
}
