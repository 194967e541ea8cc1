import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpReceiver } from '../test/http-receiver.ts';
import { ChannelError } from './channel-error.ts';
import { postJson } from './http-post.ts';
import { isPrivateAddress } from './private-address.ts';
import { createWebhookSender, verifyWebhookSignature, webhookSignature } from './webhook.ts';

describe('webhook adapter', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 and verifies it', () => {
    const signature = webhookSignature('whsec_test', 1_795_764_484, '{"a":1}');
    expect(signature).toBe(
      `sha256=${createHmac('sha256', 'whsec_test').update('1795764484.{"a":1}').digest('hex')}`,
    );
    expect(verifyWebhookSignature('whsec_test', '1795764484', '{"a":1}', signature)).toBe(true);
    expect(verifyWebhookSignature('whsec_test', '1795764485', '{"a":1}', signature)).toBe(false);
    expect(verifyWebhookSignature('other', '1795764484', '{"a":1}', signature)).toBe(false);
  });

  it('refuses private, loopback and link-local addresses unless allowed', async () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '2606:2800:220:1::1', '172.32.0.1'])
      expect(isPrivateAddress(a), a).toBe(false);
    const receiver = await startHttpReceiver();
    try {
      const call = { url: `${receiver.url}/hook`, secret: 's', body: '{}', deliveryId: 'd1', timestamp: 1 };
      const refused = await createWebhookSender()
        .send(call)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ChannelError);
      expect((refused as ChannelError).permanent).toBe(true);
      expect((refused as ChannelError).message).toMatch(/private network/);
      expect(receiver.requests).toHaveLength(0);
      await createWebhookSender({ allowPrivate: true }).send(call);
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('checks the address again when connecting, so a second DNS answer cannot point it inside (rebinding)', async () => {
    const receiver = await startHttpReceiver();
    try {
      const port = new URL(receiver.url).port;
      // A name (not an IP) that resolves to loopback when the connection is made.
      const refused = await postJson(`http://localhost:${port}/hook`, '{}', {}, 5000, 'The receiver', {
        refuse: isPrivateAddress,
        message: 'refused: private',
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ChannelError);
      expect(refused).toMatchObject({ permanent: true, message: 'refused: private' });
      expect(receiver.requests).toHaveLength(0);
      await postJson(`http://localhost:${port}/hook`, '{"a":1}', { 'x-test': '1' }, 5000, 'The receiver');
      expect(receiver.requests[0]).toMatchObject({ path: '/hook', body: '{"a":1}' });
      expect(receiver.requests[0]?.headers['x-test']).toBe('1');
      receiver.settings.status = 410;
      expect(
        await postJson(`${receiver.url}/x`, '{}', {}, 5000, 'The receiver').catch((e: unknown) => e),
      ).toMatchObject({ permanent: true, message: 'The receiver answered 410: {"ok":true}' });
      receiver.settings.status = 503;
      expect(
        await postJson(`${receiver.url}/x`, '{}', {}, 5000, 'The receiver').catch((e: unknown) => e),
      ).toMatchObject({ permanent: false });
    } finally {
      await receiver.close();
    }
  });

  it('sends every call on a connection of its own, so a receiver closing an idle one fails no call', async () => {
    // A receiver that drops a connection when a second request comes on it: what one whose
    // keep-alive timer fires just as a kept socket is reused does (both sides wait 5 s in Node).
    const seen = new Set<Socket>();
    const headers: IncomingMessage['headers'][] = [];
    const server = createServer((req, res) => {
      if (seen.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      seen.add(req.socket);
      headers.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`;
      for (let i = 0; i < 3; i++) await postJson(url, '{}', {}, 5000, 'The receiver');
      expect(seen.size).toBe(3);
      expect(headers.map((h) => h.connection)).toEqual(['close', 'close', 'close']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
