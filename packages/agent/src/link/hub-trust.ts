// Whom the agent trusts when its hub speaks TLS (wss:// or https://): Node's public CAs, plus the
// CA certificates of `--hub-ca` (a private or self-signed CA). The link, file transfers and build
// downloads all use the same trust; with several hubs, the same file serves each of them.
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { SettingsError } from '@crosspoint/protocol';

export interface HubTrust {
  /** The CA certificates (PEM) a hub's certificate must chain to: the public ones and the file's. */
  ca: string[];
  /** The file's own CAs, for the log. */
  extra: { file: string; subjects: string[] };
}

/** Reads `--hub-ca`; a file that cannot be read or holds no certificate stops the agent (exit 2). */
export async function loadHubTrust(
  file: string | undefined,
  origin = '--hub-ca',
): Promise<HubTrust | undefined> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SettingsError([`${origin}: cannot read ${file} (${err.code ?? err.message})`]);
  }
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const subjects: string[] = [];
  try {
    for (const pem of pems) subjects.push(new X509Certificate(pem).subject.replace(/\n/g, ', '));
  } catch (e) {
    throw new SettingsError([
      `${origin}: ${file} holds a certificate that does not parse (${(e as Error).message})`,
    ]);
  }
  if (pems.length === 0)
    throw new SettingsError([`${origin}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`]);
  return { ca: [...rootCertificates, ...pems], extra: { file, subjects } };
}

/** Codes of a hub certificate the agent does not accept (Node's, from OpenSSL's verification). */
const certificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What went wrong in a TLS handshake with the hub, said for people; undefined for other errors. */
export function tlsProblem(e: unknown): { certificate?: string; reason: string } | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  if (code !== undefined && certificateCodes.has(code)) {
    const what =
      code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? 'is not for this address (the hub URL must name a host the certificate lists)'
        : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
          ? 'is not valid now (check its dates, and this computer’s clock)'
          : 'is not trusted (a private or self-signed CA: give the agent its certificate with --hub-ca)';
    return { certificate: code, reason: `the hub’s certificate ${what} [${code}: ${err?.message ?? ''}]` };
  }
  if (
    code === 'EPROTO' ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number/i.test(err?.message ?? '')
  )
    return {
      reason: `the hub does not speak TLS on this port (use http:// or ws://, or start the hub with --tls-cert) [${code ?? ''}]`,
    };
  return undefined;
}

/**
 * `fetch` trusting `trust` for https:// URLs (Node 20's fetch takes no CA of its own); without a
 * trust, the global fetch. Enough for the agent's file transfers and build downloads.
 */
export function fetchTrusting(trust: HubTrust | undefined): typeof fetch {
  if (!trust) return fetch;
  const agent = new Agent({ ca: trust.ca, keepAlive: true });
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.protocol !== 'https:') return fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const method = init?.method ?? 'GET';
      const body = init?.body;
      const payload = typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      // As fetch does for a body it knows whole: a length, not chunks.
      if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
      const req = request(
        url,
        {
          method,
          headers,
          agent,
          ...(init?.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 502;
          const answered = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              answered.append(name, one);
          const empty = status === 204 || status === 304 || method === 'HEAD';
          if (empty) res.resume();
          resolve(
            new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              headers: answered,
            }),
          );
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.end(payload);
      else req.end();
    });
  };
}
