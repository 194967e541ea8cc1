import {
  LineFramer,
  cp2Dialect,
  isCp2ErrorLine,
  negotiation,
  parseCp2Reply,
  refusalOf,
  stripCommandPrompt,
  type Cp2EntryName,
  type Cp2Reply,
} from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type { ByteStream } from '../byte-stream.ts';
import { PendingReplies, type Accept } from '../pending-replies.ts';
import { cleanReply } from '../device-text.ts';

/** A request in flight: it claims the replies that carry its address, never "the next line". */
export interface ReplyMatcher<T> {
  /** Dialect entries that can answer: tried first when parsing (cheap keep-alives). */
  expects: readonly Cp2EntryName[];
  accept(reply: Cp2Reply): Accept<T>;
  /** An error line (which carries no address) fails this request if it is the oldest one taking errors. */
  takesErrors: boolean;
}

export interface Cp2ConnectionOptions {
  /** Longest line kept; longer lines are dropped and counted (default 4,096 bytes). */
  maxLineBytes?: number;
  /** A peer that stops reading: give up once this much is waiting to be sent (default 64 KiB). */
  maxWriteBacklog?: number;
  /** Most requests in flight at once (default 32). */
  maxWaiters?: number;
  /** Entries most unsolicited lines are (the keep-alive reply): tried before the whole table. */
  likely?: readonly Cp2EntryName[];
  now?: () => number;
}

export interface Cp2ConnectionStats {
  lines: number;
  /** Lines that are no reply (echoes of read requests, noise). */
  ignored: number;
  /** Error lines no request was waiting for. */
  strayErrors: number;
}

export interface Credentials {
  username: string;
  password: string;
}

type LoginState = 'greeting' | 'user-sent' | 'pass-sent' | 'ready' | 'failed';
const loginFailureText = /invalid|fail|denied|incorrect/i;

/**
 * One telnet connection to a CONVERGE Pro 2 / Huddle box over any byte stream: telnet negotiation,
 * login, framing (the shared LineFramer), reply correlation by address (the shared dialect table),
 * and every parsed line handed to `onReply` whether solicited or pushed, so facts stay current.
 */
export class Cp2Connection {
  readonly stats: Cp2ConnectionStats = { lines: 0, ignored: 0, strayErrors: 0 };
  /** When the last line (or prompt) arrived: proof of life for the keep-alive. */
  lastRxAt: number;
  private readonly framer: LineFramer;
  /** Requests in flight; the metadata is each one's matcher (expected entries, whether it takes error lines). */
  private readonly waiters = new PendingReplies<Cp2Reply, ReplyMatcher<unknown>>();
  private state: LoginState = 'greeting';
  private loginDone: { resolve: () => void; reject: (e: DeviceError) => void } | undefined;
  private closed = false;
  private closeReason: Error | undefined;
  private readonly now: () => number;

  constructor(
    private readonly stream: ByteStream,
    private readonly handlers: { onReply: (reply: Cp2Reply) => void; onClose: (reason: DeviceError) => void },
    private readonly options: Cp2ConnectionOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lastRxAt = this.now();
    this.framer = new LineFramer({ maxLineBytes: options.maxLineBytes ?? 4096 });
    stream.on('data', (chunk) => {
      this.receive(chunk);
    });
    stream.on('error', (e) => {
      this.closeReason = e;
    });
    stream.on('close', () => {
      this.finish();
    });
  }

  get isReady(): boolean {
    return this.state === 'ready' && !this.closed;
  }

  get framerStats() {
    return this.framer.stats;
  }

