import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BusError, type EventBus } from './event-bus.ts';

const encode = (v: unknown) => JSON.stringify(v ?? null);

/** NATS adapter: several hub processes see the same events and can reach each other's agents. */
export async function createNatsBus(url: string, name = 'crosspoint-hub'): Promise<EventBus> {
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name, timeout: 5000 });
  } catch (e) {
    throw new Error(`Cannot reach NATS at ${url}: ${(e as Error).message}`, { cause: e });
  }
  return {
    kind: 'nats',
    publish(subject, payload) {
      nc.publish(subject, encode(payload));
      return Promise.resolve();
    },
    async subscribe(pattern, handler) {
      const sub = nc.subscribe(pattern, {
        callback: (err, msg) => {
          if (!err) handler(msg.json(), msg.subject);
        },
      });
      await nc.flush();
      return () => sub.unsubscribe();
    },
    async request(subject, payload, timeoutMs) {
      let reply;
      try {
        reply = await nc.request(subject, encode(payload), { timeout: timeoutMs });
      } catch (e) {
        const text = (e as Error).message;
        if (/no responders/i.test(text)) throw new BusError('NO_RESPONDERS', `Nobody answers ${subject}.`);
        if (/timeout/i.test(text))
          throw new BusError('TIMEOUT', `No answer on ${subject} within ${timeoutMs} ms.`);
        throw e;
      }
      const body = reply.json<{ ok: boolean; value?: unknown; error?: string }>();
      if (!body.ok) throw new BusError('REMOTE_ERROR', body.error ?? 'The responder failed.');
      return body.value;
    },
    async respond(subject, responder) {
      const sub = nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          responder(msg.json(), msg.subject).then(
            (value) => msg.respond(encode({ ok: true, value })),
            (e: unknown) => msg.respond(encode({ ok: false, error: (e as Error).message })),
          );
        },
      });
      await nc.flush(); // without this an immediate request may see "no responders"
      return () => sub.unsubscribe();
    },
    async ping() {
      await nc.flush();
    },
    async close() {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
