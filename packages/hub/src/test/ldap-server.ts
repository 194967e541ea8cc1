import { existsSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { closedPort, selfSignedCertificate } from './failing-peers.ts';
import { tempDir } from './temp-dir.ts';

// A real OpenLDAP server for tests (Debian's slapd, installed by .ci/run): a temporary slapd.conf,
// an mdb database in a temporary folder, listening on 127.0.0.1 only. Besides the usual schemas it
// loads a small test schema that makes an entry look like Active Directory's: sAMAccountName,
// userAccountControl and memberOf (written on the user, as AD computes it).

const slapdPath = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';

/**
 * Whether the LDAP suites can run here: Debian's slapd is installed (`.ci/run` installs it). Without
 * it they are skipped with a printed reason — unless CI=true, where it is a failure.
 */
export function slapdAvailable(): boolean {
  if (existsSync(slapdPath)) return true;
  const reason = `LDAP suites: no slapd at ${slapdPath} (apt-get install slapd ldap-utils, or set SLAPD_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it.`);
  console.warn(`SKIPPED ${reason} (set CI=true to make this a failure).`);
  return false;
}
const systemSchemas = ['core', 'cosine', 'inetorgperson', 'nis'].map((s) => `/etc/ldap/schema/${s}.schema`);

const adLikeSchema = `
attributetype ( 1.3.6.1.4.1.55555.1.1 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.2 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.3 NAME 'memberOf'
  EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )
attributetype ( 1.3.6.1.4.1.55555.1.4 NAME 'userPrincipalName'
  EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.55555.2.1 NAME 'crosspointTestAdUser' SUP top AUXILIARY
  MAY ( sAMAccountName $ userAccountControl $ memberOf $ userPrincipalName ) )
`;

export interface LdapTestServer {
  /** ldap://127.0.0.1:<port> */
  url: string;
  /** ldaps://127.0.0.1:<port>, when started with `tls`. */
  ldapsUrl: string | undefined;
  /** PEM of the server's self-signed certificate, when started with `tls`. */
  certificate: string | undefined;
  suffix: string;
  adminDn: string;
  adminPassword: string;
  /** An admin connection (bound), for seeding and changing entries. */
  admin<T>(work: (client: Client) => Promise<T>): Promise<T>;
  /** Adds a person: an inetOrgPerson, with the AD-like attributes when `ad` is given. */
  addPerson(p: TestPerson): Promise<string>;
  /** Adds a service account `cn=<cn>,<suffix>` (a simpleSecurityObject) with this password: the bind DN. */
  addServiceAccount(cn: string, password: string): Promise<string>;
  /** Adds a groupOfNames with these member DNs (and a placeholder, as the schema wants one member at least). */
  addGroup(cn: string, members: string[]): Promise<string>;
  replace(dn: string, type: string, values: string[]): Promise<void>;
  addValue(dn: string, type: string, value: string): Promise<void>;
  deleteValue(dn: string, type: string, value: string): Promise<void>;
  /** Stops slapd (it can be started again on the same port with `restart`). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestPerson {
  uid: string;
  password: string;
  givenName?: string;
  sn?: string;
  mail?: string;
  displayName?: string;
  /** Under which ou (created on first use). */
  ou?: string;
  ad?: { sAMAccountName: string; userAccountControl?: number; memberOf?: string[]; upn?: string };
}

