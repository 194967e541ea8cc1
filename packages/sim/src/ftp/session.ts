import { createServer, type Server, type Socket } from 'node:net';
import { LineFramer, cp2MaxLoginAttempts } from '@crosspoint/protocol';
import type { BoxPort } from '../state/box-port.ts';
import { maxStoredFileBytes, resolvePath } from '../state/files.ts';
import { BoxFtpView, unixListLine } from './view.ts';

interface Passive {
  server: Server;
  socket: Socket | undefined;
  waiter: ((s: Socket | undefined) => void) | undefined;
}

type Handler = (arg: string) => void | Promise<void>;

/**
 * One FTP control connection (RFC 959 subset, passive mode only): enough for common clients
 * (basic-ftp, curl, ftp) to log in with the stack credentials, list, store and retrieve files.
 */
export class FtpSession {
  private readonly framer = new LineFramer({ maxLineBytes: 2048 });
  private readonly view: BoxFtpView;
  private user = '';
  private loggedIn = false;
  private attempts = 0;
  private cwd = '/';
  private passive: Passive | undefined;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly commands: Record<string, Handler>;

  constructor(
    private readonly box: BoxPort,
    private readonly socket: Socket,
    private readonly dataTimeoutMs: number,
  ) {
    this.view = new BoxFtpView(box);
    this.commands = {
      SYST: () => this.reply(215, 'UNIX Type: L8'),
      FEAT: () => this.write('211-Features:\r\n EPSV\r\n PASV\r\n SIZE\r\n UTF8\r\n211 End\r\n'),
      OPTS: () => this.reply(200, 'OK'),
      TYPE: () => this.reply(200, 'Type set'),
      STRU: (a) => (a.toUpperCase() === 'F' ? this.reply(200, 'OK') : this.reply(504, 'Only F')),
      MODE: (a) => (a.toUpperCase() === 'S' ? this.reply(200, 'OK') : this.reply(504, 'Only S')),
      NOOP: () => this.reply(200, 'OK'),
      PWD: () => this.reply(257, `"${this.cwd}" is the current directory`),
      CWD: (a) => this.cd(a),
      CDUP: () => this.cd('..'),
      PASV: () => this.openPassive('PASV'),
      EPSV: () => this.openPassive('EPSV'),
      LIST: (a) => this.list(a, true),
      NLST: (a) => this.list(a, false),
      SIZE: (a) => this.size(a),
      RETR: (a) => this.retrieve(a),
      STOR: (a) => this.store(a),
      DELE: (a) => this.remove(a),
    };
    socket.on('data', (chunk: Buffer) => {
      for (const line of this.framer.push(chunk).lines) this.chain = this.chain.then(() => this.handle(line));
    });
    this.reply(220, `${box.info.displayName} ${box.name} FTP ready`);
  }

  close(): void {
    this.closed = true;
    this.closePassive();
    this.socket.destroy();
  }

  private write(text: string): void {
    if (!this.closed) this.socket.write(text);
  }

  private reply(code: number, text: string): void {
    this.write(`${code} ${text}\r\n`);
  }

  private async handle(line: string): Promise<void> {
    if (this.closed) return;
    const space = line.indexOf(' ');
    const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const arg = space < 0 ? '' : line.slice(space + 1).trim();
    if (verb === 'USER') {
      this.user = arg;
      this.loggedIn = false;
      this.reply(331, 'Password required');
      return;
    }
    if (verb === 'PASS') {
      this.login(arg);
      return;
    }
    if (verb === 'QUIT') {
      this.reply(221, 'Bye');
      this.socket.end();
      return;
    }
    if (verb === 'AUTH') {
      this.reply(502, 'TLS not available');
      return;
    }
    const handler = this.commands[verb];
    if (!handler) {
      this.reply(502, 'Command not implemented');
      return;
    }
    if (!this.loggedIn && !['SYST', 'FEAT', 'OPTS', 'NOOP'].includes(verb)) {
      this.reply(530, 'Please login');
      return;
    }
    try {
      await handler(arg);
    } catch (e) {
      this.reply(451, `Local error: ${(e as Error).message}`);
    }
  }

  private login(password: string): void {
    const c = this.box.stack.credentials;
    if (this.user === c.username && password === c.password) {
      this.loggedIn = true;
      this.box.log(`FTP login ${this.user}`);
      this.reply(230, 'Login successful');
      return;
    }
    this.reply(530, 'Login incorrect');
    if (++this.attempts >= cp2MaxLoginAttempts) this.socket.end();
  }

