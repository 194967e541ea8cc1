import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { tempDir } from '../test/temp-dir.ts';
import { cacheForever, revalidate } from './web-app.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body is read as sent: fetch() would decompress it and hide what went over the wire. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const varies = (r: RawResponse) =>
  String(r.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

/** What the web build writes: a file with its .br and .gz beside it. */
async function writeWithEncodings(path: string, text: string): Promise<Buffer> {
  const raw = Buffer.from(text);
  await writeFile(path, raw);
  await writeFile(`${path}.br`, brotliCompressSync(raw));
  await writeFile(`${path}.gz`, gzipSync(raw));
  return raw;
}

describe('web app files: precompressed, cached by kind, no source maps', () => {
  let hub: HubUnderTest;
  let removeDir: () => Promise<void>;
  let index: Buffer;
  let script: Buffer;
  const scriptPath = '/assets/index-Bx3_k-9Q.js';
  const tinyPath = '/assets/toggled-DOLN-D-V.js';

  beforeAll(async () => {
    const dir = await tempDir('cp-web-app');
    removeDir = dir.remove;
    await mkdir(join(dir.path, 'assets'));
    index = await writeWithEncodings(
      join(dir.path, 'index.html'),
      `<!doctype html><title>Crosspoint</title><script type="module" src="${scriptPath}"></script>${' '.repeat(2000)}`,
    );
    script = await writeWithEncodings(
      join(dir.path, scriptPath),
      `export const rows = ${JSON.stringify(Array(500).fill('device'))};`,
    );
    await writeFile(
      join(dir.path, `${scriptPath}.map`),
      '{"version":3,"sources":["../../src/secret.ts"],"mappings":""}',
    );
    // Too small to gain from compression: the build writes no .br or .gz for it.
    await writeFile(join(dir.path, tinyPath), 'export const t=1;');
    await writeFile(join(dir.path, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
    hub = await startHubForTest({ webDir: dir.path });
  });
  afterAll(async () => {
    await hub.close();
    await removeDir();
  });

  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, and the file as is otherwise', async () => {
    const br = await rawGet(hub.url, scriptPath, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).equals(script)).toBe(true);
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(varies(br)).toContain('accept-encoding');

    const gz = await rawGet(hub.url, scriptPath, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(script)).toBe(true);
    expect(varies(gz)).toContain('accept-encoding');

    for (const acceptEncoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await rawGet(
        hub.url,
        scriptPath,
        acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      );
      expect(plain.status, String(acceptEncoding)).toBe(200);
      expect(plain.headers['content-encoding'], String(acceptEncoding)).toBeUndefined();
      expect(plain.body.equals(script)).toBe(true);
      expect(varies(plain)).toContain('accept-encoding');
    }

    // No compressed copy of this one: the file itself, whatever the browser accepts.
    const tiny = await rawGet(hub.url, tinyPath, { 'accept-encoding': 'br, gzip' });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export const t=1;');
  });

  it('lets browsers keep hashed build files for a year, and revalidate everything else', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const asset = await rawGet(hub.url, scriptPath, { 'accept-encoding': encoding });
      expect(asset.headers['cache-control'], encoding).toBe(cacheForever);
      expect(asset.headers.etag, encoding).toBeTruthy();
    }
    expect((await rawGet(hub.url, tinyPath)).headers['cache-control']).toBe(cacheForever);
    expect((await rawGet(hub.url, '/robots.txt')).headers['cache-control']).toBe(revalidate);
    expect(cacheForever).toBe('public, max-age=31536000, immutable');
    expect(revalidate).toBe('no-cache');
  });

  it('answers the app itself, compressed and never cached unchecked, at / and on every deep link', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/devices?kind=video',
      '/devices/0d4c1a52-1d1c-4f3e-9a57-5b0b8f7f1a11',
      '/sign-in',
    ]) {
      const page = await rawGet(hub.url, path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type'], path).toMatch(/text\/html/);
      expect(page.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(page.body).equals(index), path).toBe(true);
      expect(page.headers['cache-control'], path).toBe(revalidate);
      expect(varies(page), path).toContain('accept-encoding');
      expect(page.headers['content-security-policy'], path).toMatch(/default-src 'self'/);
    }
    const plain = await rawGet(hub.url, '/devices');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(index)).toBe(true);
    expect(plain.headers['cache-control']).toBe(revalidate);
  });

  it('serves no source map, no compressed copy by name, and no app page for a missing build file', async () => {
    for (const path of [
      `${scriptPath}.map`,
      `${scriptPath}.br`,
      `${scriptPath}.gz`,
      '/assets/DevicesScreen-Zz9_x-12.js',
    ]) {
      const res = await rawGet(hub.url, path, { 'accept-encoding': 'br, gzip' });
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(/application\/json/);
      expect((JSON.parse(res.body.toString()) as { error: { code: string } }).error.code, path).toBe(
        'NOT_FOUND',
      );
    }
    // Outside the build's folder, such a name is just an unknown path: the app page, never the compressed bytes.
    const named = await rawGet(hub.url, '/index.html.br');
    expect(named.status).toBe(200);
    expect(named.headers['content-type']).toMatch(/text\/html/);
    expect(named.headers['content-encoding']).toBeUndefined();
    expect(named.body.equals(index)).toBe(true);
    // The API keeps its own 404.
    const api = await rawGet(hub.url, '/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});
