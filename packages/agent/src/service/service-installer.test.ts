// The agent as a systemd service: the unit install-service writes (checked by systemd-analyze
// where it exists), install and uninstall through a strictly scripted runner (only the system
// commands are fake: files are really written, under a temporary root), the clear refusals (not
// root, no systemd), and the real single-file build started the way the unit starts it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceInstaller, type CommandOutcome, type SystemRunner } from './service-installer.ts';
import { systemdUnit, type ServiceSettings } from './systemd-unit.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const settings: ServiceSettings = {
  name: 'crosspoint-agent',
  nodePath: '/usr/bin/node',
  agentFile: '/opt/crosspoint-agent/crosspoint-agent.mjs',
  dataDir: '/var/lib/crosspoint-agent',
  installDir: '/opt/crosspoint-agent',
  uiPort: 8090,
};

const ok: CommandOutcome = { code: 0, stdout: '', stderr: '' };

/** A runner that expects exactly these commands, in this order, and answers each as scripted. */
function scriptedRunner(script: [string, CommandOutcome?][]): SystemRunner & { calls: string[] } {
  const calls: string[] = [];
  const runner = (command: string, args: readonly string[]) => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const next = script.shift();
    if (!next || next[0] !== line)
      return Promise.reject(new Error(`unexpected command: ${line} (expected ${next?.[0] ?? 'none'})`));
    return Promise.resolve(next[1] ?? ok);
  };
  return Object.assign(runner, { calls });
}

const whichSystemdAnalyze = await run('sh', ['-c', 'command -v systemd-analyze']).then(
  (r) => r.stdout.trim(),
  () => '',
);

describe('the systemd unit', () => {
  it('runs the agent file as its own user with its store, restarts on failure and is hardened', () => {
    const unit = systemdUnit(settings);
    for (const line of [
      'User=crosspoint-agent',
      'Group=crosspoint-agent',
      'ExecStart=/usr/bin/node --enable-source-maps /opt/crosspoint-agent/crosspoint-agent.mjs',
      'Environment=CROSSPOINT_AGENT_DATA_DIR=/var/lib/crosspoint-agent',
      'Environment=CROSSPOINT_AGENT_UI_HOST=127.0.0.1',
      'Environment=CROSSPOINT_AGENT_UI_PORT=8090',
      'WorkingDirectory=/var/lib/crosspoint-agent',
      'Restart=on-failure',
      'RestartSec=5s',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/crosspoint-agent /opt/crosspoint-agent',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'CapabilityBoundingSet=',
      'WantedBy=multi-user.target',
    ])
      expect(unit.split('\n'), line).toContain(line);
    // V8's JIT needs writable executable memory: this option would kill the agent at start.
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute/m);
  });

  it('refuses paths that would change the meaning of the unit', () => {
    expect(() => systemdUnit({ ...settings, dataDir: '/var/lib/my agent' })).toThrow(/without spaces/);
    expect(() => systemdUnit({ ...settings, agentFile: 'agent.mjs' })).toThrow(/absolute/);
    expect(() => systemdUnit({ ...settings, installDir: '/opt/../etc' })).toThrow(/\.\./);
    expect(() => systemdUnit({ ...settings, name: 'Crosspoint Agent' })).toThrow(/system user name/);
    expect(() => systemdUnit({ ...settings, uiPort: 70_000 })).toThrow(/not a TCP port/);
  });

  it.skipIf(!whichSystemdAnalyze)('passes systemd-analyze verify', async () => {
    const dir = await tempDir('cp-unit');
    try {
      const file = join(dir.path, 'crosspoint-agent.service');
      await writeFile(file, systemdUnit(settings));
      const out = await run(whichSystemdAnalyze, ['verify', file]);
      expect(out.stderr.trim()).toBe('');
    } finally {
      await dir.remove();
    }
  });
});

