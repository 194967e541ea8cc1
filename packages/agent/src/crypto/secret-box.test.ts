import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSecretBox, loadOrCreateKey, parseKey, SecretBoxError } from './secret-box.ts';

describe(createSecretBox.name, () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('converge', 'stack:A');
    expect(sealed).not.toContain('converge');
    expect(box.open(sealed, 'stack:A')).toBe('converge');
    expect(box.seal('converge', 'stack:A')).not.toBe(sealed);
  });

  it('refuses another context, a tampered text or another key', () => {
    const sealed = box.seal('converge', 'stack:A');
    expect(() => box.open(sealed, 'stack:B')).toThrow(SecretBoxError);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`, 'stack:A')).toThrow(SecretBoxError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'stack:A')).toThrow(SecretBoxError);
    expect(() => box.open('v9:abc', 'stack:A')).toThrow(SecretBoxError);
  });
});

describe(loadOrCreateKey.name, () => {
  it('creates an owner-only key file once and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-key-'));
    try {
      const first = await loadOrCreateKey(dir);
      expect(first).toHaveLength(32);
      expect((await stat(join(dir, 'credential.key'))).mode & 0o777).toBe(0o600);
      expect((await loadOrCreateKey(dir)).equals(first)).toBe(true);
      expect((await readFile(join(dir, 'credential.key'), 'utf8')).trim()).toBe(first.toString('hex'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prefers a configured key, hex or base64', async () => {
    const key = randomBytes(32);
    expect((await loadOrCreateKey('/nonexistent', key.toString('hex'))).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey('short')).toThrow(SecretBoxError);
  });
});
