import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Seals small secrets (device credentials) with AES-256-GCM; `context` binds a ciphertext to its owner. */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** Throws SecretBoxError when the ciphertext was tampered with, moved to another context or sealed under another key. */
  open(sealed: string, context: string): string;
}

export class SecretBoxError extends Error {
  readonly code = 'SECRET_UNREADABLE';
}

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretBoxError('The credential key must be 32 bytes (AES-256).');
  return {
    seal(plain, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed, context) {
      const [v, data] = sealed.split(':', 2);
      if (v !== version || data === undefined) throw new SecretBoxError('Unknown secret format.');
      const raw = Buffer.from(data, 'base64');
      if (raw.length < ivBytes + tagBytes) throw new SecretBoxError('Secret too short.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
        return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretBoxError('Secret cannot be opened: wrong key or tampered data.');
      }
    },
  };
}

/** Parses a configured key: 64 hex digits or base64 of 32 bytes. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new SecretBoxError('The credential key must be 64 hex digits or base64 of 32 bytes.');
  return key;
}

/**
 * The key from the configuration when given, else `credential.key` in the data dir, created
 * (owner-only) on first start. Keeping it in config lets an operator hold it apart from the data.
 */
export async function loadOrCreateKey(dataDir: string, configured?: string): Promise<Buffer> {
  if (configured !== undefined) return parseKey(configured);
  const file = join(dataDir, 'credential.key');
  try {
    return parseKey(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return key;
}
