import { connect } from 'node:net';

/**
 * What a driver needs of a connection: bytes in, bytes out, a close. `net.Socket` fits; tests feed a
 * fake to drive a driver byte by byte.
 */
export interface ByteStream {
  write(data: Uint8Array | string): boolean;
  /** Bytes written but not yet sent (a peer that stops reading makes this grow). */
  readonly writableLength: number;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  destroy(): void;
}

/** Opens a TCP connection; resolves once connected, rejects on refusal, error or timeout. */
export type Dialer = (host: string, port: number, timeoutMs: number) => Promise<ByteStream>;

export const dialTcp: Dialer = (host, port, timeoutMs) =>
  new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        Object.assign(new Error(`connect ${host}:${port} timed out after ${timeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      );
    }, timeoutMs);
    const failed = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    socket.once('connect', () => {
      clearTimeout(timer);
      // `off`, not `removeAllListeners('error')`: that one deletes the key, which turns the socket's
      // listener table into a dictionary (~440 bytes more per session, 2 MB at 5,000).
      socket.off('error', failed);
      // Kernel keep-alive as a backstop; the session's own keep-alive is what notices a hang quickly.
      socket.setKeepAlive(true, 10_000);
      resolve(socket);
    });
    socket.once('error', failed);
  });
