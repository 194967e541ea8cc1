// The agent as people download it: the hub offers the single-file build of scripts/build-agent.mjs
// (built here for real, into a temporary folder) with its version, size and SHA-256; before the
// build exists it answers "not built"; a new build is offered without restarting the hub; the
// platform's own organization has no servers and no download; the file downloaded runs under plain node.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDownload } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { tempDir } from '../../test/temp-dir.ts';
import { ApiClient } from '../../test/api-client.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../../', import.meta.url));

describe('agent downloads', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let dir: { path: string; remove: () => Promise<void> };

  beforeAll(async () => {
    dir = await tempDir('cp-agent-build');
    hub = await startHubForTest({ config: { agentFile: join(dir.path, 'agent.mjs') } });
    t = await buildTenancy(hub, 'downloads');
  });
  afterAll(async () => {
    await hub.close();
    await dir.remove();
  });

  it('answers "not built" until the agent is built, then offers the build with its version, size and SHA-256', async () => {
    const owner = t.support.owner;
    const before = await owner.get<AgentDownload>(`/api/v1/orgs/${t.client.id}/downloads/agent`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ available: false, version: null, sha256: null, bytes: null });
    const missing = await owner.get<{ error: { code: string; message: string } }>(
      `/api/v1/orgs/${t.client.id}/downloads/agent/file`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/not built.*npm run build:agent/);

    await run(
      process.execPath,
      ['scripts/build-agent.mjs', '--out-dir', dir.path, '--version', '9.8.7-test'],
      { cwd: root },
    );
    const after = await owner.get<AgentDownload>(`/api/v1/orgs/${t.client.id}/downloads/agent`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      available: true,
      fileName: 'crosspoint-agent.mjs',
      version: '9.8.7-test',
      signed: false,
      nodeVersion: '20.19',
    });
    const file = await owner.get<string>(`/api/v1/orgs/${t.client.id}/downloads/agent/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="crosspoint-agent.mjs"');
    const bytes = Buffer.from(file.body, 'utf8');
    expect(bytes.byteLength).toBe(after.body.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(after.body.sha256);
    expect(file.headers['x-content-sha256']).toBe(after.body.sha256);

    // The downloaded file is the agent: it runs under plain node and knows its version.
    const saved = join(dir.path, 'downloaded.mjs');
    await writeFile(saved, bytes);
    const help = await run(process.execPath, [saved, '--help']);
    expect(help.stdout).toContain('--hub-url');
    const version = await run(process.execPath, [saved, 'version']);
    expect(version.stdout.trim()).toBe('9.8.7-test');
  }, 60_000);

  it('a build whose agent.json does not match the file is offered without a version', async () => {
    await writeFile(join(dir.path, 'agent.mjs'), 'console.log("patched by hand");\n');
    const res = await t.support.owner.get<AgentDownload>(`/api/v1/orgs/${t.client.id}/downloads/agent`);
    expect(res.body).toMatchObject({ available: true, version: null });
    expect(res.body.sha256).toBe(
      createHash('sha256').update('console.log("patched by hand");\n').digest('hex'),
    );
  });

  it('is for signed-in people of organizations with servers: not the platform, not strangers', async () => {
    const platform = await t.operator.get(`/api/v1/orgs/${t.platformId}/downloads/agent`);
    expect(platform.status).toBe(404);
    const stranger = new ApiClient(hub.app);
    expect((await stranger.get(`/api/v1/orgs/${t.client.id}/downloads/agent`)).status).toBe(401);
    expect((await stranger.get(`/api/v1/orgs/${t.client.id}/downloads/agent/file`)).status).toBe(401);
    // The support organization has servers of its own.
    expect((await t.support.owner.get(`/api/v1/orgs/${t.support.id}/downloads/agent`)).status).toBe(200);
  });
});
