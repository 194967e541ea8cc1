import {
  answerInProcess,
  BusError,
  subjectMatches,
  type BusHandler,
  type EventBus,
  type Responder,
} from './event-bus.ts';

/** In-process bus for a single hub. Delivery is asynchronous, like NATS, so code cannot rely on re-entrancy. */
export function createMemoryBus(): EventBus {
  const subs = new Set<{ pattern: string; handler: BusHandler }>();
  const responders = new Map<string, Responder>();
  let closed = false;
  const since = new Date();
  const guard = () => {
    if (closed) throw new BusError('CLOSED', 'The event bus is closed.');
  };
  return {
    kind: 'memory',
    publish(subject, payload) {
      guard();
      const copy = structuredClone(payload);
      for (const sub of subs) {
        if (subjectMatches(sub.pattern, subject)) queueMicrotask(() => sub.handler(copy, subject));
      }
      return Promise.resolve();
    },
    subscribe(pattern, handler) {
      guard();
      const sub = { pattern, handler };
      subs.add(sub);
      return Promise.resolve(() => subs.delete(sub));
    },
    async request(subject, payload, timeoutMs) {
      guard();
      const responder = responders.get(subject);
      if (!responder) throw new BusError('NO_RESPONDERS', `Nobody answers ${subject}.`);
      return await answerInProcess(responder, subject, payload, timeoutMs);
    },
    respond(subject, responder) {
      guard();
      responders.set(subject, responder);
      return Promise.resolve(() => {
        if (responders.get(subject) === responder) responders.delete(subject);
      });
    },
    ping() {
      guard();
      return Promise.resolve();
    },
    state() {
      return { connected: !closed, since, servers: 'in-process', dropped: 0 };
    },
    onReconnect() {
      return () => undefined;
    },
    close() {
      closed = true;
      subs.clear();
      responders.clear();
      return Promise.resolve();
    },
  };
}
