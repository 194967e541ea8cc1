import { connect, type Socket } from 'node:net';
import {
  LineFramer,
  stripCommandPrompt,
  type PromptKind,
  type TelnetNegotiation,
} from '@crosspoint/protocol';

/** A small test peer for the simulator: records every line, waits for lines and prompts. */
export class TestClient {
  readonly lines: string[] = [];
  readonly negotiations: TelnetNegotiation[] = [];
  readonly raw: Buffer[] = [];
  readonly framer = new LineFramer();
  private cursor = 0;
  private wake: (() => void) | undefined;
  closed = false;
  readonly whenClosed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (b: Buffer) => {
      this.raw.push(b);
      const out = this.framer.push(b);
      this.lines.push(...out.lines.map(stripCommandPrompt).filter((l) => l !== ''));
      this.negotiations.push(...out.negotiations);
      this.wake?.();
    });
    socket.on('error', () => undefined);
    this.whenClosed = new Promise((resolve) =>
      socket.once('close', () => {
        this.closed = true;
        this.wake?.();
        resolve();
      }),
    );
  }

  static connect(host: string, port: number): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(new TestClient(s)));
      s.once('error', reject);
    });
  }

  /** Bytes received so far, as latin1 text (to look at raw framing). */
  rawText(): string {
    return Buffer.concat(this.raw).toString('latin1');
  }

  private async until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (this.closed)
        throw new Error(`connection closed while waiting for ${what}; lines: ${JSON.stringify(this.lines)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; lines: ${JSON.stringify(this.lines.slice(-10))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** The next unread line matching (consumes it and everything before it). */
  next(match: RegExp | string = /.*/, timeoutMs = 2000): Promise<string> {
    const re =
      typeof match === 'string' ? new RegExp(`^${match.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : match;
    return this.until(
      () => {
        for (let i = this.cursor; i < this.lines.length; i++) {
          const line = this.lines[i] ?? '';
          if (re.test(line)) {
            this.cursor = i + 1;
            return line;
          }
        }
        return undefined;
      },
      `a line matching ${String(re)}`,
      timeoutMs,
    );
  }

  prompt(kind: PromptKind, timeoutMs = 2000): Promise<true> {
    return this.until(() => (this.framer.prompt() === kind ? true : undefined), `prompt ${kind}`, timeoutMs);
  }

  closedWithin(timeoutMs = 2000): Promise<true> {
    return this.until(() => (this.closed ? true : undefined), 'close', timeoutMs).catch((e: unknown) => {
      if (this.closed) return true as const;
      throw e;
    });
  }

  send(text: string, eol = '\r\n'): void {
    this.socket.write(`${text}${eol}`);
  }

  async login(username = 'clearone', password = 'converge'): Promise<void> {
    await this.prompt('username');
    this.send(username);
    await this.prompt('password');
    this.send(password);
    await this.prompt('command');
  }

  /** Sends a command and returns the next line starting with `expect` (default: the command itself). */
  async ask(command: string, expect: RegExp | string = command, timeoutMs = 2000): Promise<string> {
    this.send(command);
    return this.next(expect, timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Connects and logs in. */
export async function loggedIn(
  host: string,
  port: number,
  user?: string,
  password?: string,
): Promise<TestClient> {
  const c = await TestClient.connect(host, port);
  await c.login(user, password);
  return c;
}

/** Clients a test file opens, closed together after each test. */
export function clientPool(port = 2323) {
  const open: { close(): void }[] = [];
  const track = <T extends { close(): void }>(c: T): T => {
    open.push(c);
    return c;
  };
  return {
    track,
    session: async (host: string, user?: string, password?: string) =>
      track(await loggedIn(host, port, user, password)),
    closeAll: () => {
      for (const c of open.splice(0)) c.close();
    },
  };
}

/** Tries to log in and returns the login-failure line the box answers. */
export async function failedLogin(
  pool: ReturnType<typeof clientPool>,
  host: string,
  failText: string,
  user = 'clearone',
  password = 'converge',
): Promise<string> {
  const c = pool.track(await TestClient.connect(host, 2323));
  await c.prompt('username');
  c.send(user);
  await c.prompt('password');
  c.send(password);
  return c.next(failText);
}
