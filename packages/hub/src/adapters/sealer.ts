import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A sealed value could not be opened: another hub's key, or the value was altered. */
export class SealError extends Error {}

const prefix = 'v1.';

/**
 * Seals the few secrets the hub must read back (an organization's SMTP password) with
 * AES-256-GCM. The `context` (e.g. "org-smtp:<org id>") is authenticated too, so a sealed value
 * copied to another row does not open. Hubs sharing a database must share the key
 * (CROSSPOINT_SECRET_KEY); a lone hub keeps one in its data dir.
 */
export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new SealError('The secret key must be 32 bytes: 64 hex digits or base64.');
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return prefix + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
  }

  open(sealed: string, context: string): string {
    const raw = sealed.startsWith(prefix)
      ? Buffer.from(sealed.slice(prefix.length), 'base64url')
      : Buffer.alloc(0);
    if (raw.length < 28) throw new SealError('The sealed value is not in a known format.');
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12)).setAAD(Buffer.from(context));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      throw new SealError(
        'The sealed value does not open with this hub’s secret key (CROSSPOINT_SECRET_KEY differs between hubs?).',
      );
    }
  }
}

/** Whether a stored value is in the sealed format (anything else was stored before sealing). */
export const isSealed = (stored: string): boolean => stored.startsWith(prefix);

const keyFrom = (text: string): Buffer => {
  const t = text.trim();
  return /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
};

/** The configured key, else `secret.key` in the data dir (made on first start, readable by the owner only). */
export async function openSealer(dataDir: string, configured: string | undefined): Promise<Sealer> {
  if (configured) return new Sealer(keyFrom(configured));
  const file = join(dataDir, 'secret.key');
  const existing = await readFile(file, 'utf8').catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  });
  if (existing !== undefined) return new Sealer(keyFrom(existing));
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  const handle = await open(file, 'wx', 0o600).catch((e: unknown) => {
    // Another process made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  });
  if (!handle) return new Sealer(keyFrom(await readFile(file, 'utf8')));
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
  } finally {
    await handle.close();
  }
  return new Sealer(key);
}
