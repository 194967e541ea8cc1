import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import {
  Client,
  escapeFilter,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  SizeLimitExceededError,
  type Entry,
} from 'ldapts';

// The hub's only door to LDAP / Active Directory servers (ldapts). Each call opens its own short
// connection, does one job and closes it: connect (ldap://, ldaps:// or StartTLS), bind the
// service account, search, and for a sign-in bind as the person found. Every failure comes out as
// a DirectoryError that names the step it happened at, in words an administrator can act on.

/** What the hub needs to talk to one directory (the bind password already opened). */
export interface DirectoryConnection {
  url: string;
  startTls: boolean;
  verifyCertificate: boolean;
  caCertificate: string | null;
  bindDn: string;
  bindPassword: string;
  userBase: string;
  userFilter: string;
  loginAttribute: string;
  /** Attribute listing the entry's groups (memberOf), or null to search groups by member. */
  groupAttribute: string | null;
}

/** Where talking to the directory failed. */
export type DirectoryStep = 'connect' | 'tls' | 'bind' | 'search' | 'user_bind' | 'groups';

export class DirectoryError extends Error {
  constructor(
    readonly step: DirectoryStep,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DirectoryError';
  }
}

/** A person's entry as the hub uses it. */
export interface DirectoryEntry {
  dn: string;
  /** entryUUID (OpenLDAP), objectGUID (Active Directory, as hex) or, failing both, the DN lower-cased. */
  uniqueId: string;
  mail: string | null;
  givenName: string | null;
  sn: string | null;
  displayName: string | null;
  /** Group DNs the entry is in. */
  groups: string[];
  /** Active Directory: userAccountControl has ACCOUNTDISABLE (2). */
  disabled: boolean;
}

export type DirectoryAuthentication =
  | { outcome: 'ok'; entry: DirectoryEntry }
  | { outcome: 'not_found' }
  | { outcome: 'wrong_password'; entry: DirectoryEntry }
  /** The directory itself refused the bind for a reason other than the password (AD: disabled, expired, locked). */
  | { outcome: 'refused'; entry: DirectoryEntry; reason: string };

export interface LdapDirectory {
  /** Connect, bind the service account and count the entries the user filter finds under the base. */
  testConnection(c: DirectoryConnection): Promise<{ people: number; more: boolean }>;
  /** The entry of this login (with its groups), or undefined. */
  findUser(c: DirectoryConnection, login: string): Promise<DirectoryEntry | undefined>;
  /** Finds the login's entry and binds as it with the password. */
  authenticate(c: DirectoryConnection, login: string, password: string): Promise<DirectoryAuthentication>;
}

export interface LdapTimeouts {
  connectMs: number;
  operationMs: number;
}
const defaultTimeouts: LdapTimeouts = { connectMs: 5000, operationMs: 8000 };
const countLimit = 1000;
const accountDisable = 2;

/** Attribute names as LDAP writes them (no filter syntax can hide in one). */
export const ldapAttributeName = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

