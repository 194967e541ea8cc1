// Chat and calls between a support organization's person and a client's, in two Chromium contexts
// with fake camera and microphone: a message arrives live on the other side with the unread badge,
// a reply carries a photo (uploaded, sent, downloaded with its sniffed type),
// a video call rings, is accepted and carries video both ways (getStats), hang-up ends it on both
// sides and its record appears in the conversation. The media relay through a TURN server the test
// starts on 127.0.0.1 (relay-only policy), so no packet leaves loopback; the test checks the
// selected candidate pair is on 127.x.
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import Turn from 'node-turn';
import type { RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { outboxToken, signInAsDemoOwner, startHubForBrowser } from './hub-fixture.ts';

const clientEmail = 'carla@globex.example';
const clientPassword = 'violet-harbor-tractor-91';

/** A free UDP port on 127.0.0.1 (the TURN server's listener). */
const freeUdpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });

interface CallStats {
  videoBytes: number;
  local: { address: string; type: string; related: string } | null;
  remote: { address: string; type: string } | null;
}

/** The page's peer connection (exposed when localStorage opts in): video bytes received, the selected pair. */
const callStats = (page: Page): Promise<CallStats | null> =>
  page.evaluate(async () => {
    const pc = (window as unknown as { crosspointPeer?: RTCPeerConnection }).crosspointPeer;
    if (!pc) return null;
    const report = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    let videoBytes = 0;
    let pairId: string | undefined;
    report.forEach((s: Record<string, unknown>) => {
      byId.set(String(s.id), s);
      if (s.type === 'inbound-rtp' && s.kind === 'video') videoBytes += Number(s.bytesReceived ?? 0);
      if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string')
        pairId = s.selectedCandidatePairId;
    });
    const pair = pairId ? byId.get(pairId) : undefined;
    const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
    const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined;
    return {
      videoBytes,
      local: local
        ? {
            address: text(local.address),
            type: text(local.candidateType),
            related: text(local.relatedAddress),
          }
        : null,
      remote: remote ? { address: text(remote.address), type: text(remote.candidateType) } : null,
    };
  });

async function acceptTermsIfAsked(page: Page): Promise<void> {
  const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
  await terms.getByLabel('I accept the Terms of Use').check();
  await terms.getByLabel('I accept the Privacy Policy').check();
  await terms.getByRole('button', { name: 'Accept' }).click();
}

const openCommunications = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Communications/ })
    .click();
  await page.getByRole('heading', { name: 'Communications', level: 1 }).waitFor();
};