  private path(arg: string): string | undefined {
    return resolvePath(this.cwd, arg || '.');
  }

  private cd(arg: string): void {
    const p = this.path(arg);
    if (p && this.view.isDir(p)) {
      this.cwd = p;
      this.reply(250, 'Directory changed');
    } else this.reply(550, 'No such directory');
  }

  private size(arg: string): void {
    const p = this.path(arg);
    const data = p ? this.view.read(p) : undefined;
    if (data) this.reply(213, String(data.length));
    else this.reply(550, 'No such file');
  }

  private remove(arg: string): void {
    const p = this.path(arg);
    if (p && this.view.remove(p)) this.reply(250, 'Deleted');
    else this.reply(550, 'No such file');
  }

  private closePassive(): void {
    const p = this.passive;
    this.passive = undefined;
    if (!p) return;
    p.waiter?.(undefined);
    p.socket?.destroy();
    p.server.close();
  }

  private openPassive(kind: 'PASV' | 'EPSV'): Promise<void> {
    this.closePassive();
    const server = createServer();
    const passive: Passive = { server, socket: undefined, waiter: undefined };
    this.passive = passive;
    server.on('error', () => undefined);
    server.once('connection', (s) => {
      s.on('error', () => undefined);
      server.close();
      if (this.passive !== passive) {
        s.destroy();
        return;
      }
      passive.socket = s;
      passive.waiter?.(s);
      passive.waiter = undefined;
    });
    return new Promise((resolve) => {
      server.listen(0, this.box.ip, () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        if (kind === 'EPSV') this.reply(229, `Entering Extended Passive Mode (|||${port}|)`);
        else
          this.reply(
            227,
            `Entering Passive Mode (${this.box.ip.replace(/\./g, ',')},${port >> 8},${port & 0xff})`,
          );
        resolve();
      });
    });
  }

  /** The data connection of the pending transfer (waits for the client to connect, bounded). */
  private dataSocket(): Promise<Socket | undefined> {
    const p = this.passive;
    if (!p) return Promise.resolve(undefined);
    if (p.socket) return Promise.resolve(p.socket);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        p.waiter = undefined;
        resolve(undefined);
      }, this.dataTimeoutMs);
      p.waiter = (s) => {
        clearTimeout(timer);
        resolve(s);
      };
    });
  }

  private async send(data: Buffer, opening: string): Promise<void> {
    const s = await this.dataSocket();
    if (!s) {
      this.reply(425, 'Use PASV or EPSV first');
      return;
    }
    this.reply(150, opening);
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.end(data);
    });
    this.passive = undefined;
    this.reply(226, 'Transfer complete');
  }

  private async list(arg: string, long: boolean): Promise<void> {
    const p = this.path(arg.replace(/^-\w+\s*/, ''));
    if (!p || !this.view.isDir(p)) {
      this.reply(550, 'No such directory');
      return;
    }
    const entries = this.view.list(p);
    const text = entries.map((e) => `${long ? unixListLine(e) : e.name}\r\n`).join('');
    return this.send(Buffer.from(text, 'utf8'), 'Here comes the directory listing');
  }

  private async retrieve(arg: string): Promise<void> {
    const p = this.path(arg);
    const data = p ? this.view.read(p) : undefined;
    if (!data) {
      this.reply(550, 'No such file');
      return;
    }
    return this.send(data, `Opening BINARY mode data connection (${data.length} bytes)`);
  }

  private async store(arg: string): Promise<void> {
    const p = this.path(arg);
    if (!p || this.view.isDir(p)) {
      this.reply(553, 'Not a file name');
      return;
    }
    const s = await this.dataSocket();
    if (!s) {
      this.reply(425, 'Use PASV or EPSV first');
      return;
    }
    this.reply(150, 'Ok to send data');
    const chunks: Buffer[] = [];
    let size = 0;
    const complete = await new Promise<boolean>((resolve) => {
      s.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxStoredFileBytes) {
          s.destroy();
          resolve(false);
        } else chunks.push(c);
      });
      s.once('end', () => resolve(true));
      s.once('close', () => resolve(size <= maxStoredFileBytes));
    });
    this.passive = undefined;
    if (!complete) {
      this.reply(552, 'File too large');
      return;
    }
    const err = this.view.write(p, Buffer.concat(chunks));
    if (err) this.reply(553, err);
    else this.reply(226, 'Transfer complete');
  }
}
