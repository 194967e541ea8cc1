import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { burstEnd, chunksIn, startCountingProxy, totalBytes, type Chunk } from './tcp-proxy.ts';

const chunk = (at: number, bytes: number, direction: Chunk['direction'] = 'up', connection = 1): Chunk => ({
  at,
  bytes,
  direction,
  connection,
});

describe(burstEnd.name, () => {
  const chunks = [chunk(100, 1), chunk(150, 1, 'down'), chunk(400, 1), chunk(2000, 1)];
  it('ends at the last chunk before a long enough silence', () => {
    expect(burstEnd(chunks, 0, 1000, 5000)).toBe(400);
    expect(burstEnd(chunks, 0, 200, 5000)).toBe(150);
  });
  it('waits while the silence has not lasted long enough', () => {
    expect(burstEnd(chunks, 500, 1000, 2500)).toBeUndefined();
    expect(burstEnd(chunks, 500, 1000, 3000)).toBe(2000);
    expect(burstEnd(chunks, 2000, 1000, 9000)).toBeUndefined();
  });
});

describe(chunksIn.name, () => {
  it('selects one direction, a window (from excluded) and optionally a connection', () => {
    const chunks = [chunk(10, 5), chunk(20, 7, 'down'), chunk(30, 11, 'up', 2), chunk(40, 13)];
    expect(totalBytes(chunksIn(chunks, 'up', 10, 40))).toBe(24);
    expect(totalBytes(chunksIn(chunks, 'up', 0, 40, 1))).toBe(18);
    expect(totalBytes(chunksIn(chunks, 'down', 0, 100))).toBe(7);
  });
});

describe(startCountingProxy.name, () => {
  /** An echo server on loopback and a counting proxy in front of it. */
  const echoBehindProxy = async () => {
    const echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const address = echo.address();
    const proxy = await startCountingProxy({
      host: '127.0.0.1',
      port: typeof address === 'object' && address ? address.port : 0,
    });
    return { echo, proxy };
  };

  it('forwards both ways and counts each', async () => {
    const { echo, proxy } = await echoBehindProxy();
    try {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(proxy.url).port) });
      const got = await new Promise<string>((resolve) => {
        socket.on('data', (d: Buffer) => resolve(d.toString()));
        socket.write('hello proxy');
      });
      expect(got).toBe('hello proxy');
      socket.destroy();
      expect(totalBytes(chunksIn(proxy.chunks, 'up', 0, Date.now()))).toBe(11);
      expect(totalBytes(chunksIn(proxy.chunks, 'down', 0, Date.now()))).toBe(11);
      expect(proxy.openedAt.size).toBe(1);
    } finally {
      await proxy.close();
      await new Promise<void>((r) => echo.close(() => r()));
    }
  });

  it('drops connections during an outage, uncounted, and forwards again once restored', async () => {
    const { echo, proxy } = await echoBehindProxy();
    const port = Number(new URL(proxy.url).port);
    const roundTrip = () =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.on('data', (d: Buffer) => {
          resolve(d.toString());
          socket.destroy();
        });
        socket.on('close', () => resolve('closed'));
        socket.on('error', () => undefined);
        socket.write('ping');
      });
    try {
      proxy.outage();
      expect(await roundTrip()).toBe('closed');
      expect(proxy.openedAt.size).toBe(0);
      proxy.restore();
      expect(await roundTrip()).toBe('ping');
      expect(proxy.openedAt.size).toBe(1);
    } finally {
      await proxy.close();
      await new Promise<void>((r) => echo.close(() => r()));
    }
  });
});
