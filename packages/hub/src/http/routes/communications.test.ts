// Conversations, attachments, call signals and call settings through the HTTP API: who sees what
// (a client's people their own conversations, the support organization its clients'), unread
// counts, search and paging, attachment limits, and signals that reach one person only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type {
  CallSignal,
  Conversation,
  ConversationList,
  Message,
  MessagePage,
  ParticipantList,
} from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';
import { rowsOf } from '../../repositories/raw-rows.ts';
import { openStream } from '../../test/live-stream.ts';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 1),
]);

describe('communications', () => {
  let hub: HubUnderTest;
  let a: Tenancy;
  let clientUser: ApiClient;
  let clientUserId: string;
  let otherClientUser: ApiClient;
  let otherClientId: string;
  let bravoOwner: ApiClient;
  let conversation: Conversation;
  const base = () => `/api/v1/orgs/${a.client.id}/conversations`;

  beforeAll(async () => {
    hub = await startHubForTest();
    a = await buildTenancy(hub, 'alpha');
    const owner = a.support.owner;
    await owner.post(`/api/v1/orgs/${a.client.id}/users/invitations`, {
      emails: ['chat-client@example.test'],
      role: 'monitor',
    });
    clientUser = await register(hub, 'chat-client@example.test');
    const session = await clientUser.get<{ user: { id: string } }>('/api/v1/auth/session');
    clientUserId = session.body.user.id;
    const second = await owner.post<{ client: { id: string } }>(`/api/v1/orgs/${a.support.id}/clients`, {
      name: 'Alpha Second Client',
      owner: { email: a.support.ownerEmail },
      plan: { maxDevices: 1, start: '2026-01-01', end: '2099-01-01' },
    });
    otherClientId = second.body.client.id;
    await owner.post(`/api/v1/orgs/${otherClientId}/users/invitations`, {
      emails: ['chat-other@example.test'],
      role: 'administrator',
    });
    otherClientUser = await register(hub, 'chat-other@example.test');
    await a.operator.post(`/api/v1/orgs/${a.platformId}/support-orgs`, {
      name: 'Bravo AV',
      ownerEmail: 'owner-bravo-chat@example.test',
      devicePool: 10,
    });
    bravoOwner = await register(hub, 'owner-bravo-chat@example.test');
    const started = await owner.post<Conversation>(`/api/v1/orgs/${a.support.id}/conversations`, {
      title: 'Room 4 projector',
      organizationId: a.client.id,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    conversation = started.body;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('shows a client’s conversation to its people and its support organization, with unread counts', async () => {
    const posted = await clientUser.post<Message>(`${base()}/${conversation.id}/messages`, {
      body: 'The projector in room 4 shows no picture.',
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body.author.id).toBe(clientUserId);

    const support = await a.support.owner.get<ConversationList>(`/api/v1/orgs/${a.support.id}/conversations`);
    const row = support.body.items.find((c) => c.id === conversation.id);
    expect(row?.organization.id).toBe(a.client.id);
    expect(row?.unread).toBe(1);
    expect(row?.lastMessage?.body).toMatch(/no picture/);
    expect(support.body.unread).toBe(1);
    // The author's own message is not unread for them.
    const own = await clientUser.get<ConversationList>(base());
    expect(own.body.items.map((c) => c.id)).toEqual([conversation.id]);
    expect(own.body.unread).toBe(0);

    const read = await a.support.owner.post<Conversation>(
      `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/read`,
    );
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(0);
    const after = await a.support.owner.get<ConversationList>(`/api/v1/orgs/${a.support.id}/conversations`);
    expect(after.body.unread).toBe(0);
  });

  it('keeps other clients and other support organizations out (404)', async () => {
    const path = `${base()}/${conversation.id}/messages`;
    // Another client's person, in the first client's organization and through their own.
    expect((await otherClientUser.get(path)).status).toBe(404);
    const viaOwn = await otherClientUser.get(
      `/api/v1/orgs/${otherClientId}/conversations/${conversation.id}/messages`,
    );
    expect(viaOwn.status).toBe(404);
    expect(
      (await otherClientUser.get<ConversationList>(`/api/v1/orgs/${otherClientId}/conversations`)).body.items,
    ).toEqual([]);
    // A support organization without access to the client.
    expect((await bravoOwner.get(path)).status).toBe(404);
    expect((await bravoOwner.post(path, { body: 'hello' })).status).toBe(404);
    // A client cannot start a conversation about another organization.
    const elsewhere = await clientUser.post(base(), { title: 'x', organizationId: otherClientId });
    expect(elsewhere.status).toBe(404);
    // The support organization's own conversation is not the client's to see.
    const internal = await a.support.owner.post<Conversation>(`/api/v1/orgs/${a.support.id}/conversations`, {
      title: 'Team only',
    });
    expect(internal.body.organization.id).toBe(a.support.id);
    expect((await clientUser.get(`${base()}/${internal.body.id}/messages`)).status).toBe(404);
  });

  it('pages history newest first and searches it', async () => {
    const started = await clientUser.post<Conversation>(base(), { title: 'History' });
    const path = `${base()}/${started.body.id}/messages`;
    for (let i = 1; i <= 5; i++)
      await clientUser.post(path, { body: `note ${i}${i === 3 ? ' amplifier' : ''}` });
    const first = await clientUser.get<MessagePage>(`${path}?limit=2`);
    expect(first.body.items.map((m) => m.body)).toEqual(['note 5', 'note 4']);
    const second = await clientUser.get<MessagePage>(`${path}?limit=2&cursor=${first.body.nextCursor ?? ''}`);
    expect(second.body.items.map((m) => m.body)).toEqual(['note 3 amplifier', 'note 2']);
    const found = await a.support.owner.get<MessagePage>(
      `/api/v1/orgs/${a.support.id}/conversations/${started.body.id}/messages?search=AMPLI`,
    );
    expect(found.body.items.map((m) => m.body)).toEqual(['note 3 amplifier']);
    expect((await clientUser.get(`${path}?cursor=bm90LWEtY3Vyc29y`)).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'not-a-uuid'])).toString('base64url');
    expect((await clientUser.get(`${path}?cursor=${forged}`)).status).toBe(400);
    const empty = await clientUser.post(path, { body: '   ' });
    expect(empty.status).toBe(400);
    const long = await clientUser.post(path, { body: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
  });

  it('keeps attachments: sniffed type, size limit, the conversation’s people only', async () => {
    const path = `${base()}/${conversation.id}/attachments`;
    const up = await clientUser.request<{ id: string; contentType: string; bytes: number }>(
      'POST',
      `${path}?name=photo.png`,
      png,
      { 'content-type': 'application/octet-stream' },
    );
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.contentType).toBe('image/png');
    // Not sent yet: only its uploader reads it.
    expect((await a.support.owner.get(`${path}/${up.body.id}`)).status).toBe(404);
    const msg = await clientUser.post<Message>(`${base()}/${conversation.id}/messages`, {
      body: 'See the photo',
      attachmentIds: [up.body.id],
    });
    expect(msg.body.attachments.map((x) => x.name)).toEqual(['photo.png']);
    const down = await a.support.owner.get<string>(
      `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/attachments/${up.body.id}`,
    );
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toMatch(/^attachment/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect((await otherClientUser.get(`${path}/${up.body.id}`)).status).toBe(404);
    // An attachment cannot be sent twice, nor someone else's.
    const again = await a.support.owner.post(
      `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/messages`,
      {
        body: 'mine now',
        attachmentIds: [up.body.id],
      },
    );
    expect(again.status).toBe(404);
    // A script stays a download, never HTML.
    const html = await clientUser.request<{ contentType: string }>(
      'POST',
      `${path}?name=page.html`,
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    expect(html.body.contentType).toBe('text/plain; charset=utf-8');
    const binary = await clientUser.request<{ contentType: string }>(
      'POST',
      `${path}?name=x.bin`,
      Buffer.from([0, 1, 2, 3]),
    );
    expect(binary.body.contentType).toBe('application/octet-stream');
    const big = await clientUser.request('POST', `${path}?name=big.bin`, Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    const empty = await clientUser.request('POST', `${path}?name=empty.bin`, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const json = await clientUser.post(`${path}?name=x.json`, { not: 'a file' });
    expect(json.status).toBe(415);
  });

  it('relays call signals to the other person only, and records the call once', async () => {
    const ownerId = (await a.support.owner.get<{ user: { id: string } }>('/api/v1/auth/session')).body.user
      .id;
    const heard: { who: string; signal: CallSignal }[] = [];
    const offClient = await hub.services.callSignals.subscribe(clientUserId, (e) =>
      heard.push({ who: 'client', signal: e.signal }),
    );
    const offOwner = await hub.services.callSignals.subscribe(ownerId, (e) =>
      heard.push({ who: 'owner', signal: e.signal }),
    );
    const signals = `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/call-signals`;
    const callId = '5f0c1f43-7d7e-4bb4-9a55-0d6a4f0a6c01';
    const ring = await a.support.owner.post<{ delivered: boolean }>(signals, {
      callId,
      toUserId: clientUserId,
      kind: 'video',
      type: 'ring',
    });
    expect(ring.status, JSON.stringify(ring.body)).toBe(200);
    expect(ring.body.delivered).toBe(false);
    const offer = await a.support.owner.post(signals, {
      callId,
      toUserId: clientUserId,
      kind: 'video',
      type: 'offer',
      sdp: 'v=0\r\n',
    });
    expect(offer.status).toBe(200);
    expect(heard.map((h) => `${h.who}:${h.signal.type}`)).toEqual(['client:ring', 'client:offer']);
    expect(heard[0]?.signal.from.id).toBe(ownerId);
    // Someone outside the conversation cannot be called, nor oneself; an offer needs its SDP.
    const outsider = (await otherClientUser.get<{ user: { id: string } }>('/api/v1/auth/session')).body.user
      .id;
    expect(
      (await a.support.owner.post(signals, { callId, toUserId: outsider, kind: 'video', type: 'ring' }))
        .status,
    ).toBe(404);
    expect(
      (await a.support.owner.post(signals, { callId, toUserId: ownerId, kind: 'video', type: 'ring' }))
        .status,
    ).toBe(404);
    expect(
      (await a.support.owner.post(signals, { callId, toUserId: clientUserId, kind: 'video', type: 'offer' }))
        .status,
    ).toBe(400);
    expect(
      (await bravoOwner.post(signals, { callId, toUserId: clientUserId, kind: 'video', type: 'ring' }))
        .status,
    ).toBe(404);

    const hangup = {
      callId,
      kind: 'video',
      type: 'hangup',
      callerId: ownerId,
      answered: true,
      durationS: 42,
    };
    expect(
      (await clientUser.post(`${base()}/${conversation.id}/call-signals`, { ...hangup, toUserId: ownerId }))
        .status,
    ).toBe(200);
    expect((await a.support.owner.post(signals, { ...hangup, toUserId: clientUserId })).status).toBe(200);
    const page = await clientUser.get<MessagePage>(`${base()}/${conversation.id}/messages`);
    const records = page.body.items.filter((m) => m.call);
    expect(records).toHaveLength(1);
    expect(records[0]?.call).toEqual({ kind: 'video', outcome: 'completed', durationS: 42 });
    expect(records[0]?.author.id).toBe(ownerId);
    offClient();
    offOwner();
  });

  it('delivers a call signal on the callee’s live stream only, and the message hint on both organizations’', async () => {
    const callee = await openStream(hub, a.client.id, { cookie: clientUser.cookieHeader });
    const colleague = await openStream(hub, otherClientId, { cookie: otherClientUser.cookieHeader });
    const supportStream = await openStream(hub, a.support.id, { cookie: a.support.owner.cookieHeader });
    // The same organization's stream, opened by the support owner (a member of the client too).
    const ownerOnClient = await openStream(hub, a.client.id, { cookie: a.support.owner.cookieHeader });
    const signals = `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/call-signals`;
    const offer = {
      callId: '5f0c1f43-7d7e-4bb4-9a55-0d6a4f0a6c02',
      toUserId: clientUserId,
      kind: 'audio',
      type: 'offer',
      sdp: 'v=0 secret-sdp',
    };
    const sent = await a.support.owner.post<{ delivered: boolean }>(signals, offer);
    // The callee's stream is open: online.
    expect(sent.body.delivered).toBe(true);
    await callee.waitFor((x) => x.text.includes('event: call') && x.text.includes('secret-sdp'), 'the offer');
    await clientUser.post(`${base()}/${conversation.id}/messages`, { body: 'live hint' });
    await supportStream.waitFor((x) => x.text.includes('event: conversations'), 'the support org’s hint');
    await ownerOnClient.waitFor((x) => x.text.includes('event: conversations'), 'the client org’s hint');
    for (const other of [colleague, supportStream, ownerOnClient])
      expect(other.state.text).not.toContain('secret-sdp');
    expect(colleague.state.text).not.toContain(conversation.id);
    for (const s of [callee, colleague, supportStream, ownerOnClient]) await s.close();
  });

  it('shows who is online while their live stream is open', async () => {
    const path = `${base()}/${conversation.id}/participants`;
    // A person of the support organization only takes part in its clients' conversations.
    await a.support.owner.post(`/api/v1/orgs/${a.support.id}/users/invitations`, {
      emails: ['support-agent@example.test'],
      role: 'monitor',
    });
    await register(hub, 'support-agent@example.test');
    // The streams of the test before have closed: their rows go as each stream ends.
    await expect
      .poll(
        async () =>
          (await clientUser.get<ParticipantList>(path)).body.items.find((p) => p.id === clientUserId)
            ?.presence,
      )
      .toBe('offline');
    const before = await clientUser.get<ParticipantList>(path);
    const agent = before.body.items.find((p) => p.email === 'support-agent@example.test');
    expect(agent?.organization.id).toBe(a.support.id);
    expect(before.body.items.some((p) => p.email === 'chat-other@example.test')).toBe(false);
    // A stream of a hub that died an hour ago: not online, and swept when the next stream opens.
    await hub.database.db.execute(
      sql`INSERT INTO presence_streams (id, user_id, seen_at) VALUES (gen_random_uuid(), ${clientUserId}, now() - interval '1 hour')`,
    );
    expect(
      (await clientUser.get<ParticipantList>(path)).body.items.find((p) => p.id === clientUserId)?.presence,
    ).toBe('offline');
    const close = await hub.services.presence.open(clientUserId, a.client.id);
    await expect
      .poll(
        async () =>
          rowsOf<{ n: number }>(
            await hub.database.db.execute(
              sql`SELECT count(*)::int AS n FROM presence_streams WHERE seen_at < now() - interval '10 minutes'`,
            ),
          )[0]?.n,
      )
      .toBe(0);
    const during = await a.support.owner.get<ParticipantList>(
      `/api/v1/orgs/${a.support.id}/conversations/${conversation.id}/participants`,
    );
    expect(during.body.items.find((p) => p.id === clientUserId)?.presence).toBe('online');
    close();
    await expect
      .poll(
        async () =>
          (await clientUser.get<ParticipantList>(path)).body.items.find((p) => p.id === clientUserId)
            ?.presence,
      )
      .toBe('offline');
  });

  it('keeps call settings per organization, TURN credentials sealed, inherited by clients', async () => {
    const settings = {
      iceServers: [
        { urls: ['turn:127.0.0.1:3478?transport=udp'], username: 'alpha', credential: 'turn-secret-1' },
      ],
      iceTransportPolicy: 'relay',
    };
    const put = await a.support.owner.put<{ inheritedFrom: unknown }>(
      `/api/v1/orgs/${a.support.id}/call-settings`,
      settings,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const stored = rowsOf<{ ice_servers: unknown }>(
      await hub.database.db.execute(
        sql`SELECT ice_servers FROM call_settings WHERE org_id = ${a.support.id}`,
      ),
    );
    expect(JSON.stringify(stored)).not.toContain('turn-secret-1');
    const inherited = await clientUser.get<{
      iceServers: { credential?: string }[];
      inheritedFrom: { id: string } | null;
    }>(`/api/v1/orgs/${a.client.id}/call-settings`);
    expect(inherited.body.iceServers[0]?.credential).toBe('turn-secret-1');
    expect(inherited.body.inheritedFrom?.id).toBe(a.support.id);
    // A Monitor reads them but may not change them; another support organization sees nothing.
    expect((await clientUser.put(`/api/v1/orgs/${a.client.id}/call-settings`, settings)).status).toBe(403);
    expect((await bravoOwner.get(`/api/v1/orgs/${a.support.id}/call-settings`)).status).toBe(404);
    const bad = await a.support.owner.put(`/api/v1/orgs/${a.support.id}/call-settings`, {
      iceServers: [{ urls: ['http://127.0.0.1'] }],
      iceTransportPolicy: 'all',
    });
    expect(bad.status).toBe(400);
  });
});
