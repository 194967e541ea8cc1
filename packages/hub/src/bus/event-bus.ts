/**
 * The hub's event bus port. In one process the memory bus is enough; several hub processes share
 * NATS. Subjects are dot-separated tokens; `*` matches one token and `>` the rest (NATS rules), so
 * both adapters route identically.
 */
export type BusHandler = (payload: unknown, subject: string) => void;
export type Responder = (payload: unknown, subject: string) => Promise<unknown>;
export type Unsubscribe = () => void;

export interface EventBus {
  readonly kind: 'memory' | 'nats';
  publish(subject: string, payload: unknown): Promise<void>;
  subscribe(pattern: string, handler: BusHandler): Promise<Unsubscribe>;
  /** Asks whoever answers `subject` (one responder) and waits up to `timeoutMs`. */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Answers requests on `subject`; resolves once the subscription is live everywhere. */
  respond(subject: string, responder: Responder): Promise<Unsubscribe>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class BusError extends Error {
  constructor(
    readonly code: 'NO_RESPONDERS' | 'TIMEOUT' | 'CLOSED' | 'REMOTE_ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'BusError';
  }
}

/** True when `subject` matches the NATS-style `pattern`. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
