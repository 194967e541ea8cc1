// The hub serving HTTPS itself, with real TLS on loopback: a throwaway CA made by openssl, its
// certificate files rotated on disk while the hub runs, and broken replacements refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { connect } from 'node:tls';
import pino from 'pino';
import { SettingsError } from '@crosspoint/protocol';
import { loadHubConfig } from '../config.ts';
import { startHub, type RunningHub } from '../main.ts';
import { createTestCa, type TestCa, type TestServerCertificate } from '../test/test-ca.ts';
import { tempDir } from '../test/temp-dir.ts';
import { loadTlsMaterial, TlsFilesError } from './tls-certificates.ts';
import { httpsLocation } from './https-redirect.ts';

/** The serial number of the certificate a new TLS connection to `port` is given (verified against `ca`). */
function servedSerial(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      const serial = socket.getPeerCertificate().serialNumber;
      socket.end();
      resolve(serial);
    });
    socket.on('error', reject);
  });
}

/** GET over HTTPS trusting `ca` only; resolves with the status, rejects with the TLS error. */
function httpsGet(url: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const serialOf = async (c: TestServerCertificate, dir: string): Promise<string> => {
  await writeFile(join(dir, 'probe.pem'), c.cert);
  await writeFile(join(dir, 'probe.key'), c.key);
  const m = await loadTlsMaterial({ cert: join(dir, 'probe.pem'), key: join(dir, 'probe.key') });
  return m.certificate.fingerprint256;
};

async function expectProblem(p: Promise<unknown>, code: string): Promise<TlsFilesError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TlsFilesError);
  expect((e as TlsFilesError).code).toBe(code);
  return e as TlsFilesError;
}

