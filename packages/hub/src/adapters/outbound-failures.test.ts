// Every outbound channel (webhook, SMS, SMTP) against peers that fail the ways real ones do — a name
// that does not resolve, a closed port, a certificate nobody trusts, a peer that never answers — on
// 127.0.0.1. Each send fails on its own with a ChannelError naming the reason (retryable), and
// nothing escapes into the process: no uncaught exception, no unhandled rejection.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  startSilentPeer,
  startUntrustedTlsPeer,
  unresolvableHost,
  type Peer,
} from '../test/failing-peers.ts';
import { startSmtpSink } from '../test/smtp-sink.ts';
import { ChannelError } from './channel-error.ts';
import { createServerMailer, type SmtpServer } from './mailer.ts';
import { createSmsSender } from './sms.ts';
import { createWebhookSender } from './webhook.ts';

const timeoutMs = 400;
const escaped: unknown[] = [];
const keep = (e: unknown) => escaped.push(e);

let silent: Peer;
let untrusted: Peer;
let closed: number;

beforeAll(async () => {
  silent = await startSilentPeer();
  untrusted = await startUntrustedTlsPeer();
  closed = await closedPort();
});
afterAll(async () => {
  await silent.close();
  await untrusted.close();
});
beforeEach(() => {
  escaped.length = 0;
  process.on('uncaughtException', keep);
  process.on('unhandledRejection', keep);
});
afterEach(async () => {
  // Late callbacks (a lookup answering after the send gave up) would land here.
  await new Promise((r) => setTimeout(r, 50));
  process.off('uncaughtException', keep);
  process.off('unhandledRejection', keep);
  expect(escaped).toEqual([]);
});

/** The send's failure: a retryable ChannelError whose message matches `reason`. */
async function failsWith(send: Promise<void>, reason: RegExp): Promise<ChannelError> {
  const e = await send.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ChannelError);
  expect((e as ChannelError).message).toMatch(reason);
  expect((e as ChannelError).permanent).toBe(false);
  return e as ChannelError;
}

const hook = (url: string) => ({ url, secret: 's', body: '{"a":1}', deliveryId: 'd1', timestamp: 1 });
const sms = { to: '+41445550100', text: 'Down', idempotencyKey: 'k1' };
const mail = { to: 'noc@example.test', subject: 'Down', text: 'Down' };
const server = (host: string, port: number, security: SmtpServer['security'] = 'none'): SmtpServer => ({
  host,
  port,
  security,
  username: null,
  password: null,
  from: 'hub@example.test',
});

describe('webhook sender against failing receivers', () => {
  it('fails on a name that does not resolve, with or without the private-address guard in the lookup', async () => {
    // The guard's lookup used to read the addresses of a failed lookup and throw in its callback.
    await failsWith(
      createWebhookSender({ timeoutMs }).send(hook(`https://${unresolvableHost}/hook`)),
      /^The webhook receiver unreachable: .*ENOTFOUND/,
    );
    await failsWith(
      createWebhookSender({ timeoutMs, allowPrivate: true }).send(hook(`http://${unresolvableHost}/hook`)),
      /ENOTFOUND/,
    );
  });

  it('fails on a closed port', async () => {
    await failsWith(
      createWebhookSender({ timeoutMs, allowPrivate: true }).send(
        hook(`http://127.0.0.1:${String(closed)}/hook`),
      ),
      /ECONNREFUSED/,
    );
  });

  it('fails on a certificate it cannot trust', async () => {
    const before = untrusted.accepted();
    await failsWith(
      createWebhookSender({ timeoutMs, allowPrivate: true }).send(
        hook(`https://127.0.0.1:${String(untrusted.port)}/hook`),
      ),
      /self-signed certificate/,
    );
    expect(untrusted.accepted()).toBeGreaterThan(before);
  });

  it('gives up on a receiver that accepts but never answers', async () => {
    const before = silent.accepted();
    const started = Date.now();
    await failsWith(
      createWebhookSender({ timeoutMs, allowPrivate: true }).send(
        hook(`http://127.0.0.1:${String(silent.port)}/hook`),
      ),
      /^The webhook receiver unreachable: no answer within 400 ms$/,
    );
    expect(silent.accepted()).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a URL it cannot parse for good', async () => {
    const e = await createWebhookSender({ timeoutMs })
      .send(hook('not a url'))
      .catch((err: unknown) => err);
    expect(e).toMatchObject({ permanent: true, message: 'The webhook has no valid URL.' });
  });
});