describe('install-service and uninstall-service', () => {
  let root: { path: string; remove: () => Promise<void> };
  let source: string;
  const lines: string[] = [];
  const installer = (runner: SystemRunner, isRoot = true) =>
    new ServiceInstaller({ run: runner, root: root.path, isRoot: () => isRoot, say: (l) => lines.push(l) });

  beforeEach(async () => {
    root = await tempDir('cp-root');
    await mkdir(join(root.path, 'run/systemd/system'), { recursive: true });
    source = join(root.path, 'downloaded-agent.mjs');
    await writeFile(source, 'console.log("agent");\n');
    lines.length = 0;
  });
  afterEach(async () => {
    await root.remove();
  });

  const unitFile = () => join(root.path, 'etc/systemd/system/crosspoint-agent.service');

  it('creates the user, installs the file, writes the unit, enables and starts it', async () => {
    const runner = scriptedRunner([
      ['getent passwd crosspoint-agent', { code: 2, stdout: '', stderr: '' }],
      [
        'useradd --system --user-group --home-dir /var/lib/crosspoint-agent --no-create-home --shell /usr/sbin/nologin crosspoint-agent',
      ],
      ['chown -R crosspoint-agent:crosspoint-agent /var/lib/crosspoint-agent /opt/crosspoint-agent'],
      ['systemctl daemon-reload'],
      ['systemctl enable --now crosspoint-agent.service'],
    ]);
    await installer(runner).install(settings, source);
    expect(runner.calls).toHaveLength(5);
    expect(await readFile(unitFile(), 'utf8')).toBe(systemdUnit(settings));
    expect((await stat(unitFile())).mode & 0o777).toBe(0o644);
    const installed = join(root.path, 'opt/crosspoint-agent/crosspoint-agent.mjs');
    expect(await readFile(installed, 'utf8')).toBe('console.log("agent");\n');
    expect(existsSync(`${installed}.partial`)).toBe(false);
    expect(existsSync(join(root.path, 'var/lib/crosspoint-agent'))).toBe(true);
  });

  it('keeps an existing user (a reinstall, an update by hand)', async () => {
    const runner = scriptedRunner([
      ['getent passwd crosspoint-agent', { code: 0, stdout: 'crosspoint-agent:x:998:998::', stderr: '' }],
      ['chown -R crosspoint-agent:crosspoint-agent /var/lib/crosspoint-agent /opt/crosspoint-agent'],
      ['systemctl daemon-reload'],
      ['systemctl enable --now crosspoint-agent.service'],
    ]);
    await installer(runner).install(settings, source);
    expect(runner.calls).toHaveLength(4);
  });

  it('refuses without root, without systemd and with node in a home folder, before any command', async () => {
    const runner = scriptedRunner([]);
    await expect(installer(runner, false).install(settings, source)).rejects.toMatchObject({
      code: 'NOT_ROOT',
      message: expect.stringMatching(/needs root: run it with sudo/) as unknown,
    });
    await expect(
      installer(runner).install({ ...settings, nodePath: '/root/.nvm/versions/node/v20/bin/node' }, source),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await writeFile(join(root.path, 'marker'), '');
    const noSystemd = await tempDir('cp-root-nosd');
    try {
      const bare = new ServiceInstaller({ run: runner, root: noSystemd.path, isRoot: () => true });
      await expect(bare.install(settings, source)).rejects.toMatchObject({
        code: 'NO_SYSTEMD',
        message: expect.stringMatching(/systemd is not running/) as unknown,
      });
      await expect(bare.uninstall(settings)).rejects.toMatchObject({ code: 'NO_SYSTEMD' });
    } finally {
      await noSystemd.remove();
    }
    expect(runner.calls).toEqual([]);
    expect(existsSync(unitFile())).toBe(false);
  });

  it('names the command that failed', async () => {
    const runner = scriptedRunner([
      ['getent passwd crosspoint-agent'],
      ['chown -R crosspoint-agent:crosspoint-agent /var/lib/crosspoint-agent /opt/crosspoint-agent'],
      ['systemctl daemon-reload'],
      [
        'systemctl enable --now crosspoint-agent.service',
        { code: 1, stdout: '', stderr: 'Failed to enable unit: Access denied' },
      ],
    ]);
    await expect(installer(runner).install(settings, source)).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      message: expect.stringMatching(
        /systemctl enable --now crosspoint-agent.service failed \(exit 1\): Failed to enable unit: Access denied/,
      ) as unknown,
    });
  });

  it('uninstall stops, disables and removes the unit and keeps the store; --purge removes store and user', async () => {
    await mkdir(join(root.path, 'etc/systemd/system'), { recursive: true });
    await writeFile(unitFile(), systemdUnit(settings));
    await mkdir(join(root.path, 'var/lib/crosspoint-agent'), { recursive: true });
    const keep = scriptedRunner([
      ['systemctl disable --now crosspoint-agent.service'],
      ['systemctl daemon-reload'],
    ]);
    await installer(keep).uninstall(settings);
    expect(keep.calls).toHaveLength(2);
    expect(existsSync(unitFile())).toBe(false);
    expect(existsSync(join(root.path, 'var/lib/crosspoint-agent'))).toBe(true);

    const purge = scriptedRunner([
      ['systemctl daemon-reload'],
      ['getent passwd crosspoint-agent'],
      ['userdel crosspoint-agent'],
    ]);
    await installer(purge).uninstall(settings, { purge: true });
    expect(purge.calls).toHaveLength(3);
    expect(existsSync(join(root.path, 'var/lib/crosspoint-agent'))).toBe(false);
    expect(lines.join('\n')).toMatch(/is not installed/);
  });
});

describe('the single-file agent started as the unit starts it', () => {
  it('runs from ExecStart with the unit’s environment, answers on its port and stops cleanly on SIGTERM', async () => {
    const dir = await tempDir('cp-unit-run');
    try {
      await run(process.execPath, ['scripts/build-agent.mjs', '--out-dir', dir.path], { cwd: repoRoot });
      const port = await freePort();
      const unit = systemdUnit({
        ...settings,
        nodePath: process.execPath,
        agentFile: join(dir.path, 'agent.mjs'),
        installDir: dir.path,
        dataDir: join(dir.path, 'store'),
        uiPort: port,
      });
      await mkdir(join(dir.path, 'store'));
      const env = Object.fromEntries(
        unit
          .split('\n')
          .filter((l) => l.startsWith('Environment='))
          .map((l) => l.slice('Environment='.length).split('=') as [string, string]),
      );
      const [command = '', ...args] = (unit.match(/^ExecStart=(.*)$/m)?.[1] ?? '').split(' ');
      const child = spawn(command, args, {
        cwd: join(dir.path, 'store'),
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      try {
        const deadline = Date.now() + 20_000;
        while (!output.includes('Local web UI')) {
          if (Date.now() > deadline) throw new Error(`the agent did not start: ${output}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(output).toContain(`http://127.0.0.1:${String(port)}`);
        const res = await fetch(`http://127.0.0.1:${String(port)}/`);
        expect(res.status).toBeLessThan(500);
        expect(existsSync(join(dir.path, 'store'))).toBe(true);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    } finally {
      await dir.remove();
    }
  }, 60_000);
});

async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    server.once('error', reject);
  });
}