  /** Logs in; rejects with DEVICE_LOGIN_FAILED on refused credentials, DEVICE_TIMEOUT, or DEVICE_SESSION_CLOSED. */
  login(credentials: Credentials, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.loginDone = undefined;
        reject(
          new DeviceError(
            DeviceErrorCode.Timeout,
            `No login prompt sequence completed within ${timeoutMs} ms.`,
          ),
        );
        this.close();
      }, timeoutMs);
      this.loginDone = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.credentials = credentials;
      if (this.closed) this.failLogin(this.closedError());
      else this.advanceLogin();
    });
  }

  private credentials: Credentials | undefined;

  /** Sends a line and resolves with what `matcher` makes of the replies carrying its address. */
  request<T>(line: string, matcher: ReplyMatcher<T>, timeoutMs: number): Promise<T> {
    if (!this.isReady)
      return Promise.reject(
        this.closed ? this.closedError() : new DeviceError(DeviceErrorCode.SessionClosed, 'Not logged in.'),
      );
    if (this.waiters.size >= (this.options.maxWaiters ?? 32)) {
      return Promise.reject(
        new DeviceError(DeviceErrorCode.Busy, 'Too many requests in flight on this connection.'),
      );
    }
    const reply = this.waiters.wait((r) => matcher.accept(r), matcher, timeoutMs, redact(line));
    this.send(line);
    return reply;
  }

  /**
   * Writes one command line (CRLF appended to a string; bytes go as they are, e.g. a pre-encoded
   * keep-alive). Closes the connection if the peer has stopped reading.
   */
  send(line: string | Uint8Array): void {
    if (this.closed) return;
    this.stream.write(typeof line === 'string' ? `${line}\r\n` : line);
    if (this.stream.writableLength > (this.options.maxWriteBacklog ?? 65_536)) {
      this.closeReason = new Error('The device stopped reading (send buffer full).');
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.stream.destroy();
    this.finish();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    const framed = this.framer.push(chunk);
    for (const n of framed.negotiations) {
      const answer = refusalOf(n);
      if (answer) this.stream.write(negotiation([answer.verb, answer.option]));
    }
    this.lastRxAt = this.now();
    for (const raw of framed.lines) {
      if (this.isClosed()) return;
      this.stats.lines++;
      if (this.state === 'ready') this.onLine(raw);
      else this.onLoginLine(raw);
    }
    if (this.state !== 'ready' && this.state !== 'failed') this.advanceLogin();
  }

  /** A handler may close the connection while lines are being dispatched. */
  private isClosed(): boolean {
    return this.closed;
  }

  private advanceLogin(): void {
    const creds = this.credentials;
    if (!creds || this.closed) return;
    const prompt = this.framer.prompt();
    if (prompt === 'command') {
      this.state = 'ready';
      const done = this.loginDone;
      this.loginDone = undefined;
      done?.resolve();
    } else if (prompt === 'username') {
      if (this.state === 'pass-sent') this.failLogin(loginRefused());
      else if (this.state === 'greeting') {
        this.state = 'user-sent';
        this.send(creds.username);
      }
    } else if (prompt === 'password' && this.state !== 'pass-sent') {
      this.state = 'pass-sent';
      this.send(creds.password);
    }
  }

  private onLoginLine(raw: string): void {
    if (this.state === 'pass-sent' && loginFailureText.test(raw)) this.failLogin(loginRefused());
  }

  private failLogin(error: DeviceError): void {
    this.state = 'failed';
    const done = this.loginDone;
    this.loginDone = undefined;
    done?.reject(error);
    this.close();
  }

  /**
   * Lines starting with this (after the `=> ` prompt) are the keep-alive's answer: proof of life,
   * no facts. With no request waiting they are dropped before any parsing (5,000 a second).
   */
  quietPrefix: string | undefined;

  private onLine(raw: string): void {
    const quiet = this.quietPrefix;
    if (
      quiet !== undefined &&
      this.waiters.size === 0 &&
      raw.startsWith(quiet, raw.startsWith('=> ') ? 3 : 0)
    )
      return;
    const line = stripCommandPrompt(raw);
    if (line === '') return;
    if (isCp2ErrorLine(line)) {
      const error = new DeviceError(DeviceErrorCode.Rejected, `The device refused the command: ${line}`);
      if (!this.waiters.failOldest(error, (m) => m.takesErrors)) this.stats.strayErrors++;
      return;
    }
    const parsed = this.parse(line);
    const reply = parsed && cleanReply(parsed);
    if (!reply) {
      this.stats.ignored++;
      return;
    }
    this.waiters.offer(reply);
    this.handlers.onReply(reply);
  }

  /** Tries the entries waiters expect first: the keep-alive reply costs one template match, not the whole table. */
  private parse(line: string): Cp2Reply | undefined {
    for (const matcher of this.waiters.metas()) {
      const hit = parseAs(matcher.expects, line);
      if (hit) return hit;
    }
    return parseAs(this.options.likely ?? [], line) ?? parseCp2Reply(line);
  }

  private closedError(): DeviceError {
    const why = this.closeReason ? `: ${this.closeReason.message}` : '';
    return new DeviceError(DeviceErrorCode.SessionClosed, `The connection closed${why}.`, {
      cause: this.closeReason,
    });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    const error = this.closedError();
    if (this.loginDone) {
      // Closed right after our password: the device refused it (devices.md §5.8).
      this.failLogin(this.state === 'pass-sent' ? loginRefused() : error);
    }
    this.waiters.failAll(error);
    this.framer.reset();
    this.handlers.onClose(error);
  }
}

function parseAs(names: readonly Cp2EntryName[], line: string): Cp2Reply | undefined {
  for (const name of names) {
    const params = (cp2Dialect[name].reply as { parse(l: string): unknown }).parse(line);
    if (params !== undefined) return { name, params } as Cp2Reply;
  }
  return undefined;
}

const loginRefused = () =>
  new DeviceError(DeviceErrorCode.LoginFailed, 'The device refused the username or password.');

/** Hides secrets of credential commands in error messages. */
function redact(line: string): string {
  return /CREDENTIALS|PROVISION/i.test(line) ? line.split(' ').slice(0, 3).join(' ') + ' …' : line;
}