describe('chat and calls in two Chromium contexts', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let turn: Turn;
  /** The addresses the TURN server heard from (it answers only 127.x). */
  const turnSources = new Set<string>();
  let support: Page;
  let client: Page;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const { clientId } = await hub.services.bootstrap.seedDemo();
    const tokenActor = (orgId: string) => ({
      userId: null,
      label: 'communications test',
      ip: null,
      token: { id: 'test', orgId, role: 'administrator' as const },
    });
    const clientCtx = await hub.services.access.resolve(tokenActor(clientId), clientId);
    await hub.services.users.invite(clientCtx, { emails: [clientEmail], role: 'monitor' });
    const registered = await fetch(`${hub.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: await outboxToken(hub, clientEmail),
        password: clientPassword,
        firstName: 'Carla',
        lastName: 'Client',
      }),
    });
    expect(registered.status).toBe(200);
    // The support organization's TURN server, on loopback, relay only: the client inherits it.
    const port = await freeUdpPort();
    turn = new Turn({
      listeningPort: port,
      listeningIps: ['127.0.0.1'],
      relayIps: ['127.0.0.1'],
      minPort: 40000 + (port % 20000),
      maxPort: 40000 + (port % 20000) + 200,
      authMech: 'long-term',
      credentials: { crosspoint: 'turn-test-secret' },
      debugLevel: 'OFF',
      log: () => undefined,
    });
    // Chromium also allocates from a socket bound to the machine's other address (to 127.0.0.1,
    // over loopback still): the server answers loopback sources only, so every packet of the
    // calls is 127.x to 127.x.
    const emit = turn.emit.bind(turn);
    turn.emit = (event: string, ...args: unknown[]) => {
      const source = (args[0] as { transport?: { src?: { address?: string } } } | undefined)?.transport?.src
        ?.address;
      if (event === 'message' && source !== undefined) {
        turnSources.add(source);
        if (!source.startsWith('127.')) return false;
      }
      return emit(event, ...args);
    };
    turn.start();
    const supportId = clientCtx.org.parentId ?? '';
    const supportCtx = await hub.services.access.resolve(tokenActor(supportId), supportId);
    await hub.services.callSettings.set(supportCtx, {
      iceServers: [
        {
          urls: [`turn:127.0.0.1:${String(port)}?transport=udp`],
          username: 'crosspoint',
          credential: 'turn-test-secret',
        },
      ],
      iceTransportPolicy: 'relay',
    });
    browser = await launchBrowser({ fakeMedia: true });
    support = await browser.newPage();
    client = await browser.newPage();
    for (const page of [support, client])
      await page.addInitScript(() => localStorage.setItem('crosspoint.exposePeer', '1'));
  });
  afterAll(async () => {
    await browser.close();
    turn.stop();
    await hub.close();
  });

  it('delivers a message live to the other side, with the unread badge', async () => {
    await signInAsDemoOwner(support, hub.url);
    await support.getByRole('heading', { name: 'Demo AV Integrators', level: 1 }).waitFor();
    await client.goto(`${hub.url}/sign-in`);
    await client.getByLabel('Username or email address').fill(clientEmail);
    await client.getByLabel('Password', { exact: true }).fill(clientPassword);
    await client.getByRole('button', { name: 'Sign in' }).click();
    await acceptTermsIfAsked(client);
    await client.getByRole('heading', { name: 'Globex Corporation', level: 1 }).waitFor();
    await client.getByRole('status', { name: 'Live updates on' }).waitFor();
    expect(await client.getByTestId('unread-badge').count()).toBe(0);

    await openCommunications(support);
    await support.getByRole('button', { name: 'New conversation' }).click();
    await support.getByLabel('Subject').fill('Room 4 projector');
    expect(await support.getByLabel('With').inputValue()).not.toBe('');
    await support.getByRole('button', { name: 'Start' }).click();
    await support.getByRole('heading', { name: 'Room 4 projector', level: 2 }).waitFor();
    await support.getByLabel('Message', { exact: true }).fill('Hello Carla, we see the projector is down.');
    await support.getByRole('button', { name: 'Send' }).click();
    await support.getByTestId('message').getByText('Hello Carla, we see the projector is down.').waitFor();
    await expectNoSeriousViolations(support, 'communications (support)');

    // The client, on the dashboard all along: the badge counts the message, live.
    await client.getByTestId('unread-badge').getByText('1', { exact: false }).waitFor();
    expect(await client.getByTestId('unread-badge').innerText()).toMatch(/^1/);
    await openCommunications(client);
    await client.getByTestId('message').getByText('Hello Carla, we see the projector is down.').waitFor();
    // Read on screen: the badge goes.
    await client.getByTestId('unread-badge').waitFor({ state: 'detached' });
    // A photo goes with the reply: uploaded first, sent with the message, a download on the other side.
    await client.getByLabel('Attach files').setInputFiles({
      name: 'room4.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(64),
      ]),
    });
    await client.getByRole('list', { name: 'Attached files' }).getByText('room4.png').waitFor();
    await client.getByLabel('Message', { exact: true }).fill('Thanks, it shows no picture at all.');
    await client.getByLabel('Message', { exact: true }).press('Enter');
    await support.getByTestId('message').getByText('Thanks, it shows no picture at all.').waitFor();
    const link = support.getByTestId('message').getByRole('link', { name: 'room4.png' });
    await link.waitFor();
    const download = await support.request.get(
      new URL((await link.getAttribute('href')) ?? '', hub.url).href,
    );
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('image/png');
    await expectNoSeriousViolations(client, 'communications (client)');
  });

  it('connects a video call over loopback TURN, carries video both ways, and hangs up on both sides', async () => {
    const people = support.getByRole('complementary', { name: 'People' });
    await people.getByRole('button', { name: 'Video call Carla Client' }).click();
    const ringing = client.getByRole('alertdialog', { name: 'Incoming video call' });
    await ringing.waitFor();
    expect(await ringing.innerText()).toMatch(/calling you/);
    await expectNoSeriousViolations(client, 'incoming call');
    // The accept button has the focus: Enter accepts.
    await client.keyboard.press('Enter');
    await ringing.waitFor({ state: 'detached' });

    for (const page of [support, client])
      await page.locator('[data-call-phase="active"]').waitFor({ timeout: 20_000 });
    for (const page of [support, client]) {
      await expect
        .poll(async () => (await callStats(page))?.videoBytes ?? 0, { timeout: 20_000 })
        .toBeGreaterThan(0);
      const stats = await callStats(page);
      expect(stats?.local?.type).toBe('relay');
      expect(stats?.local?.address).toMatch(/^127\./);
      expect(stats?.remote?.address).toMatch(/^127\./);
    }
    expect([...turnSources].some((a) => a.startsWith('127.'))).toBe(true);
    await client.getByRole('timer', { name: 'Call duration' }).waitFor();
    await client.getByRole('button', { name: 'Mute' }).click();
    await client.getByRole('button', { name: 'Unmute', pressed: true }).waitFor();
    await support.getByRole('button', { name: 'Camera off' }).click();
    await support.getByRole('button', { name: 'Camera on', pressed: true }).waitFor();
    await expectNoSeriousViolations(support, 'call in progress');
    await screenshot(support, 'communications-call');

    await support.getByRole('button', { name: 'Hang up' }).click();
    for (const page of [support, client]) {
      await page.getByRole('region', { name: 'Call' }).waitFor({ state: 'detached' });
      await page
        .getByTestId('call-record')
        .getByText(/^Video call · 0:\d\d$/)
        .waitFor();
    }
    expect(await support.getByTestId('call-record').count()).toBe(1);
  });

  it('records a declined call', async () => {
    await client
      .getByRole('complementary', { name: 'People' })
      .getByRole('button', { name: 'Audio call Dana Owner' })
      .first()
      .click();
    const ringing = support.getByRole('alertdialog', { name: 'Incoming audio call' });
    await ringing.waitFor();
    await ringing.getByRole('button', { name: 'Decline' }).click();
    await client.getByText(/declined the call/).waitFor();
    for (const page of [support, client])
      await page.getByTestId('call-record').getByText('Declined audio call').waitFor();
  });
});
