// The hub's own HTTPS: its certificate, key and optional chain files, read and checked as a whole
// before they are used (at start, and again each time they change on disk).
import { readFile } from 'node:fs/promises';
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';

/** The files the hub serves HTTPS with (paths as configured). */
export interface TlsFiles {
  cert: string;
  key: string;
  ca?: string | undefined;
}

export type TlsProblem =
  | 'TLS_FILE_UNREADABLE'
  | 'TLS_CERT_INVALID'
  | 'TLS_KEY_INVALID'
  | 'TLS_KEY_MISMATCH'
  | 'TLS_CA_INVALID'
  | 'TLS_CERT_EXPIRED';

/** A certificate file set the hub cannot serve with; `code` is stable, the message names the file. */
export class TlsFilesError extends Error {
  constructor(
    readonly code: TlsProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TlsFilesError';
  }
}

/** What is logged about a certificate in use. */
export interface CertificateSummary {
  subject: string;
  subjectAltName: string | undefined;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

/** A checked set: the options for `https.createServer` / `setSecureContext`, and what it holds. */
export interface TlsMaterial {
  options: { cert: Buffer; key: Buffer; ca?: Buffer };
  certificate: CertificateSummary;
  /** Past its end (or before its start) at load time. */
  expired: boolean;
  /** Of the files' bytes: the same digest is the same set. */
  digest: string;
}

const pemCertificates = (pem: string): string[] =>
  pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

async function readOne(path: string, what: string, setting: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new TlsFilesError(
      'TLS_FILE_UNREADABLE',
      `cannot read the ${what} file ${path} (${setting}): ${err.code ?? err.message}`,
    );
  }
}

/** The bytes of the files, unchecked (a reload compares them with what is in use first). */
export async function readTlsFiles(files: TlsFiles): Promise<TlsMaterial['options']> {
  const cert = await readOne(files.cert, 'TLS certificate', '--tls-cert');
  const key = await readOne(files.key, 'TLS private key', '--tls-key');
  const ca = files.ca === undefined ? undefined : await readOne(files.ca, 'TLS CA chain', '--tls-ca');
  return { cert, key, ...(ca ? { ca } : {}) };
}

export const tlsDigest = (options: TlsMaterial['options']): string =>
  createHash('sha256')
    .update(options.cert)
    .update('\0')
    .update(options.key)
    .update('\0')
    .update(options.ca ?? '')
    .digest('hex');

/**
 * Checks a set read from disk: the certificate parses, the key parses and is the certificate's,
 * the chain parses, and Node's TLS takes the whole. Throws TlsFilesError naming the file.
 */
export function checkTlsFiles(
  files: TlsFiles,
  options: TlsMaterial['options'],
  now: Date = new Date(),
): TlsMaterial {
  const first = pemCertificates(options.cert.toString('utf8'))[0];
  let certificate: X509Certificate;
  try {
    if (first === undefined) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
    certificate = new X509Certificate(first);
  } catch (e) {
    throw new TlsFilesError(
      'TLS_CERT_INVALID',
      `the TLS certificate file ${files.cert} (--tls-cert) holds no usable certificate: ${(e as Error).message}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(options.key);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ERR_MISSING_PASSPHRASE'
        ? 'the key is encrypted (give it unencrypted, readable only by the hub’s user)'
        : err.message;
    throw new TlsFilesError(
      'TLS_KEY_INVALID',
      `the TLS private key file ${files.key} (--tls-key) holds no usable key: ${why}`,
    );
  }
  if (!certificate.checkPrivateKey(key))
    throw new TlsFilesError(
      'TLS_KEY_MISMATCH',
      `the TLS private key ${files.key} (--tls-key) is not the key of the certificate ${files.cert} (--tls-cert)`,
    );
  if (options.ca && files.ca !== undefined) {
    const chain = pemCertificates(options.ca.toString('utf8'));
    try {
      if (chain.length === 0) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
      for (const c of chain) new X509Certificate(c);
    } catch (e) {
      throw new TlsFilesError(
        'TLS_CA_INVALID',
        `the TLS CA chain file ${files.ca} (--tls-ca) holds no usable certificate: ${(e as Error).message}`,
      );
    }
  }
  try {
    createSecureContext(options);
  } catch (e) {
    throw new TlsFilesError(
      'TLS_CERT_INVALID',
      `TLS refused the certificate files ${files.cert} and ${files.key}: ${(e as Error).message}`,
    );
  }
  const validFrom = new Date(certificate.validFrom);
  const validTo = new Date(certificate.validTo);
  return {
    options,
    certificate: {
      subject: certificate.subject.replace(/\n/g, ', '),
      subjectAltName: certificate.subjectAltName,
      issuer: certificate.issuer.replace(/\n/g, ', '),
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      fingerprint256: certificate.fingerprint256,
    },
    expired: now < validFrom || now > validTo,
    digest: tlsDigest(options),
  };
}

/** Reads and checks the files (at start: a problem stops the hub with its code). */
export async function loadTlsMaterial(files: TlsFiles, now: Date = new Date()): Promise<TlsMaterial> {
  return checkTlsFiles(files, await readTlsFiles(files), now);
}