export function createLdapDirectory(timeouts: Partial<LdapTimeouts> = {}): LdapDirectory {
  const t = { ...defaultTimeouts, ...timeouts };

  const tlsOptions = (c: DirectoryConnection): ConnectionOptions => {
    const host = new URL(c.url).hostname.replace(/^\[|\]$/g, '');
    return {
      rejectUnauthorized: c.verifyCertificate,
      ...(c.caCertificate ? { ca: [c.caCertificate] } : {}),
      host,
      ...(isIP(host) ? {} : { servername: host }),
    };
  };

  /** An open, service-bound connection; `work` runs on it and it is closed after. */
  const withService = async <T>(c: DirectoryConnection, work: (client: Client) => Promise<T>): Promise<T> => {
    const client = await open(c);
    try {
      await step('bind', () => client.bind(c.bindDn, c.bindPassword));
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };

  const open = async (c: DirectoryConnection): Promise<Client> => {
    let url: URL;
    try {
      url = new URL(c.url);
    } catch {
      throw new DirectoryError(
        'connect',
        `"${c.url}" is not a valid LDAP URL (ldap://host:389 or ldaps://host:636).`,
      );
    }
    if (url.protocol !== 'ldap:' && url.protocol !== 'ldaps:')
      throw new DirectoryError(
        'connect',
        `The URL must start with ldap:// or ldaps://, not ${url.protocol}//.`,
      );
    if (url.protocol === 'ldaps:' && c.startTls)
      throw new DirectoryError('tls', 'StartTLS is for ldap:// URLs; an ldaps:// URL is encrypted already.');
    const client = new Client({
      url: `${url.protocol}//${url.host}`,
      connectTimeout: t.connectMs,
      timeout: t.operationMs,
      strictDN: false,
      ...(url.protocol === 'ldaps:' ? { tlsOptions: tlsOptions(c) } : {}),
    });
    if (c.startTls) {
      try {
        await client.startTLS(tlsOptions(c));
      } catch (e) {
        await client.unbind().catch(() => undefined);
        const kind = classify(e);
        if (kind === 'connect') throw connectError(c, e);
        throw new DirectoryError('tls', `StartTLS failed: ${tlsReason(e)}`, { cause: e });
      }
    }
    return client;
  };

  const connectError = (c: DirectoryConnection, e: unknown) =>
    new DirectoryError('connect', `Could not connect to ${c.url}: ${describe(e)}`, { cause: e });

  /** Runs one LDAP operation; connection and TLS failures are told apart from the step's own. */
  const step = async <T>(name: DirectoryStep, op: () => Promise<T>, c?: DirectoryConnection): Promise<T> => {
    try {
      return await op();
    } catch (e) {
      if (e instanceof DirectoryError) throw e;
      const kind = classify(e);
      if (kind === 'connect')
        throw new DirectoryError('connect', `Could not connect${c ? ` to ${c.url}` : ''}: ${describe(e)}`, {
          cause: e,
        });
      if (kind === 'tls')
        throw new DirectoryError('tls', `The TLS connection failed: ${tlsReason(e)}`, { cause: e });
      throw new DirectoryError(name, messageFor(name, e), { cause: e });
    }
  };

  const userFilter = (c: DirectoryConnection, login: string): string => {
    if (!ldapAttributeName.test(c.loginAttribute))
      throw new DirectoryError('search', `"${c.loginAttribute}" is not an attribute name.`);
    const extra = c.userFilter.trim();
    const wrapped = extra === '' ? '' : extra.startsWith('(') ? extra : `(${extra})`;
    // The attribute name is checked above; the login is escaped (RFC 4515) by ldapts.
    const equality = escapeFilter`(${c.loginAttribute}=${login})`;
    return wrapped ? `(&${wrapped}${equality})` : equality;
  };

  const readUser = async (client: Client, c: DirectoryConnection, login: string) => {
    const groupAttr = c.groupAttribute && ldapAttributeName.test(c.groupAttribute) ? c.groupAttribute : null;
    if (c.groupAttribute && !groupAttr)
      throw new DirectoryError('groups', `"${c.groupAttribute}" is not an attribute name.`);
    const attributes = [
      'mail',
      'givenName',
      'sn',
      'displayName',
      'cn',
      'entryUUID',
      'objectGUID',
      'userAccountControl',
      c.loginAttribute,
      ...(groupAttr ? [groupAttr] : []),
    ];
    const { searchEntries } = await step(
      'search',
      () =>
        client.search(c.userBase, {
          scope: 'sub',
          filter: userFilter(c, login),
          attributes,
          sizeLimit: 2,
          explicitBufferAttributes: ['objectGUID'],
        }),
      c,
    );
    if (searchEntries.length > 1)
      throw new DirectoryError(
        'search',
        `More than one entry under ${c.userBase} has ${c.loginAttribute}=${login}: make the filter find one person.`,
      );
    const [found] = searchEntries;
    if (!found) return undefined;
    const groups = groupAttr ? values(found, groupAttr) : await groupsByMember(client, c, found.dn, login);
    return toEntry(found, groups);
  };

  const groupsByMember = async (client: Client, c: DirectoryConnection, dn: string, login: string) => {
    const base = namingContext(c.userBase);
    const filter = escapeFilter`(|(&(objectClass=groupOfNames)(member=${dn}))(&(objectClass=groupOfUniqueNames)(uniqueMember=${dn}))(&(objectClass=posixGroup)(memberUid=${login})))`;
    const { searchEntries } = await step(
      'groups',
      () => client.search(base, { scope: 'sub', filter, attributes: ['1.1'], sizeLimit: 500 }),
      c,
    );
    return searchEntries.map((e) => e.dn);
  };

  return {
    testConnection: (c) =>
      withService(c, async (client) => {
        const filter = c.userFilter.trim() === '' ? '(objectClass=*)' : c.userFilter.trim();
        try {
          const { searchEntries } = await step(
            'search',
            () =>
              client.search(c.userBase, {
                scope: 'sub',
                filter: filter.startsWith('(') ? filter : `(${filter})`,
                attributes: ['1.1'],
                sizeLimit: countLimit,
              }),
            c,
          );
          return { people: searchEntries.length, more: false };
        } catch (e) {
          if (e instanceof DirectoryError && e.cause instanceof SizeLimitExceededError)
            return { people: countLimit, more: true };
          throw e;
        }
      }),

    findUser: (c, login) => withService(c, (client) => readUser(client, c, login)),

    authenticate: async (c, login, password) => {
      // An empty password would be an "unauthenticated bind", which many servers accept.
      if (password === '') return { outcome: 'not_found' };
      const entry = await withService(c, (client) => readUser(client, c, login));
      if (!entry) return { outcome: 'not_found' };
      const client = await open(c);
      try {
        await step('user_bind', () => client.bind(entry.dn, password), c);
        return { outcome: 'ok', entry };
      } catch (e) {
        const cause = e instanceof DirectoryError ? e.cause : e;
        if (cause instanceof InvalidCredentialsError) {
          const ad = adBindReason(cause.message);
          return ad ? { outcome: 'refused', entry, reason: ad } : { outcome: 'wrong_password', entry };
        }
        throw e;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
  };
}

/** The dc= part of a DN (where groups are looked for when entries do not list their own). */
export function namingContext(dn: string): string {
  const rdns = dn.split(/(?<!\\),/).map((r) => r.trim());
  const first = rdns.findIndex((r) => /^dc=/i.test(r));
  return first === -1 ? dn : rdns.slice(first).join(',');
}

function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const v = key ? entry[key] : undefined;
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : x));
}

