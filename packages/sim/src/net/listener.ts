import { createServer, type Server, type Socket } from 'node:net';

/**
 * One listening TCP socket for one simulated device, tracking its accepted connections so the
 * device can drop them all (RST for `down`, a plain close for a restart). No timers.
 */
export class TcpListener {
  readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(
    readonly host: string,
    public port: number,
    private readonly onSocket: (socket: Socket) => void,
  ) {}

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Starts listening (idempotent). Rejects with the listen error (EADDRINUSE, EACCES …). */
  open(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer({ noDelay: true }, (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      this.onSocket(socket);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e) => {
        this.server = undefined;
        reject(e);
      });
      server.listen({ host: this.host, port: this.port, backlog: 64 }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        resolve();
      });
    });
  }

  /** Stops listening and drops every connection: `reset` sends RST, `end` closes normally. */
  close(how: 'reset' | 'end' = 'reset'): Promise<void> {
    this.dropAll(how);
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  dropAll(how: 'reset' | 'end'): void {
    for (const s of this.sockets) {
      if (how === 'reset') s.resetAndDestroy();
      else s.destroy();
    }
    this.sockets.clear();
  }
}