const waitForExit = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts slapd on a free loopback port with an empty `dc=example,dc=test` (plus ou=people, ou=groups). */
export async function startLdapServer(options: { tls?: boolean } = {}): Promise<LdapTestServer> {
  const dir = await tempDir('cp-slapd');
  const suffix = 'dc=example,dc=test';
  const adminDn = `cn=admin,${suffix}`;
  const adminPassword = 'slapd-admin-secret';
  await mkdir(join(dir.path, 'data'));
  await writeFile(join(dir.path, 'ad-like.schema'), adLikeSchema);
  let tlsLines: string[] = [];
  let certificate: string | undefined;
  if (options.tls) {
    const pair = await selfSignedCertificate();
    certificate = pair.cert;
    await writeFile(join(dir.path, 'cert.pem'), pair.cert);
    await writeFile(join(dir.path, 'key.pem'), pair.key);
    tlsLines = [
      `TLSCertificateFile ${join(dir.path, 'cert.pem')}`,
      `TLSCertificateKeyFile ${join(dir.path, 'key.pem')}`,
    ];
  }
  const conf = [
    ...systemSchemas.map((s) => `include ${s}`),
    `include ${join(dir.path, 'ad-like.schema')}`,
    `pidfile ${join(dir.path, 'slapd.pid')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    ...tlsLines,
    'database mdb',
    'maxsize 33554432',
    `suffix "${suffix}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${adminPassword}`,
    `directory ${join(dir.path, 'data')}`,
    'index objectClass eq',
    '',
  ].join('\n');
  await writeFile(join(dir.path, 'slapd.conf'), conf);

  const port = await closedPort();
  const ldapsPort = options.tls ? await closedPort() : undefined;
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = ldapsPort ? `ldaps://127.0.0.1:${ldapsPort}` : undefined;
  let child: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    const listeners = [url, ...(ldapsUrl ? [ldapsUrl] : [])].map((u) => `${u}/`).join(' ');
    log = '';
    const c = spawn(slapdPath, ['-d', '0', '-f', join(dir.path, 'slapd.conf'), '-h', listeners], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    c.stdout.on('data', (d: Buffer) => (log += d.toString()));
    c.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child = c;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`slapd exited (${String(c.exitCode)}): ${log}`);
      const probe = new Client({ url, connectTimeout: 500, timeout: 1000 });
      try {
        await probe.bind(adminDn, adminPassword);
        await probe.unbind();
        return;
      } catch {
        await probe.unbind().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`slapd did not answer on ${url}: ${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c) return;
    c.kill('SIGTERM');
    const killed = setTimeout(() => c.kill('SIGKILL'), 5000);
    await waitForExit(c);
    clearTimeout(killed);
  };

  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url, connectTimeout: 2000, timeout: 5000 });
    try {
      await client.bind(adminDn, adminPassword);
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };

  const ous = new Set<string>();
  const ensureOu = async (client: Client, ou: string) => {
    if (ous.has(ou)) return;
    await client.add(`ou=${ou},${suffix}`, { objectClass: ['organizationalUnit'], ou });
    ous.add(ou);
  };

  try {
    await start();
    await admin(async (client) => {
      await client.add(suffix, { objectClass: ['dcObject', 'organization'], dc: 'example', o: 'Example' });
      await ensureOu(client, 'people');
      await ensureOu(client, 'groups');
    });
  } catch (e) {
    await stop();
    await dir.remove();
    throw e;
  }

  const modify = (dn: string, operation: 'add' | 'delete' | 'replace', type: string, values: string[]) =>
    admin((client) =>
      client.modify(dn, new Change({ operation, modification: new Attribute({ type, values }) })),
    );

  return {
    url,
    ldapsUrl,
    certificate,
    suffix,
    adminDn,
    adminPassword,
    admin,
    addPerson: (p) =>
      admin(async (client) => {
        const ou = p.ou ?? 'people';
        await ensureOu(client, ou);
        const dn = `uid=${p.uid},ou=${ou},${suffix}`;
        const entry: Record<string, string | string[]> = {
          objectClass: ['inetOrgPerson', ...(p.ad ? ['crosspointTestAdUser'] : [])],
          uid: p.uid,
          cn: p.displayName ?? `${p.givenName ?? ''} ${p.sn ?? p.uid}`.trim(),
          sn: p.sn ?? p.uid,
          userPassword: p.password,
        };
        if (p.givenName) entry.givenName = p.givenName;
        if (p.mail) entry.mail = p.mail;
        if (p.displayName) entry.displayName = p.displayName;
        if (p.ad) {
          entry.sAMAccountName = p.ad.sAMAccountName;
          entry.userAccountControl = String(p.ad.userAccountControl ?? 512);
          if (p.ad.memberOf?.length) entry.memberOf = p.ad.memberOf;
          if (p.ad.upn) entry.userPrincipalName = p.ad.upn;
        }
        await client.add(dn, entry);
        return dn;
      }),
    addServiceAccount: (cn, password) =>
      admin(async (client) => {
        const dn = `cn=${cn},${suffix}`;
        await client.add(dn, {
          objectClass: ['organizationalRole', 'simpleSecurityObject'],
          cn,
          userPassword: password,
        });
        return dn;
      }),
    addGroup: (cn, members) =>
      admin(async (client) => {
        const dn = `cn=${cn},ou=groups,${suffix}`;
        await client.add(dn, {
          objectClass: ['groupOfNames'],
          cn,
          member: [...members, `cn=nobody,${suffix}`],
        });
        return dn;
      }),
    replace: (dn, type, values) => modify(dn, 'replace', type, values),
    addValue: (dn, type, value) => modify(dn, 'add', type, [value]),
    deleteValue: (dn, type, value) => modify(dn, 'delete', type, [value]),
    stop,
    restart: start,
    close: async () => {
      await stop();
      await dir.remove();
    },
  };
}