const first = (entry: Entry, attribute: string): string | null => values(entry, attribute)[0] ?? null;

function toEntry(e: Entry, groups: string[]): DirectoryEntry {
  const guid = e.objectGUID;
  const guidHex = Buffer.isBuffer(guid)
    ? guid.toString('hex')
    : Array.isArray(guid) && Buffer.isBuffer(guid[0])
      ? guid[0].toString('hex')
      : null;
  const uuid = first(e, 'entryUUID');
  const uac = Number(first(e, 'userAccountControl') ?? '0');
  return {
    dn: e.dn,
    uniqueId: uuid ?? (guidHex ? `guid:${guidHex}` : `dn:${e.dn.toLowerCase()}`),
    mail: first(e, 'mail'),
    givenName: first(e, 'givenName'),
    sn: first(e, 'sn'),
    displayName: first(e, 'displayName') ?? first(e, 'cn'),
    groups,
    disabled: Number.isFinite(uac) && (uac & accountDisable) !== 0,
  };
}

/** Active Directory says why a bind failed in "data 52e" etc.; only the wrong password is just that. */
function adBindReason(message: string): string | undefined {
  const code = /data ([0-9a-f]{3})/i.exec(message)?.[1]?.toLowerCase();
  const reasons: Record<string, string> = {
    '530': 'the account may not sign in at this time',
    '531': 'the account may not sign in from this workstation',
    '532': 'the password has expired',
    '533': 'the account is disabled',
    '701': 'the account has expired',
    '773': 'the password must be changed first',
    '775': 'the account is locked out',
  };
  return code ? reasons[code] : undefined;
}

const connectCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

function classify(e: unknown): 'connect' | 'tls' | 'other' {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : '';
  if (
    connectCodes.has(code) ||
    /connection timeout|timed out|socket closed|connection closed|connect ETIMEDOUT/i.test(message)
  )
    return 'connect';
  if (
    /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL|EPROTO/.test(code) ||
    /certificate|ssl|tls|handshake/i.test(message)
  )
    return 'tls';
  return 'other';
}

function describe(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing listens on that port).';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve.';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the host cannot be reached.';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (/operation timed out/i.test(message))
    return 'the server took the connection but gave no answer in time (is this an LDAP port?).';
  if (/timeout/i.test(message)) return 'no answer in time.';
  return message;
}

function tlsReason(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (/SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/.test(code))
    return `the server's certificate is not trusted (${message}); add its CA certificate, or turn the certificate check off.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `the server's certificate is for another name (${message}).`;
  if (code === 'CERT_HAS_EXPIRED') return "the server's certificate has expired.";
  return message;
}

function messageFor(step: DirectoryStep, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  switch (step) {
    case 'bind':
      if (e instanceof InvalidCredentialsError)
        return 'The directory refused the service account: check the bind DN and its password.';
      if (e instanceof InvalidDNSyntaxError) return 'The bind DN is not a valid DN.';
      return `Binding the service account failed: ${message}`;
    case 'search':
      if (e instanceof NoSuchObjectError) return 'The search base does not exist in the directory.';
      if (e instanceof InvalidDNSyntaxError) return 'The search base is not a valid DN.';
      if (/filter/i.test(message)) return `The user filter is not valid: ${message}`;
      return `Searching for people failed: ${message}`;
    case 'groups':
      return `Reading the groups failed: ${message}`;
    case 'user_bind':
      return `Binding as the person failed: ${message}`;
    case 'connect':
    case 'tls':
      return message;
  }
}