describe('SMS sender against failing providers', () => {
  const send = (url: string) => createSmsSender(url, 'token', timeoutMs).send(sms);

  it('fails on a name that does not resolve', async () => {
    await failsWith(send(`https://${unresolvableHost}/sms`), /^The SMS provider unreachable: .*ENOTFOUND/);
  });

  it('fails on a closed port', async () => {
    await failsWith(send(`http://127.0.0.1:${String(closed)}/sms`), /ECONNREFUSED/);
  });

  it('fails on a certificate it cannot trust', async () => {
    await failsWith(send(`https://127.0.0.1:${String(untrusted.port)}/sms`), /self-signed certificate/);
  });

  it('gives up on a provider that accepts but never answers', async () => {
    await failsWith(send(`http://127.0.0.1:${String(silent.port)}/sms`), /no answer within 400 ms/);
  });
});

describe('SMTP mailer against failing servers', () => {
  const send = (s: SmtpServer, allowPrivate = true) => {
    const mailer = createServerMailer(s, { allowPrivate, timeoutMs });
    return mailer.send(mail).finally(() => mailer.close());
  };

  it('fails on a name that does not resolve, with or without the private-address guard', async () => {
    await failsWith(send(server(unresolvableHost, 25), false), /ENOTFOUND/);
    await failsWith(send(server(unresolvableHost, 25), true), /ENOTFOUND/);
  });

  it('fails on a closed port', async () => {
    await failsWith(send(server('127.0.0.1', closed)), /ECONNREFUSED/);
  });

  it('fails on a certificate it cannot trust (TLS from the first byte)', async () => {
    const before = untrusted.accepted();
    await failsWith(send(server('127.0.0.1', untrusted.port, 'tls')), /self-signed certificate/);
    expect(untrusted.accepted()).toBeGreaterThan(before);
  });

  it('gives up on a server that accepts but never greets', async () => {
    const before = silent.accepted();
    const started = Date.now();
    await failsWith(send(server('127.0.0.1', silent.port)), /Greeting never received|timeout/i);
    expect(silent.accepted()).toBeGreaterThan(before);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('SMTP mailer and private networks', () => {
  it('checks the address the connection is made to, so a name cannot be pointed inside after a check (rebinding)', async () => {
    const sink = await startSmtpSink();
    try {
      const refusedMessage =
        'The SMTP server localhost is in a private network; the operator can allow this with CROSSPOINT_SMTP_ALLOW_PRIVATE=true.';
      // A name (not an IP) resolving to loopback: the only check is the connection's own lookup.
      const byName = createServerMailer(server('localhost', sink.port), {
        allowPrivate: false,
        timeoutMs: 2000,
      });
      expect(await byName.send(mail).catch((e: unknown) => e)).toMatchObject({
        permanent: true,
        message: refusedMessage,
      });
      // Every new connection asks again: the second message is refused as well.
      expect(await byName.send(mail).catch((e: unknown) => e)).toMatchObject({
        permanent: true,
        message: refusedMessage,
      });
      byName.close();
      const byIp = createServerMailer(server('127.0.0.1', sink.port), {
        allowPrivate: false,
        timeoutMs: 2000,
      });
      expect(await byIp.send(mail).catch((e: unknown) => e)).toMatchObject({
        permanent: true,
        message: expect.stringContaining('127.0.0.1 is in a private network') as unknown,
      });
      byIp.close();
      expect(sink.connections()).toBe(0);
      expect(sink.mails).toHaveLength(0);

      // Allowed by the operator, the same name is connected to and the mail arrives.
      const allowed = createServerMailer(server('localhost', sink.port), {
        allowPrivate: true,
        timeoutMs: 2000,
      });
      await allowed.send(mail);
      allowed.close();
      expect(sink.mails.map((m) => m.to)).toEqual(['noc@example.test']);
      expect(sink.connections()).toBe(1);
    } finally {
      await sink.close();
    }
  });
});