describe('hub HTTPS', () => {
  let ca: TestCa;
  let other: TestCa;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let first: TestServerCertificate;
  let second: TestServerCertificate;
  let foreign: TestServerCertificate;
  const file = (name: string) => join(dir.path, name);

  beforeAll(async () => {
    dir = await tempDir('cp-hub-tls');
    ca = await createTestCa();
    other = await createTestCa('Another CA');
    first = await ca.issue();
    second = await ca.issue();
    foreign = await other.issue();
  });
  afterAll(async () => {
    await ca.remove();
    await other.remove();
    await dir.remove();
  });

  describe('certificate files checked before use', () => {
    it('names the file and a stable code for each problem', async () => {
      await writeFile(file('c.pem'), first.cert);
      await writeFile(file('k.pem'), first.key);
      await writeFile(file('other.key'), foreign.key);
      await writeFile(file('junk.pem'), 'not a certificate\n');
      const ok = await loadTlsMaterial({ cert: file('c.pem'), key: file('k.pem') });
      expect(ok.expired).toBe(false);
      expect(ok.certificate.subjectAltName).toContain('IP Address:127.0.0.1');

      const missing = await expectProblem(
        loadTlsMaterial({ cert: file('absent.pem'), key: file('k.pem') }),
        'TLS_FILE_UNREADABLE',
      );
      expect(missing.message).toContain('absent.pem');
      expect(missing.message).toContain('ENOENT');
      await expectProblem(
        loadTlsMaterial({ cert: file('junk.pem'), key: file('k.pem') }),
        'TLS_CERT_INVALID',
      );
      await expectProblem(loadTlsMaterial({ cert: file('c.pem'), key: file('junk.pem') }), 'TLS_KEY_INVALID');
      const mismatch = await expectProblem(
        loadTlsMaterial({ cert: file('c.pem'), key: file('other.key') }),
        'TLS_KEY_MISMATCH',
      );
      expect(mismatch.message).toContain('other.key');
      await expectProblem(
        loadTlsMaterial({ cert: file('c.pem'), key: file('k.pem'), ca: file('junk.pem') }),
        'TLS_CA_INVALID',
      );
      // Two days on, the one-day certificate is past its end.
      const later = await loadTlsMaterial(
        { cert: file('c.pem'), key: file('k.pem') },
        new Date(Date.now() + 2 * 86_400_000),
      );
      expect(later.expired).toBe(true);
    });

    it('wants the certificate and its key together', () => {
      expect(() => loadHubConfig({ tlsCert: file('c.pem') }, {})).toThrow(SettingsError);
      expect(() => loadHubConfig({}, { CROSSPOINT_TLS_KEY: file('k.pem') })).toThrow(/--tls-cert/);
      expect(() => loadHubConfig({ tlsCa: file('c.pem') }, {})).toThrow(/--tls-ca/);
      const config = loadHubConfig({}, { CROSSPOINT_TLS_CERT: 'a.pem', CROSSPOINT_TLS_KEY: 'b.pem' });
      expect([config.tlsCert, config.tlsKey]).toEqual(['a.pem', 'b.pem']);
    });

    it('a hub given a key that is not its certificate’s does not start', async () => {
      await writeFile(file('c.pem'), first.cert);
      await writeFile(file('other.key'), foreign.key);
      await expectProblem(
        startHub(
          loadHubConfig(
            { port: '0', logLevel: 'silent', tlsCert: file('c.pem'), tlsKey: file('other.key') },
            {},
          ),
          { logger: pino({ level: 'silent' }), database: { kind: 'pglite', dataDir: null } },
        ),
        'TLS_KEY_MISMATCH',
      );
    });
  });

  describe('a running hub', () => {
    let hub: RunningHub;
    let port: number;
    const logs: { level: number; msg: string; code?: string }[] = [];

    beforeAll(async () => {
      await writeFile(file('hub.pem'), first.cert);
      await writeFile(file('hub.key'), first.key);
      const logger = pino(
        { level: 'info' },
        { write: (line: string) => logs.push(JSON.parse(line) as (typeof logs)[number]) },
      );
      hub = await startHub(
        {
          ...loadHubConfig(
            {
              port: '0',
              logLevel: 'info',
              tlsCert: file('hub.pem'),
              tlsKey: file('hub.key'),
              httpRedirectPort: '0',
            },
            {},
          ),
          secretKey: '7e57'.repeat(16),
        },
        {
          logger,
          database: { kind: 'pglite', dataDir: null },
          tlsWatch: { pollMs: 50, settleMs: 100 },
        },
      );
      port = Number(new URL(hub.url).port);
    });
    afterAll(async () => {
      await hub.close();
    });

    const waitFor = async (what: string, check: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 10_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('serves HTTPS to clients that trust its CA, and nothing to those that do not', async () => {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await httpsGet(`${hub.url}/healthz`, ca.cert)).toBe(200);
      const refused = await httpsGet(`${hub.url}/healthz`).catch((e: unknown) => e as NodeJS.ErrnoException);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as NodeJS.ErrnoException).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      // Plain HTTP on the HTTPS port gets no page.
      const plain = await fetch(`http://127.0.0.1:${String(port)}/healthz`).catch((e: unknown) => e);
      expect(plain).toBeInstanceOf(Error);
    });

    it('sends plain-HTTP visitors of the redirect port to the same path on HTTPS', async () => {
      const redirect = hub.httpRedirect;
      expect(redirect).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${String(redirect?.port)}/devices?group=down`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`${hub.url}/devices?group=down`);
      const target = { httpsPort: 8443 };
      expect(httpsLocation('/a?b=1', 'hub.lan:80', target)).toBe('https://hub.lan:8443/a?b=1');
      expect(httpsLocation('/', '[::1]:8080', { httpsPort: 443 })).toBe('https://[::1]/');
      expect(httpsLocation('/x', 'evil.example/@', target)).toBeUndefined();
      expect(httpsLocation('/x', undefined, target)).toBeUndefined();
      expect(httpsLocation('/x', 'anything', { ...target, publicOrigin: 'https://av.example.com' })).toBe(
        'https://av.example.com/x',
      );
      expect(() => loadHubConfig({ httpRedirectPort: '80' }, {})).toThrow(
        /--http-redirect-port: redirects to HTTPS/,
      );
    });

    it('takes a rotated certificate on new connections without a restart, and refuses broken ones', async () => {
      const firstSerial = await servedSerial(port, ca.cert);
      const secondPrint = await serialOf(second, dir.path);
      // Rotation as a renewal tool does it: the certificate, then the key.
      await writeFile(file('hub.pem'), second.cert);
      await writeFile(file('hub.key'), second.key);
      await waitFor('the new certificate', () => hub.tls?.inUse().fingerprint256 === secondPrint);
      const secondSerial = await servedSerial(port, ca.cert);
      expect(secondSerial).not.toBe(firstSerial);
      expect(logs.some((l) => l.msg.includes('certificate reloaded'))).toBe(true);

      // A key that is not the certificate's: refused with one clear line, the second certificate stays.
      await writeFile(file('hub.key'), foreign.key);
      await waitFor('the refusal', () =>
        logs.some((l) => l.code === 'TLS_KEY_MISMATCH' && l.msg.includes('the certificate in use stays')),
      );
      expect(await servedSerial(port, ca.cert)).toBe(secondSerial);
      expect(await httpsGet(`${hub.url}/healthz`, ca.cert)).toBe(200);
      // Garbage: refused too; asking again logs nothing new.
      await writeFile(file('hub.pem'), 'garbage\n');
      await waitFor('the second refusal', () => logs.some((l) => l.code === 'TLS_CERT_INVALID'));
      const lines = logs.length;
      expect(await hub.tls?.reload()).toBe('refused');
      expect(logs.length).toBe(lines);
      expect(await servedSerial(port, ca.cert)).toBe(secondSerial);
      // Mended: taken.
      await writeFile(file('hub.pem'), first.cert);
      await writeFile(file('hub.key'), first.key);
      await waitFor('the mended files', async () => (await servedSerial(port, ca.cert)) === firstSerial);
      expect(await hub.tls?.reload()).toBe('unchanged');
      // Monitoring sees the served certificate's end and the outcomes.
      const metrics = (await hub.app.inject({ method: 'GET', url: '/metrics' })).body;
      const validTo = Date.parse(hub.tls?.inUse().validTo ?? '') / 1000;
      expect(metrics).toContain(`crosspoint_tls_certificate_expiry_timestamp_seconds ${String(validTo)}`);
      expect(metrics).toMatch(/crosspoint_tls_reloads_total\{outcome="applied"\} 2/);
      expect(metrics).toMatch(/crosspoint_tls_reloads_total\{outcome="refused"\} [1-9]/);
    });
  });
});
