import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

interface Stored {
  username: string;
  salt: string;
  hash: string;
}

/**
 * The agent's local administrator: one account, its password hashed with scrypt in
 * `<data dir>/ui-admin.json` (mode 600). Created on first start with a random password, which the
 * agent prints once; `--ui-password` (or its variable) sets it instead.
 */
export class LocalAdmin {
  private constructor(
    private readonly path: string,
    private stored: Stored,
  ) {}

  static async open(
    dataDir: string,
    password?: string,
  ): Promise<{ admin: LocalAdmin; createdPassword?: string }> {
    const path = join(dataDir, 'ui-admin.json');
    let stored: Stored | undefined;
    try {
      stored = JSON.parse(await readFile(path, 'utf8')) as Stored;
    } catch {
      stored = undefined;
    }
    if (stored && !password) return { admin: new LocalAdmin(path, stored) };
    const chosen = password ?? randomBytes(12).toString('base64url');
    const admin = new LocalAdmin(path, await hashed('admin', chosen));
    await admin.save();
    return password ? { admin } : { admin, createdPassword: chosen };
  }

  get username(): string {
    return this.stored.username;
  }

  async verify(username: string, password: string): Promise<boolean> {
    const hash = await scrypt(password, Buffer.from(this.stored.salt, 'base64'), 32);
    const expected = Buffer.from(this.stored.hash, 'base64');
    return (
      username === this.stored.username && hash.length === expected.length && timingSafeEqual(hash, expected)
    );
  }

  private async save(): Promise<void> {
    await writeFile(this.path, JSON.stringify(this.stored), { mode: 0o600 });
    await chmod(this.path, 0o600);
  }
}

async function hashed(username: string, password: string): Promise<Stored> {
  const salt = randomBytes(16);
  return {
    username,
    salt: salt.toString('base64'),
    hash: (await scrypt(password, salt, 32)).toString('base64'),
  };
}
