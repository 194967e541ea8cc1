// The LDAP adapter on its own, against a real slapd (and peers that fail the ways servers do): the
// cases the HTTP tests do not reach — a server that never answers, posixGroup membership, a login
// two entries share, a filter without parentheses, an empty password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSilentPeer, startUntrustedTlsPeer, type Peer } from '../test/failing-peers.ts';
import { slapdAvailable, startLdapServer, type LdapTestServer } from '../test/ldap-server.ts';
import {
  createLdapDirectory,
  DirectoryError,
  namingContext,
  type DirectoryConnection,
} from './ldap-directory.ts';

describe.runIf(slapdAvailable())('ldap-directory adapter', () => {
  let ldap: LdapTestServer;
  let silent: Peer;
  let untrusted: Peer;
  const directory = createLdapDirectory({ connectMs: 1000, operationMs: 1000 });
  let connection: DirectoryConnection;

  beforeAll(async () => {
    ldap = await startLdapServer();
    silent = await startSilentPeer();
    untrusted = await startUntrustedTlsPeer();
    const bindDn = await ldap.addServiceAccount('svc', 'svc-pw');
    const eve = await ldap.addPerson({ uid: 'eve', password: 'eve-pw', mail: 'eve@example.test' });
    await ldap.addPerson({ uid: 'twin', password: 'a', ou: 'east' });
    await ldap.addPerson({ uid: 'twin', password: 'b', ou: 'west' });
    await ldap.addGroup('names', [eve]);
    await ldap.admin((c) =>
      c.add(`cn=posix,ou=groups,${ldap.suffix}`, {
        objectClass: ['posixGroup'],
        cn: 'posix',
        gidNumber: '5000',
        memberUid: 'eve',
      }),
    );
    connection = {
      url: ldap.url,
      startTls: false,
      verifyCertificate: true,
      caCertificate: null,
      bindDn,
      bindPassword: 'svc-pw',
      userBase: ldap.suffix,
      userFilter: 'objectClass=inetOrgPerson',
      loginAttribute: 'uid',
      groupAttribute: null,
    };
  }, 60_000);
  afterAll(async () => {
    await silent.close();
    await untrusted.close();
    await ldap.close();
  });

  const failure = async (work: Promise<unknown>) => {
    const e = await work.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DirectoryError);
    return e as DirectoryError;
  };

  it('finds groups by member and by memberUid, with a filter written without parentheses', async () => {
    const entry = await directory.findUser(connection, 'eve');
    expect(entry?.groups.sort()).toEqual([
      `cn=names,ou=groups,${ldap.suffix}`,
      `cn=posix,ou=groups,${ldap.suffix}`,
    ]);
    expect(entry?.mail).toBe('eve@example.test');
    expect(entry?.uniqueId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a login two entries share, and an empty password without asking the server', async () => {
    const twins = await failure(directory.findUser(connection, 'twin'));
    expect(twins.step).toBe('search');
    expect(twins.message).toMatch(/More than one entry/);
    expect(await directory.authenticate(connection, 'eve', '')).toEqual({ outcome: 'not_found' });
  });

  it('names the step when the server never answers or its certificate is not trusted', async () => {
    const hung = await failure(
      directory.testConnection({ ...connection, url: `ldap://127.0.0.1:${String(silent.port)}` }),
    );
    expect(hung.step).toBe('connect');
    expect(hung.message).toMatch(/no answer in time/);
    const tls = await failure(
      directory.testConnection({ ...connection, url: `ldaps://127.0.0.1:${String(untrusted.port)}` }),
    );
    expect(tls.step).toBe('tls');
    const bad = await failure(directory.testConnection({ ...connection, url: 'http://127.0.0.1:389' }));
    expect(bad.step).toBe('connect');
  });

  it('takes groups from the dc= part of the base', () => {
    expect(namingContext('OU=Staff,OU=HQ,DC=globex,DC=example')).toBe('DC=globex,DC=example');
    expect(namingContext('o=acme')).toBe('o=acme');
  });
});
