// The live events stream (SSE) of an organization over a real listening hub: a stream ends once its
// credentials no longer reach the organization — a member removed, an API token revoked — while
// the streams of people who still belong go on receiving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgEventsSubject } from '../../services/live-events.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { openStream } from '../../test/live-stream.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';

describe('live events of an organization', () => {
  let hub: HubUnderTest;
  let t: Tenancy;

  beforeAll(async () => {
    hub = await startHubForTest({ liveAccessCheckMs: 150 });
    t = await buildTenancy(hub, 'live');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('ends the stream of a member removed from the organization and of a revoked API token; others go on', async () => {
    const owner = t.support.owner;
    const email = 'leaver@example.test';
    expect(
      (
        await owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
          emails: [email],
          role: 'monitor',
        })
      ).status,
    ).toBe(200);
    const leaver = await register(hub, email);
    const users = await owner.get<{ items: { id: string; email: string }[] }>(
      `/api/v1/orgs/${t.client.id}/users?search=${encodeURIComponent(email)}`,
    );
    const leaverId = users.body.items.find((u) => u.email === email)?.id ?? '';
    const token = await owner.post<{ token: { id: string }; secret: string }>(
      `/api/v1/orgs/${t.client.id}/api-tokens`,
      { name: 'wallboard', role: 'monitor' },
    );
    expect(token.status, JSON.stringify(token.body)).toBe(201);

    const ownerStream = await openStream(hub, t.client.id, { cookie: owner.cookieHeader });
    const leaverStream = await openStream(hub, t.client.id, { cookie: leaver.cookieHeader });
    const tokenStream = await openStream(hub, t.client.id, { authorization: `Bearer ${token.body.secret}` });
    try {
      // Several access checks pass while everyone still belongs: nothing ends, events arrive.
      await new Promise((r) => setTimeout(r, 600));
      await hub.bus.publish(orgEventsSubject(t.client.id), { kind: 'devices', changed: 1 });
      for (const s of [ownerStream, leaverStream, tokenStream])
        await s.waitFor((x) => x.text.includes('event: devices'), 'the first event');
      expect([ownerStream, leaverStream, tokenStream].map((s) => s.state.ended)).toEqual([
        false,
        false,
        false,
      ]);

      const removed = await owner.delete(`/api/v1/orgs/${t.client.id}/users/${leaverId}`);
      expect(removed.status, JSON.stringify(removed.body)).toBeLessThan(300);
      await leaverStream.waitFor((s) => s.ended, 'the removed member’s stream to end');
      expect(leaverStream.state.text).toMatch(
        /event: closed\ndata: \{"kind":"closed","reason":"access","status":404\}/,
      );

      const revoked = await owner.delete(`/api/v1/orgs/${t.client.id}/api-tokens/${token.body.token.id}`);
      expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
      await tokenStream.waitFor((s) => s.ended, 'the revoked token’s stream to end');
      expect(tokenStream.state.text).toMatch(
        /event: closed\ndata: \{"kind":"closed","reason":"access","status":401\}/,
      );

      // Nothing reaches them any more; the owner's stream still gets what happens.
      await hub.bus.publish(orgEventsSubject(t.client.id), { kind: 'servers', changed: 1 });
      await ownerStream.waitFor((s) => s.text.includes('event: servers'), 'the owner’s next event');
      expect(ownerStream.state.ended).toBe(false);
      expect(leaverStream.state.text).not.toContain('event: servers');
      expect(tokenStream.state.text).not.toContain('event: servers');
      // The hub still answers on the same connection pool.
      expect((await hub.get('/healthz')).status).toBe(200);
    } finally {
      await Promise.all([ownerStream.close(), leaverStream.close(), tokenStream.close()]);
    }
  });
  // Last: it stops the hub. A stream never ends on its own, and the server waits for open requests.
  it('ends every open stream when the hub stops, so stopping never waits on a browser', async () => {
    const token = (
      await t.support.owner.post<{ secret: string }>(`/api/v1/orgs/${t.client.id}/api-tokens`, {
        name: 'tab',
        role: 'monitor',
      })
    ).body.secret;
    const stream = await openStream(hub, t.client.id, { authorization: `Bearer ${token}` });
    const stopped = hub.close().then(() => 'stopped' as const);
    const late = new Promise<'still open'>((r) => setTimeout(() => r('still open'), 10_000));
    expect(await Promise.race([stopped, late])).toBe('stopped');
    await stream.waitFor((s) => s.ended, 'the end of the stream');
  });
});
