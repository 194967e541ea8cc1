import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir.ts';

// Peers that fail the ways real ones do, all on 127.0.0.1 (tests only): a port nobody listens on,
// a server that accepts and never answers, and a TLS server whose certificate nobody trusts.

/** A name that never resolves (RFC 6761 reserves .invalid). */
export const unresolvableHost = 'hooks.example.invalid';

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};

/** A loopback port that was just free and is closed again: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Peer {
  port: number;
  /** Connections accepted so far. */
  accepted: () => number;
  close(): Promise<void>;
}

async function peer(server: Server, sockets: Set<Socket>): Promise<Peer> {
  let accepted = 0;
  server.on('connection', (s: Socket) => {
    accepted += 1;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and reads, but never writes a byte (a hung receiver or mail server). */
export async function startSilentPeer(): Promise<Peer> {
  return peer(
    createServer((s) => s.resume()),
    new Set(),
  );
}

/** A fresh self-signed certificate for localhost and 127.0.0.1, made by openssl. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await tempDir('cp-cert');
  try {
    const key = join(dir.path, 'key.pem');
    const cert = join(dir.path, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await dir.remove();
  }
}

/** A TLS server with a self-signed certificate: clients that verify certificates (all of ours) hang up in the handshake. */
export async function startUntrustedTlsPeer(): Promise<Peer> {
  const server = createTlsServer(await selfSignedCertificate(), (s) => s.resume());
  server.on('tlsClientError', () => undefined);
  return peer(server, new Set());
}
