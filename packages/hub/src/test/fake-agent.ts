import WebSocket from 'ws';
import type { AgentFrame, HubFrame, LinkDevice } from '@crosspoint/protocol';

/** A scripted agent for hub tests: speaks the /agent/v1 frames over a real WebSocket. */
export class FakeAgent {
  readonly received: HubFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '{}') as HubFrame);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static connect(hubUrl: string, login: string, password: string): Promise<FakeAgent> {
    const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/agent/v1`, {
      headers: { authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` },
    });
    const agent = new FakeAgent(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(agent));
      socket.once('error', reject);
    });
  }

  send(frame: AgentFrame | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  hello(instance = 'test-instance-1', v = 1): void {
    this.send({ type: 'hello', v, agentVersion: '0.1.0-test', instance, subnets: { enabled: 1, total: 2 } });
  }

  /** Waits until a frame matching `pred` arrived (or the link closed). */
  async next<T extends HubFrame['type']>(
    type: T,
    pred: (f: Extract<HubFrame, { type: T }>) => boolean = () => true,
  ): Promise<Extract<HubFrame, { type: T }>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.received.find(
        (f): f is Extract<HubFrame, { type: T }> =>
          f.type === type && pred(f as Extract<HubFrame, { type: T }>),
      );
      if (found) {
        this.received.splice(this.received.indexOf(found), 1);
        return found;
      }
      if (this.closed)
        throw new Error(
          `link closed (${String(this.closed.code)} ${this.closed.reason}) while waiting for ${type}`,
        );
      if (Date.now() > deadline) throw new Error(`no ${type} frame within 10 s`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  async waitClosed(): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + 10_000;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('link did not close within 10 s');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** A plausible device for link frames. */
export function linkDevice(n: number, status = 'Healthy', since = Date.now() - 3_600_000): LinkDevice {
  return {
    id: `cp2-SN${String(n).padStart(4, '0')}`,
    family: 'CONVERGE Pro 2',
    model: n % 2 ? 'CONVERGE Pro 2 128V' : 'CONVERGE Pro 2 48T',
    serial: `1234-${String(n).padStart(4, '0')}-01`,
    firmware: '4.4.0.2',
    name: `Room ${String(n)}`,
    ip: `127.20.1.${String(10 + n)}`,
    path: ['HQ Rack', 'Subnet 127.20.1.0/24 (sim1)', 'Stack A', `C-Link ${String(n).padStart(2, '0')}`],
    status,
    since,
  };
}
