// Files stream in and out over real HTTP a chunk at a time: a file sent without a declared size is
// kept whole and given back byte for byte; the organization's quota, the size limit and the bound on
// transfers at once are answered with stable codes and leave nothing behind; a Monitor cannot
// download (backups carry the stack's login); a client that gives up midway leaves no file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { maxFileBytes } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { rowsOf } from '../../repositories/raw-rows.ts';
import { fileChunkBytes } from '../../repositories/command-file.repository.ts';

const mib = 1024 * 1024;

describe('file transfers', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let admin: string;
  let monitor: string;
  const files = () => `${hub.url}/api/v1/orgs/${t.client.id}/files`;

  interface Answer {
    status: number;
    json(): Promise<unknown>;
  }
  /**
   * POSTs a file over a connection of its own (an early answer, such as 413, closes a connection
   * while the body is still on its way): a Buffer with its size declared, or `parts` sent one by one
   * without a declared size (chunked), `gapMs` apart.
   */
  const upload = (name: string, body: Buffer | Buffer[], token = admin, gapMs = 0) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(`${files()}?name=${encodeURIComponent(name)}&kind=firmware`, {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}),
        },
      });
      req.on('response', (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: r.statusCode ?? 0, json: () => Promise.resolve(JSON.parse(text) as unknown) });
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        // The answer came first and the connection closed under the rest of the body: already resolved.
        if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e);
      });
      if (Buffer.isBuffer(body)) {
        req.end(body);
        return;
      }
      void (async () => {
        for (const [i, part] of body.entries()) {
          if (i > 0 && gapMs) await new Promise((r) => setTimeout(r, gapMs));
          if (req.destroyed) return;
          req.write(part);
        }
        req.end();
      })();
    });
  const kept = async () =>
    rowsOf<{ files: number; incomplete: number; chunks: number }>(
      await hub.database.db.execute(
        sql`SELECT (SELECT count(*)::int FROM command_files WHERE org_id = ${t.client.id}) AS files,
                   (SELECT count(*)::int FROM command_files WHERE org_id = ${t.client.id} AND NOT complete) AS incomplete,
                   (SELECT count(*)::int FROM command_file_chunks c JOIN command_files f ON f.id = c.file_id WHERE f.org_id = ${t.client.id}) AS chunks`,
      ),
    )[0];

  beforeAll(async () => {
    hub = await startHubForTest({ fileLimits: { quotaBytes: 12 * mib, transfersPerOrg: 2 } });
    t = await buildTenancy(hub, 'transfers');
    const token = async (role: string) =>
      (
        await t.support.owner.post<{ secret: string }>(`/api/v1/orgs/${t.client.id}/api-tokens`, {
          name: role,
          role,
        })
      ).body.secret;
    admin = await token('administrator');
    monitor = await token('monitor');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('keeps a file sent in pieces without a declared size, in chunks, and gives it back byte for byte', async () => {
    const data = randomBytes(5 * mib + 12_345);
    const parts = Array.from({ length: 40 }, (_, i) =>
      data.subarray(Math.floor((i * data.length) / 40), Math.floor(((i + 1) * data.length) / 40)),
    );
    const res = await upload('big.bin', parts);
    const info = (await res.json()) as { id: string; bytes: number; sha256: string };
    expect(res.status).toBe(201);
    expect(info.bytes).toBe(data.length);
    expect(info.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(await kept()).toEqual({
      files: 1,
      incomplete: 0,
      chunks: Math.ceil(data.length / fileChunkBytes),
    });
    const down = await fetch(`${files()}/${info.id}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe(String(data.length));
    expect(Buffer.from(await down.arrayBuffer()).equals(data)).toBe(true);
  });

  it('lets a Monitor see that a file exists but not download it', async () => {
    const up = (await (await upload('small.bin', randomBytes(1000))).json()) as { id: string };
    const res = await fetch(`${files()}/${up.id}`, { headers: { authorization: `Bearer ${monitor}` } });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });

  it('refuses a file past the quota, declared or not, and keeps nothing of it', async () => {
    const before = await kept();
    const declared = await upload('declared.bin', randomBytes(8 * mib));
    expect([declared.status, ((await declared.json()) as { error: { code: string } }).error.code]).toEqual([
      413,
      'FILE_QUOTA_EXCEEDED',
    ]);
    const undeclared = await upload(
      'undeclared.bin',
      Array.from({ length: 8 }, () => randomBytes(mib)),
    );
    const body = (await undeclared.json()) as { error: { code: string; message: string } };
    expect([undeclared.status, body.error.code]).toEqual([413, 'FILE_QUOTA_EXCEEDED']);
    expect(body.error.message).toMatch(/of its 12 MiB/);
    expect(await kept()).toEqual(before);
  });

  it('refuses a file larger than the hub keeps before reading it', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${files()}?name=huge.bin&kind=firmware`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/octet-stream',
          'content-length': String(maxFileBytes + 1),
        },
      });
      req.on('response', (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(randomBytes(1000)); // and nothing more: the answer must not wait for the rest
    });
    expect([res.status, (JSON.parse(res.body) as { error: { code: string } }).error.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
  });

  it('bounds transfers at once per organization, and frees the places when they end', async () => {
    const slow = [
      upload('slow-1.bin', [randomBytes(1000), randomBytes(1000)], admin, 600),
      upload('slow-2.bin', [randomBytes(1000), randomBytes(1000)], admin, 600),
    ];
    await new Promise((r) => setTimeout(r, 200));
    const third = await upload('third.bin', randomBytes(1000));
    expect([third.status, ((await third.json()) as { error: { code: string } }).error.code]).toEqual([
      429,
      'TOO_MANY_TRANSFERS',
    ]);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([201, 201]);
    expect((await upload('fourth.bin', randomBytes(1000))).status).toBe(201);
    expect(hub.services.files.activeTransfers).toBe(0);
  });

  it('keeps nothing of an upload whose sender gives up midway', async () => {
    const before = await kept();
    await new Promise<void>((resolve) => {
      const req = request(`${files()}?name=cut.bin&kind=firmware`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/octet-stream',
          'content-length': String(3 * mib),
        },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(2 * mib), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200);
      });
    });
    const deadline = Date.now() + 5000;
    while (hub.services.files.activeTransfers > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(hub.services.files.activeTransfers).toBe(0);
    expect(await kept()).toEqual(before);
  });
});
