import { randomUUID } from 'node:crypto';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import {
  answerInProcess,
  BusError,
  subjectMatches,
  type BusHandler,
  type BusState,
  type EventBus,
  type Responder,
} from './event-bus.ts';

const encode = (v: unknown) => JSON.stringify(v ?? null);
/** The header naming the bus instance that published a message: it delivered it to itself already. */
const originHeader = 'Crosspoint-Origin';

export interface NatsBusOptions {
  /** The client name the servers show. */
  name?: string;
  /** Bytes published while disconnected that are kept for the reconnect; beyond, hints are dropped. */
  maxBufferedBytes?: number;
  /** First wait between reconnect rounds (doubles up to `maxReconnectWaitMs`), plus up to as much jitter. */
  reconnectWaitMs?: number;
  maxReconnectWaitMs?: number;
}

/** The servers of a `--nats-url` value: one URL or several, comma-separated. */
export const natsServers = (urls: string): string[] =>
  urls
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);

/**
 * NATS adapter: several hub processes see the same events and can reach each other's agents.
 *
 * The bus may go away and come back: the client reconnects for ever (backoff with jitter, over
 * every server of the list), `ping` says since when it is disconnected, and `onReconnect`
 * listeners rebuild what was only a hint. This hub's own subscribers and responders never need
 * the servers: a publish reaches them in-process (and the copy coming back from NATS is skipped),
 * and a request to a subject this hub answers (an agent linked here) is answered in-process.
 * Publishing never throws: while disconnected NATS keeps what is published up to
 * `maxBufferedBytes`, and drops (and counts) the rest.
 */
export async function createNatsBus(url: string, options: NatsBusOptions = {}): Promise<EventBus> {
  const servers = natsServers(url);
  const origin = randomUUID();
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const firstWait = options.reconnectWaitMs ?? 250;
  const maxWait = options.maxReconnectWaitMs ?? 5_000;
  let rounds = 0;
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: options.name ?? 'crosspoint-hub',
      timeout: 5000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: firstWait,
      reconnectJitter: firstWait,
      // Backoff with jitter between rounds over the servers, reset once connected again.
      reconnectDelayHandler: () => {
        const base = Math.min(maxWait, firstWait * 2 ** Math.min(rounds++, 10));
        return base / 2 + Math.random() * base;
      },
      // A server that stops answering without closing the socket is noticed within ~10 s.
      pingInterval: 5_000,
      maxPingOut: 2,
    });
  } catch (e) {
    throw new Error(`Cannot reach NATS at ${servers.join(', ')}: ${(e as Error).message}`, { cause: e });
  }
  const state: BusState = { connected: true, since: new Date(), servers: nc.getServer(), dropped: 0 };
  let bufferedSinceGap = 0;
  let closing = false;
  const reconnectListeners = new Set<() => void>();
  const local = new Set<{ pattern: string; handler: BusHandler }>();
  const localResponders = new Map<string, Responder>();

  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' && state.connected) {
        Object.assign(state, { connected: false, since: new Date(), servers: servers.join(', ') });
        bufferedSinceGap = 0;
      } else if (s.type === 'reconnect') {
        Object.assign(state, { connected: true, since: new Date(), servers: s.server });
        rounds = 0;
        for (const listener of reconnectListeners) listener();
      }
    }
  })();

  /** JSON copies, as a message through NATS would be. */
  const jsonCopy = <T>(value: T): T => JSON.parse(encode(value)) as T;

  const deliverLocally = (subject: string, payload: unknown) => {
    for (const sub of local) {
      if (!subjectMatches(sub.pattern, subject)) continue;
      const copy = jsonCopy(payload);
      queueMicrotask(() => sub.handler(copy, subject));
    }
  };

  return {
    kind: 'nats',
    publish(subject, payload) {
      if (closing) return Promise.resolve(); // shutting down: nobody is left to tell
      deliverLocally(subject, payload);
      const data = encode(payload);
      if (!state.connected) {
        bufferedSinceGap += data.length;
        if (bufferedSinceGap > maxBuffered) {
          state.dropped++;
          return Promise.resolve();
        }
      }
      try {
        const h = headers();
        h.set(originHeader, origin);
        nc.publish(subject, data, { headers: h });
      } catch {
        state.dropped++; // closed or draining: a hint lost, rebuilt after the next reconnect
      }
      return Promise.resolve();
    },
    async subscribe(pattern, handler) {
      const mine = { pattern, handler };
      local.add(mine);
      const sub = nc.subscribe(pattern, {
        callback: (err, msg) => {
          if (err || msg.headers?.get(originHeader) === origin) return;
          handler(msg.json(), msg.subject);
        },
      });
      if (state.connected) await nc.flush();
      return () => {
        local.delete(mine);
        sub.unsubscribe();
      };
    },
    async request(subject, payload, timeoutMs) {
      const responder = localResponders.get(subject);
      if (responder) return answerInProcess(responder, subject, payload, timeoutMs, jsonCopy);
      if (!state.connected)
        throw new BusError(
          'DISCONNECTED',
          `The bus is disconnected since ${state.since.toISOString()}: ${subject} cannot be reached.`,
        );
      let reply;
      try {
        reply = await nc.request(subject, encode(payload), { timeout: timeoutMs });
      } catch (e) {
        const text = (e as Error).message;
        if (/no responders/i.test(text)) throw new BusError('NO_RESPONDERS', `Nobody answers ${subject}.`);
        if (/timeout/i.test(text))
          throw new BusError('TIMEOUT', `No answer on ${subject} within ${timeoutMs} ms.`);
        if (/closed|disconnect|reconnect/i.test(text))
          throw new BusError('DISCONNECTED', `The bus connection broke while asking ${subject}.`);
        throw e;
      }
      const body = reply.json<{ ok: boolean; value?: unknown; error?: string }>();
      if (!body.ok) throw new BusError('REMOTE_ERROR', body.error ?? 'The responder failed.');
      return body.value;
    },
    async respond(subject, responder) {
      localResponders.set(subject, responder);
      const sub = nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          responder(msg.json(), msg.subject).then(
            (value) => msg.respond(encode({ ok: true, value })),
            (e: unknown) => msg.respond(encode({ ok: false, error: (e as Error).message })),
          );
        },
      });
      // Without this an immediate request from another hub may see "no responders".
      if (state.connected) await nc.flush();
      return () => {
        if (localResponders.get(subject) === responder) localResponders.delete(subject);
        sub.unsubscribe();
      };
    },
    async ping() {
      if (!state.connected)
        throw new BusError(
          'DISCONNECTED',
          `disconnected since ${state.since.toISOString()}; reconnecting to ${servers.join(', ')}`,
        );
      await nc.flush();
    },
    state: () => ({ ...state }),
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async close() {
      closing = true;
      reconnectListeners.clear();
      local.clear();
      localResponders.clear();
      if (nc.isClosed()) return;
      // Draining waits for the servers; while they are away there is nothing to drain.
      if (state.connected) await nc.drain();
      else await nc.close();
    },
  };
}
