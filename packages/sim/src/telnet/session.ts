import type { Socket } from 'node:net';
import {
  LineFramer,
  TelnetOption,
  cp2ErrorLine,
  cp2LineEndings,
  cp2LoginFailedText,
  cp2MaxLoginAttempts,
  cp2Prompts,
  negotiation,
  type TelnetNegotiation,
} from '@crosspoint/protocol';
import { Wire } from '../net/wire.ts';
import type { Random } from '../prng.ts';
import type { BoxPort } from '../state/box-port.ts';
import type { CommandSession } from './command-context.ts';
import { executeCp2 } from './commands.ts';

type State = 'username' | 'password' | 'ready' | 'closed';
const offered: readonly number[] = [TelnetOption.echo, TelnetOption.suppressGoAhead];

/**
 * One telnet connection to a box (devices.md §5.3): IAC negotiation, `Username: ` / `Password: `,
 * three attempts, then `=> ` and commands. Input is framed by the shared LineFramer (any EOL, IAC
 * stripped, bounded lines); every output line is `<payload><EOL>=> `. Lines are handled one at a
 * time, in order, even when a command has to wait (FTP listener, …).
 */
export class Cp2Session implements CommandSession {
  private state: State = 'username';
  private readonly framer = new LineFramer({ maxLineBytes: 4096 });
  private readonly wire: Wire;
  private attempts = 0;
  private username = '';
  private greeted = false;
  private subscriptions: Set<string> | undefined;
  private processing: Promise<void> = Promise.resolve();

  constructor(
    readonly box: BoxPort,
    private readonly socket: Socket,
    rnd: Random,
  ) {
    this.wire = new Wire(socket, box.wire, rnd);
    socket.once('close', () => {
      this.state = 'closed';
    });
  }

  get loggedIn(): boolean {
    return this.state === 'ready';
  }

  private get eol(): string {
    return cp2LineEndings[this.box.telnet.lineEnding];
  }

  start(): void {
    this.socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    if (this.box.wire.hang) this.socket.pause();
    else this.greet();
  }

  private greet(): void {
    this.greeted = true;
    if (this.box.telnet.negotiate)
      this.wire.write(
        Buffer.from(negotiation(['WILL', TelnetOption.echo], ['WILL', TelnetOption.suppressGoAhead])),
      );
    this.wire.write(cp2Prompts.username);
  }

  setHung(on: boolean): void {
    if (on) {
      this.socket.pause();
      return;
    }
    this.socket.resume();
    if (!this.greeted) this.greet();
  }

  sendLine(payload: string): void {
    if (this.state !== 'closed') this.wire.write(`${payload}${this.eol}${cp2Prompts.command}`);
  }

  isSubscribed(epn: string, type: string): boolean {
    return this.subscriptions?.has(`${epn} ${type}`) ?? false;
  }

  subscribe(epn: string, type: string): void {
    (this.subscriptions ??= new Set()).add(`${epn} ${type}`);
  }

  end(): void {
    this.state = 'closed';
    this.wire.end();
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    const overlong = this.framer.stats.overlongLines;
    const { lines, negotiations } = this.framer.push(chunk);
    this.answer(negotiations);
    if (this.framer.stats.overlongLines > overlong) this.queue(() => this.rejectOverlong());
    for (const line of lines) this.queue(() => this.handle(line));
  }

  private queue(step: () => void | Promise<void>): void {
    this.processing = this.processing.then(step).catch((e: unknown) => {
      this.box.log(`session error: ${(e as Error).message}`);
      this.sendLine(cp2ErrorLine);
    });
  }

  /** Refuses options we did not offer; acknowledgements of ours need no answer. */
  private answer(negotiations: TelnetNegotiation[]): void {
    for (const n of negotiations) {
      if (n.verb === 'DO' && !offered.includes(n.option))
        this.wire.write(Buffer.from(negotiation(['WONT', n.option])));
      if (n.verb === 'WILL') this.wire.write(Buffer.from(negotiation(['DONT', n.option])));
    }
  }

  private rejectOverlong(): void {
    if (this.state === 'ready') this.sendLine(cp2ErrorLine);
  }

  private echo(line: string): void {
    if (this.box.telnet.echo) this.wire.write(`${line}${this.eol}`);
  }

  private async handle(line: string): Promise<void> {
    switch (this.state) {
      case 'closed':
        return;
      case 'username':
        this.echo(line);
        this.username = line.trim();
        this.state = 'password';
        this.wire.write(cp2Prompts.password);
        return;
      case 'password':
        this.login(line.trim());
        return;
      case 'ready': {
        this.echo(line);
        const text = line.trim();
        if (!text) return;
        const result = await executeCp2(this, text);
        for (const l of result.lines) this.sendLine(l);
        result.after?.();
        return;
      }
    }
  }

  private login(password: string): void {
    const c = this.box.stack.credentials;
    if (this.username === c.username && password === c.password) {
      this.state = 'ready';
      this.box.log(`login ${this.username} from ${this.socket.remoteAddress ?? '?'}`);
      this.wire.write(`${this.eol}${cp2Prompts.command}`);
      return;
    }
    this.attempts++;
    this.box.log(`login failed for ${this.username}`);
    this.wire.write(`${this.eol}${cp2LoginFailedText}${this.eol}`);
    if (this.attempts >= cp2MaxLoginAttempts) {
      this.end();
      return;
    }
    this.state = 'username';
    this.wire.write(cp2Prompts.username);
  }
}
