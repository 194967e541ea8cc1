// A throwaway certificate authority for tests and benches, made by the openssl binary at run time:
// its own certificate (what an agent is given with --hub-ca) and server certificates it signs for
// localhost and 127.0.0.1 (what a hub is given with --tls-cert / --tls-key).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir.ts';

const run = promisify(execFile);

export interface TestServerCertificate {
  cert: string;
  key: string;
}

export interface TestCa {
  /** The CA's certificate (PEM). */
  cert: string;
  /** A server certificate signed by this CA, valid for a day, for `localhost` and 127.0.0.1 by default. */
  issue(names?: { dns?: string[]; ip?: string[]; cn?: string }): Promise<TestServerCertificate>;
  remove(): Promise<void>;
}

async function newKey(path: string): Promise<void> {
  await run('openssl', [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-out',
    path,
  ]);
}

export async function createTestCa(name = 'Crosspoint Test CA'): Promise<TestCa> {
  const dir = await tempDir('cp-test-ca');
  const caKey = join(dir.path, 'ca.key');
  const caCert = join(dir.path, 'ca.pem');
  await newKey(caKey);
  await run('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    caKey,
    '-out',
    caCert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  let serial = 0;
  return {
    cert: await readFile(caCert, 'utf8'),
    async issue(names = {}) {
      const n = ++serial;
      const key = join(dir.path, `server-${String(n)}.key`);
      const csr = join(dir.path, `server-${String(n)}.csr`);
      const cert = join(dir.path, `server-${String(n)}.pem`);
      const ext = join(dir.path, `server-${String(n)}.ext`);
      const alt = [
        ...(names.dns ?? ['localhost']).map((d) => `DNS:${d}`),
        ...(names.ip ?? ['127.0.0.1']).map((i) => `IP:${i}`),
      ];
      await writeFile(
        ext,
        `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${alt.join(',')}\n`,
      );
      await newKey(key);
      await run('openssl', [
        'req',
        '-new',
        '-key',
        key,
        '-out',
        csr,
        '-subj',
        `/CN=${names.cn ?? 'localhost'}`,
      ]);
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        caCert,
        '-CAkey',
        caKey,
        '-set_serial',
        String(1000 + n),
        '-days',
        '1',
        '-extfile',
        ext,
        '-out',
        cert,
      ]);
      return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') };
    },
    remove: () => dir.remove(),
  };
}
