/**
 * The hub's event bus port. In one process the memory bus is enough; several hub processes share
 * NATS. Subjects are dot-separated tokens; `*` matches one token and `>` the rest (NATS rules), so
 * both adapters route identically.
 */
export type BusHandler = (payload: unknown, subject: string) => void;
export type Responder = (payload: unknown, subject: string) => Promise<unknown>;
export type Unsubscribe = () => void;

/** Whether the bus reaches its servers now, and since when it is in that state. */
export interface BusState {
  connected: boolean;
  since: Date;
  /** The server in use (when connected) or the servers being tried (when not). */
  servers: string;
  /** Hints published while disconnected that were dropped because the send buffer was full. */
  dropped: number;
}

export interface EventBus {
  readonly kind: 'memory' | 'nats';
  publish(subject: string, payload: unknown): Promise<void>;
  subscribe(pattern: string, handler: BusHandler): Promise<Unsubscribe>;
  /** Asks whoever answers `subject` (one responder) and waits up to `timeoutMs`. */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Answers requests on `subject`; resolves once the subscription is live everywhere. */
  respond(subject: string, responder: Responder): Promise<Unsubscribe>;
  /** Rejects, saying since when, while the bus is disconnected. */
  ping(): Promise<void>;
  state(): BusState;
  /**
   * Called after the bus came back from a gap: events published meanwhile by other hubs may be
   * lost, so whatever is only a hint (caches, open screens) is rebuilt from the database.
   */
  onReconnect(listener: () => void): Unsubscribe;
  close(): Promise<void>;
}

export class BusError extends Error {
  constructor(
    readonly code: 'NO_RESPONDERS' | 'TIMEOUT' | 'CLOSED' | 'REMOTE_ERROR' | 'DISCONNECTED',
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

/**
 * Asks an in-process responder as a remote one would be asked: on copies, within `timeoutMs`, its
 * failure a `REMOTE_ERROR` (the memory bus, and the NATS bus for subjects this hub answers).
 */
export async function answerInProcess(
  responder: Responder,
  subject: string,
  payload: unknown,
  timeoutMs: number,
  copy: <T>(value: T) => T = structuredClone,
): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new BusError('TIMEOUT', `No answer on ${subject} within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  try {
    const answer = responder(copy(payload), subject).catch((e: unknown) => {
      throw new BusError('REMOTE_ERROR', `The responder on ${subject} failed: ${(e as Error).message}`);
    });
    return copy(await Promise.race([answer, timeout]));
  } finally {
    clearTimeout(timer);
  }
}
