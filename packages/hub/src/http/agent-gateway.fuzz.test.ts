// The agent gateway given arbitrary frames over a real WebSocket (fast-check): whatever arrives, the
// hub either processes the frame and the link goes on, or closes it with a code of the protocol's
// table for a malformed frame. Never 1011 (a frame it failed to store, which the agent would resend
// for ever), never silence, never a hub that stops answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LinkClose } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';

/** Any UTF-16 code unit (control characters, unpaired surrogates) and the worst ones often. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u0000', '\ud800', '\udc00', 'x'),
  ),
  maxLength: 150,
});
const anything = fc.oneof(
  hostileText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Mostly a plausible time, sometimes anything a number can be. */
const time = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 41 }) }, fc.double());
/** A plausible device with a few fields replaced: mostly by hostile text (what devices report), sometimes by anything. */
const hostileDevice = fc
  .tuple(
    fc.integer({ min: 1, max: 30 }),
    fc.dictionary(
      fc.constantFrom(
        'id',
        'family',
        'model',
        'serial',
        'name',
        'firmware',
        'ip',
        'parentId',
        'status',
        'extra',
      ),
      fc.oneof({ weight: 5, arbitrary: hostileText }, anything),
      { maxKeys: 3 },
    ),
    fc.option(fc.oneof(fc.array(hostileText, { maxLength: 10 }), anything), { nil: undefined, freq: 4 }),
    fc.option(time, { nil: undefined, freq: 2 }),
  )
  .map(([n, overrides, path, since]) => ({
    ...linkDevice(n),
    ...overrides,
    ...(path !== undefined ? { path } : {}),
    ...(since !== undefined ? { since } : {}),
  }));
const seq = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1_000 }) },
  fc.integer(),
  fc.constant(2 ** 40),
);
const frame = fc.oneof(
  fc.record({ type: fc.constant('inventory'), seq, devices: fc.array(hostileDevice, { maxLength: 5 }) }),
  fc.record({
    type: fc.constant('deltas'),
    seq,
    changes: fc.array(
      fc.record(
        {
          id: fc.oneof(hostileText, fc.constant(linkDevice(1).id)),
          status: hostileText,
          since: time,
          at: time,
          device: fc.option(hostileDevice, { nil: undefined }),
        },
        { requiredKeys: ['id', 'status', 'since', 'at'] },
      ),
      { maxLength: 5 },
    ),
  }),
  fc.record(
    {
      type: fc.constant('heartbeat'),
      at: fc.double(),
      monitoring: fc.oneof(fc.constantFrom('active', 'issue', 'off'), hostileText),
      sessions: fc.oneof(fc.nat(), anything),
      subnets: fc.option(fc.record({ enabled: fc.nat(), total: fc.nat() }), { nil: undefined }),
    },
    { requiredKeys: ['type', 'at', 'monitoring', 'sessions'] },
  ),
  fc.record(
    {
      type: fc.constant('command-result'),
      commandId: hostileText,
      ok: fc.boolean(),
      result: anything,
      error: fc.record({ code: hostileText, message: hostileText }),
    },
    { requiredKeys: ['type', 'commandId', 'ok'] },
  ),
  fc.record({
    type: fc.constant('job-progress'),
    commandId: hostileText,
    percent: fc.double(),
    phase: hostileText,
  }),
  fc.record({ type: fc.constantFrom('hello', 'welcome', 'teleport'), v: anything }),
);
const raw = fc.oneof(
  { weight: 4, arbitrary: frame.map((f) => JSON.stringify(f)) },
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  hostileText,
  fc.nat(2_000).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
);

describe('agent gateway under arbitrary frames', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let login: string;

  beforeAll(async () => {
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'fuzz-link');
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Fuzz',
      password: agentPassword,
    });
    login = server.body.login;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('processes a frame and goes on, or closes the link with a code of the table; never 1011', async () => {
    let agent: FakeAgent | undefined;
    const closes = new Map<number, number>();
    let alive = 0;
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        if (!agent) {
          agent = await FakeAgent.connect(hub.url, login, agentPassword);
          agent.hello();
          await agent.next('welcome');
        }
        agent.received.length = 0;
        agent.sendRaw(text);
        // A probe after it: frames are handled in order, so its ack says the link went on past the frame.
        agent.send({
          type: 'deltas',
          seq: 0,
          changes: [{ id: linkDevice(1).id, status: 'Healthy', since: 1, at: 1 }],
        });
        try {
          await agent.next('ack', (f) => f.seq === 0);
          alive++;
        } catch {
          const closed = await agent.waitClosed();
          // Forgotten before the check: a failing run must not hand its closed link to the next run (shrinking included).
          agent = undefined;
          expect(
            [LinkClose.Malformed, LinkClose.UnsupportedVersion],
            `${closed.code} ${closed.reason} after ${text.slice(0, 200)}`,
          ).toContain(closed.code);
          closes.set(closed.code, (closes.get(closed.code) ?? 0) + 1);
        }
      }),
      { numRuns: 80 },
    );
    agent?.close();
    // Both outcomes happened: the property saw frames taken and frames refused.
    expect(alive).toBeGreaterThan(3);
    expect(closes.get(LinkClose.Malformed) ?? 0).toBeGreaterThan(3);
    expect((await hub.get('/healthz')).status).toBe(200);
    expect((await t.support.owner.get(`/api/v1/orgs/${t.client.id}/devices`)).status).toBe(200);
  });
});
