import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of one simulated device, for byte-level abuse over real sockets: inject bytes
 * towards the client, or go silent (accept, never answer) like a hung or half-dead peer.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly clients = new Set<Socket>();
  /** While silent, new connections are accepted and then ignored; existing ones stop forwarding. */
  silent = false;

  private constructor(
    private readonly target: { host: string; port: number },
    server: Server,
  ) {
    this.server = server;
  }

  static async start(
    listen: { host: string; port: number },
    target: { host: string; port: number },
  ): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(target, server);
    server.on('connection', (socket) => {
      proxy.accept(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, resolve);
    });
    return proxy;
  }

  private accept(client: Socket): void {
    this.clients.add(client);
    client.on('error', () => undefined);
    client.on('close', () => this.clients.delete(client));
    const upstream = connect(this.target);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('data', (d) => {
      if (!this.silent) client.write(d);
    });
    client.on('data', (d) => {
      if (!this.silent) upstream.write(d);
    });
  }

  /** Writes raw bytes to every connected client, as if the device had sent them. */
  inject(bytes: Uint8Array | string): void {
    for (const c of this.clients) c.write(bytes);
  }

  get connections(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
