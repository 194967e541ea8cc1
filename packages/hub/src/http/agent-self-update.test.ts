// The agent updating itself, for real: single-file builds made by scripts/build-agent.mjs and signed
// with a release key made for this test; the old build runs in its own process under a small
// supervisor (what systemd's Restart=on-failure does: start the file again when it exits non-zero),
// linked to the hub, which offers the new build. The agent installs it by itself and comes back as
// the new version; a build that cannot link is rolled back by itself; a tampered file is refused
// and nothing is swapped. Every step is on the Servers screen and in the audit log.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerPage, ServerRow } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { tempDir } from '../test/temp-dir.ts';
import { until } from '../test/alert-fixture.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Builds the agent as `version` into `dir`, signed with `key` (and as one executable too). */
async function buildAgent(dir: string, version: string, key: string, executable = false): Promise<void> {
  await run(
    process.execPath,
    [
      'scripts/build-agent.mjs',
      '--out-dir',
      dir,
      '--version',
      version,
      '--signing-key',
      key,
      ...(executable ? ['--executable'] : []),
    ],
    { cwd: root },
  );
}

/** What the hub reads beside its build: the version, kept only when its SHA-256 is the file's. */
async function publish(hubDir: string, bytes: Buffer, version: string, signature: string): Promise<void> {
  await writeFile(join(hubDir, 'agent.mjs'), bytes);
  await writeFile(join(hubDir, 'agent.mjs.sig'), `${signature}\n`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(
    join(hubDir, 'agent.json'),
    JSON.stringify({ file: 'agent.mjs', version, bytes: bytes.byteLength, sha256 }),
  );
}

/** Starts the agent file again whenever it exits non-zero, like systemd's Restart=on-failure. */
class Supervisor {
  private child: ChildProcess | undefined;
  private stopped = false;
  readonly exits: (number | null)[] = [];
  output = '';

  constructor(
    private readonly file: string,
    private readonly args: string[],
    /** The single executable runs by itself; the .mjs file with node. */
    private readonly executable = false,
  ) {}

  start(): void {
    const [command, args] = this.executable
      ? [this.file, this.args]
      : [process.execPath, [this.file, ...this.args]];
    const child = spawn(command, args, {
      env: { ...process.env, CROSSPOINT_AGENT_SUPERVISED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('exit', (code) => {
      this.exits.push(code);
      if (!this.stopped && code !== 0) setTimeout(() => this.start(), 200);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

describe('the agent updating itself', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let dir: { path: string; remove: () => Promise<void> };
  let supervisor: Supervisor | undefined;
  let executableSupervisor: Supervisor | undefined;
  let serverId: string;
  let key: string;
  const hubDir = () => join(dir.path, 'hub');

  const server = async (): Promise<ServerRow> => {
    const page = await t.support.owner.get<ServerPage>(`/api/v1/orgs/${t.client.id}/servers`);
    const row = page.body.items.find((s) => s.id === serverId);
    if (!row) throw new Error('server not listed');
    return row;
  };
  const waitFor = (what: string, test: (s: ServerRow) => boolean, timeoutMs = 60_000) =>
    until(
      what,
      async () => {
        const s = await server();
        return test(s) ? s : undefined;
      },
      timeoutMs,
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\nagent output:\n${supervisor?.output.slice(-3000) ?? ''}`);
    });
  const audit = async () => {
    const page = await t.support.owner.get<{ items: { action: string; detail: Record<string, unknown> }[] }>(
      `/api/v1/orgs/${t.client.id}/audit?action=agents.&limit=100`,
    );
    return page.body.items
      .filter((e) => e.action.startsWith('agents.update_'))
      .map((e) => `${e.action} ${String(e.detail.from)}→${String(e.detail.to)}`)
      .reverse();
  };

  beforeAll(async () => {
    dir = await tempDir('cp-agent-update');
    key = join(dir.path, 'release.pem');
    await run(process.execPath, ['scripts/build-agent.mjs', '--new-signing-key', key], { cwd: root });
    await Promise.all([
      buildAgent(join(dir.path, 'old'), '1.0.0-old', key),
      buildAgent(hubDir(), '1.1.0-new', key),
    ]);
    hub = await startHubForTest({ config: { agentFile: join(hubDir(), 'agent.mjs') } });
    t = await buildTenancy(hub, 'selfupdate');
    const created = await t.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${t.client.id}/servers`,
      { name: 'Rack-1', password: agentPassword },
    );
    serverId = created.body.id;
    // Installed the way install-service does: one file in a folder the agent may write.
    const installed = join(dir.path, 'install', 'crosspoint-agent.mjs');
    await run('mkdir', ['-p', join(dir.path, 'install')]);
    await copyFile(join(dir.path, 'old', 'agent.mjs'), installed);
    supervisor = new Supervisor(installed, [
      '--data-dir',
      join(dir.path, 'data'),
      '--ui-port',
      '0',
      '--hub-url',
      hub.url,
      '--account',
      created.body.login,
      '--password',
      agentPassword,
      '--update-rollback-s',
      '8',
      '--log-level',
      'warn',
    ]);
    supervisor.start();
  }, 180_000);
  afterAll(async () => {
    await supervisor?.stop();
    await executableSupervisor?.stop();
    await hub.close();
    await dir.remove();
  });

  it('installs the signed build the hub offers by itself and comes back as the new version', async () => {
    const updated = await waitFor(
      'the agent to run 1.1.0-new',
      (s) => s.agentVersion === '1.1.0-new' && s.update?.last?.step === 'updated',
    );
    expect(updated).toMatchObject({
      status: 'Connected',
      updateAvailable: false,
      update: { mode: 'automatic', able: true, last: { from: '1.0.0-old', to: '1.1.0-new' } },
    });
    expect(supervisor?.exits).toEqual([75]);
    expect(await audit()).toEqual([
      'agents.update_downloading 1.0.0-old→1.1.0-new',
      'agents.update_installing 1.0.0-old→1.1.0-new',
      'agents.update_updated 1.0.0-old→1.1.0-new',
    ]);
    const installed = await readFile(join(dir.path, 'install', 'crosspoint-agent.mjs'));
    expect(installed.equals(await readFile(join(hubDir(), 'agent.mjs')))).toBe(true);
  });

  it('rolls a build that cannot link back by itself, and does not take it again unasked', async () => {
    // A broken release: it runs (its self-test passes) but speaks to the wrong link address.
    await buildAgent(join(dir.path, 'broken'), '1.2.0-broken', key);
    const broken = Buffer.from(
      (await readFile(join(dir.path, 'broken', 'agent.mjs'), 'utf8')).replaceAll('/agent/v1', '/agent/v0'),
    );
    const signature = sign(null, broken, createPrivateKey(await readFile(key))).toString('base64');
    await publish(hubDir(), broken, '1.2.0-broken', signature);

    const asked = await t.support.owner.post(
      `/api/v1/orgs/${t.client.id}/servers/${serverId}/agent-update`,
      {},
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const back = await waitFor(
      'the roll-back to 1.1.0-new',
      (s) => s.agentVersion === '1.1.0-new' && s.update?.last?.step === 'rolled-back',
      90_000,
    );
    expect(back.update?.last).toMatchObject({ from: '1.2.0-broken', to: '1.1.0-new' });
    expect(back.update?.last?.reason).toMatch(/did not link to the hub within 8 s/);
    expect(back.updateAvailable).toBe(true);
    expect(supervisor?.exits).toEqual([75, 75, 75]);
    const steps = await audit();
    expect(steps.slice(3)).toEqual([
      'agents.update_downloading 1.1.0-new→1.2.0-broken',
      'agents.update_installing 1.1.0-new→1.2.0-broken',
      'agents.update_rolled_back 1.2.0-broken→1.1.0-new',
    ]);
    expect(
      await t.support.owner.get(`/api/v1/orgs/${t.client.id}/audit?action=servers.agent_update_requested`),
    ).toMatchObject({ body: { items: [{ action: 'servers.agent_update_requested' }] } });
    // The old build is back in place, byte for byte, and stays: the bad build is not retried by itself.
    const installed = await readFile(join(dir.path, 'install', 'crosspoint-agent.mjs'));
    expect(createHash('sha256').update(installed).digest('hex')).not.toBe(
      createHash('sha256').update(broken).digest('hex'),
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(supervisor?.exits).toEqual([75, 75, 75]);
  });

  it('refuses a tampered build without touching the installed one', async () => {
    const before = await readFile(join(dir.path, 'install', 'crosspoint-agent.mjs'));
    await buildAgent(join(dir.path, 'next'), '1.3.0-next', key);
    const good = await readFile(join(dir.path, 'next', 'agent.mjs'));
    const signature = (await readFile(join(dir.path, 'next', 'agent.mjs.sig'), 'utf8')).trim();
    // One character changed after signing (what an intruder on the hub's disk could do).
    const tampered = Buffer.from(good.toString('utf8').replace('1.3.0-next', '1.3.0-nexT'));
    await publish(hubDir(), tampered, '1.3.0-next', signature);

    const asked = await t.support.owner.post(
      `/api/v1/orgs/${t.client.id}/servers/${serverId}/agent-update`,
      {},
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const refused = await waitFor('the refusal', (s) => s.update?.last?.step === 'refused');
    expect(refused.agentVersion).toBe('1.1.0-new');
    expect(refused.update?.last?.reason).toMatch(/signature is not by this agent’s release key/);
    expect(supervisor?.exits).toEqual([75, 75, 75]);
    expect((await readFile(join(dir.path, 'install', 'crosspoint-agent.mjs'))).equals(before)).toBe(true);
  });

  it('updates the single executable (Node inside) from the hub’s executable build the same way', async () => {
    await Promise.all([
      buildAgent(join(dir.path, 'exe-old'), '2.0.0-exe', key, true),
      buildAgent(hubDir(), '2.1.0-exe', key, true),
    ]);
    const created = await t.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${t.client.id}/servers`,
      { name: 'Rack-2', password: agentPassword },
    );
    const download = await t.support.owner.get<{ executable: { sha256: string; bytes: number } | null }>(
      `/api/v1/orgs/${t.client.id}/downloads/agent`,
    );
    expect(download.body.executable).toMatchObject({ bytes: expect.any(Number) as unknown });
    const installed = join(dir.path, 'install-exe', 'crosspoint-agent');
    await run('mkdir', ['-p', join(dir.path, 'install-exe')]);
    await copyFile(join(dir.path, 'exe-old', 'agent-linux-x64'), installed);
    await run('chmod', ['755', installed]);
    executableSupervisor = new Supervisor(
      installed,
      [
        '--data-dir',
        join(dir.path, 'data-exe'),
        '--ui-port',
        '0',
        '--hub-url',
        hub.url,
        '--account',
        created.body.login,
        '--password',
        agentPassword,
        '--log-level',
        'warn',
      ],
      true,
    );
    executableSupervisor.start();
    const row = await until(
      'the executable to run 2.1.0-exe',
      async () => {
        const page = await t.support.owner.get<ServerPage>(`/api/v1/orgs/${t.client.id}/servers`);
        const r = page.body.items.find((x) => x.id === created.body.id);
        return r?.agentVersion === '2.1.0-exe' && r.update?.last?.step === 'updated' ? r : undefined;
      },
      90_000,
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n${executableSupervisor?.output.slice(-3000) ?? ''}`);
    });
    expect(row.update?.last).toMatchObject({ from: '2.0.0-exe', to: '2.1.0-exe' });
    expect(executableSupervisor.exits).toEqual([75]);
    const bytes = await readFile(installed);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(download.body.executable?.sha256);
  });
});
