import { connect, type Socket } from 'node:net';
import { LineFramer } from '@crosspoint/protocol';

export interface FtpReply {
  code: number;
  text: string;
}

/** A minimal passive-mode FTP client for tests (the agent has its own). */
export class TestFtp {
  private readonly framer = new LineFramer();
  private readonly replies: FtpReply[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    let multi: string[] = [];
    socket.on('data', (b: Buffer) => {
      for (const line of this.framer.push(b).lines) {
        const m = /^(\d{3})([ -])(.*)$/.exec(line);
        if (m?.[2] === ' ' && (multi.length === 0 || line.startsWith(multi[0]?.slice(0, 3) ?? ''))) {
          this.replies.push({ code: Number(m[1]), text: [...multi.slice(1), m[3] ?? ''].join('\n') });
          multi = [];
        } else multi.push(line);
      }
      this.wake?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static async connect(host: string, port: number): Promise<TestFtp> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(s));
      s.once('error', reject);
    });
    const c = new TestFtp(socket);
    await c.reply();
    return c;
  }

  async reply(timeoutMs = 3000): Promise<FtpReply> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (this.closed) throw new Error('FTP connection closed');
      if (Date.now() > deadline) throw new Error('FTP reply timed out');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return this.replies.shift() as FtpReply;
  }

  async cmd(line: string): Promise<FtpReply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  async login(user = 'clearone', password = 'converge'): Promise<FtpReply> {
    await this.cmd(`USER ${user}`);
    return this.cmd(`PASS ${password}`);
  }

  private async data(): Promise<Socket> {
    const r = await this.cmd('EPSV');
    const port = Number(/\(\|\|\|(\d+)\|\)/.exec(r.text)?.[1]);
    const host = this.socket.remoteAddress ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(s));
      s.once('error', reject);
    });
  }

  async store(path: string, content: Buffer): Promise<FtpReply> {
    const d = await this.data();
    const first = await this.cmd(`STOR ${path}`);
    if (first.code !== 150) {
      d.destroy();
      return first;
    }
    d.end(content);
    return this.reply();
  }

  async retrieve(path: string): Promise<{ reply: FtpReply; data: Buffer }> {
    const d = await this.data();
    const chunks: Buffer[] = [];
    d.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => d.once('close', () => resolve()));
    const first = await this.cmd(`RETR ${path}`);
    if (first.code !== 150) {
      d.destroy();
      return { reply: first, data: Buffer.alloc(0) };
    }
    await ended;
    return { reply: await this.reply(), data: Buffer.concat(chunks) };
  }

  async list(path = ''): Promise<string> {
    const d = await this.data();
    const chunks: Buffer[] = [];
    d.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => d.once('close', () => resolve()));
    const first = await this.cmd(`LIST ${path}`.trim());
    if (first.code !== 150) {
      d.destroy();
      throw new Error(`LIST failed: ${first.code} ${first.text}`);
    }
    await ended;
    await this.reply();
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.socket.destroy();
  }
}
