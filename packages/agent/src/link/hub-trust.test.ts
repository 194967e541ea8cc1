// The agent's trust for a TLS hub, against a real HTTPS server on loopback with a certificate made
// by openssl at test time (self-signed: given as the CA, it is its own anchor).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SettingsError } from '@crosspoint/protocol';
import { fetchTrusting, loadHubTrust, tlsProblem } from './hub-trust.ts';

describe(fetchTrusting.name, () => {
  let dir: string;
  let server: Server;
  let base: string;
  const seen: { method: string; length: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-hub-trust-'));
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    await writeFile(join(dir, 'junk.pem'), 'not a certificate\n');
    const tls = { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
    server = createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          length: req.headers['content-length'],
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url === '/empty') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json', 'x-twice': ['a', 'b'] });
        res.end(JSON.stringify({ got: Buffer.concat(chunks).length }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `https://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('reaches a hub whose CA it was given: bodies with their length, statuses, headers', async () => {
    const trusted = fetchTrusting(await loadHubTrust(join(dir, 'cert.pem')));
    const res = await trusted(`${base}/files?name=a`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3, 4, 5]),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-twice')).toBe('a, b');
    expect(await res.json()).toEqual({ got: 5 });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', length: '5' });
    const empty = await trusted(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('refuses a hub whose CA it was not given, with a code said for people', async () => {
    const e = await fetchTrusting(undefined)(`${base}/x`).catch((err: unknown) => err);
    const cause = (e as { cause?: unknown }).cause;
    const problem = tlsProblem(cause);
    expect(problem?.certificate).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(problem?.reason).toContain('--hub-ca');
    expect(tlsProblem({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'x' })?.reason).toContain(
      'is not for this address',
    );
    expect(tlsProblem({ code: 'EPROTO', message: 'wrong version number' })?.reason).toContain(
      'does not speak TLS',
    );
    expect(tlsProblem({ code: 'ECONNREFUSED', message: 'x' })).toBeUndefined();
  });

  it('stops on a CA file it cannot use', async () => {
    await expect(loadHubTrust(join(dir, 'absent.pem'))).rejects.toThrow(SettingsError);
    await expect(loadHubTrust(join(dir, 'junk.pem'))).rejects.toThrow(/holds no PEM certificate/);
    expect(await loadHubTrust(undefined)).toBeUndefined();
    const trust = await loadHubTrust(join(dir, 'cert.pem'));
    expect(trust?.extra.subjects).toEqual(['CN=localhost']);
  });
});
