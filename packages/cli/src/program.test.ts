import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@crosspoint/hub';
import { runCli, ExitCode } from './program.ts';
import type { Output } from './lifecycle.ts';

function capture(): Output & { text(): string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
}

describe('crosspoint CLI', () => {
  it('lists every program in --help', async () => {
    const out = capture();
    expect(await runCli(['--help'], out)).toBe(ExitCode.ok);
    for (const cmd of ['hub', 'agent', 'sim', 'demo', 'admin']) expect(out.text()).toContain(cmd);
  });

  it.each(['hub', 'agent', 'sim', 'demo', 'admin'])('gives `%s --help` with its options', async (cmd) => {
    const out = capture();
    expect(await runCli([cmd, '--help'], out)).toBe(ExitCode.ok);
    expect(out.text()).toMatch(/Usage: crosspoint/);
  });

  it('refuses an unknown flag with a usage error', async () => {
    const out = capture();
    expect(await runCli(['hub', '--bogus'], out)).toBe(ExitCode.usage);
    expect(out.text()).toMatch(/unknown option '--bogus'/);
  });

  it('names the flag and the value when a setting is invalid', async () => {
    const out = capture();
    expect(await runCli(['hub', '--port', 'eighty'], out)).toBe(ExitCode.usage);
    expect(out.text()).toMatch(/--port: .*integer.*"eighty"/);
  });

  it('refuses a bad database URL', async () => {
    const out = capture();
    expect(await runCli(['hub', '--database-url', 'mysql://x'], out)).toBe(ExitCode.usage);
    expect(out.text()).toMatch(/--database-url/);
  });

  it('stops a hub whose certificate files cannot be used, and an agent whose CA file cannot, naming the file', async () => {
    const out = capture();
    const tls = ['--tls-cert', '/nonexistent/hub.pem', '--tls-key', '/nonexistent/hub.key'];
    expect(await runCli(['hub', ...tls, '--port', '0', '--log-level', 'silent'], out)).toBe(ExitCode.usage);
    expect(out.text()).toContain(
      'cannot read the TLS certificate file /nonexistent/hub.pem (--tls-cert): ENOENT (TLS_FILE_UNREADABLE)',
    );
    const half = capture();
    expect(await runCli(['hub', '--tls-cert', 'hub.pem'], half)).toBe(ExitCode.usage);
    expect(half.text()).toMatch(/--tls-cert: HTTPS needs both a certificate and its key/);
    const dir = await mkdtemp(join(tmpdir(), 'cp-cli-'));
    try {
      const agent = capture();
      expect(
        await runCli(
          ['agent', '--data-dir', dir, '--ui-port', '0', '--hub-ca', '/nonexistent/ca.pem'],
          agent,
        ),
      ).toBe(ExitCode.usage);
      expect(agent.text()).toMatch(
        /--hub-ca \(CROSSPOINT_HUB_CA\): cannot read \/nonexistent\/ca\.pem \(ENOENT\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start a hub on a data folder another hub holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-cli-'));
    const held = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const out = capture();
      expect(await runCli(['hub', '--data-dir', dir, '--port', '0', '--log-level', 'silent'], out)).toBe(
        ExitCode.failure,
      );
      expect(out.text()).toMatch(/in use by another hub/);
    } finally {
      await held.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('applies migrations with `admin migrate`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-cli-'));
    try {
      const out = capture();
      expect(await runCli(['admin', 'migrate', '--data-dir', dir], out)).toBe(ExitCode.ok);
      expect(out.text()).toMatch(/Migrations applied \(pglite\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('crosspoint admin', () => {
  it('creates an operator, a support org with an invitation link, and a reset link, on one data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-cli-'));
    try {
      const out = capture();
      const common = ['--data-dir', dir];
      expect(
        await runCli(
          ['admin', 'create-operator', '--email', 'ops@example.test', '--password', 'short', ...common],
          out,
        ),
      ).toBe(ExitCode.usage);
      expect(out.text()).toMatch(/WEAK_PASSWORD/);
      expect(
        await runCli(
          [
            'admin',
            'create-operator',
            '--email',
            'ops@example.test',
            '--password',
            'violet-harbor-tractor-91',
            ...common,
          ],
          out,
        ),
      ).toBe(ExitCode.ok);
      expect(out.text()).toMatch(/Created operator ops@example.test/);
      expect(
        await runCli(
          [
            'admin',
            'create-support-org',
            '--name',
            'Acme AV',
            '--owner-email',
            'o@acme.example',
            '--devices',
            'many',
            ...common,
          ],
          out,
        ),
      ).toBe(ExitCode.usage);
      expect(
        await runCli(
          [
            'admin',
            'create-support-org',
            '--name',
            'Acme AV',
            '--owner-email',
            'o@acme.example',
            '--devices',
            '25',
            ...common,
          ],
          out,
        ),
      ).toBe(ExitCode.ok);
      expect(out.text()).toMatch(
        /Invitation link for o@acme.example[^\n]*\n\s+http:\/\/127\.0\.0\.1:8080\/register\?token=[A-Za-z0-9_-]{20,}$/m,
      );
      expect(await runCli(['admin', 'reset-password', '--email', 'ops@example.test', ...common], out)).toBe(
        ExitCode.ok,
      );
      expect(out.text()).toMatch(/reset-password\?token=[A-Za-z0-9_-]{20,}$/m);
      expect(
        await runCli(['admin', 'reset-password', '--email', 'nobody@example.test', ...common], out),
      ).toBe(ExitCode.usage);
      // Someone invited who has not registered (the outbox keeps no usable link): their invitation again.
      const invited = capture();
      expect(await runCli(['admin', 'reset-password', '--email', 'o@acme.example', ...common], invited)).toBe(
        ExitCode.ok,
      );
      expect(invited.text()).toMatch(
        /o@acme.example has not registered yet: invitation link[^\n]*\n\s+http:\/\/127\.0\.0\.1:8080\/register\?token=[A-Za-z0-9_-]{20,}$/m,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('crosspoint admin license', () => {
  it('creates an issuer key pair (never overwriting one) and signs a license file with the given terms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-lic-'));
    try {
      const out = capture();
      expect(await runCli(['admin', 'license', 'keygen', '--out-dir', dir], out)).toBe(ExitCode.ok);
      expect(await runCli(['admin', 'license', 'keygen', '--out-dir', dir], out)).toBe(ExitCode.usage);
      const file = join(dir, 'initech.license');
      const args = [
        'admin',
        'license',
        'sign',
        '--key',
        join(dir, 'license-issuer.key'),
        '--licensee',
        'Initech',
        '--out',
        file,
      ];
      expect(await runCli([...args, '--devices', '0'], out)).toBe(ExitCode.usage);
      expect(await runCli([...args, '--devices', '40', '--expires', 'soon'], out)).toBe(ExitCode.usage);
      expect(await runCli([...args, '--devices', '40', '--expires', '2099-12-31'], out)).toBe(ExitCode.ok);
      const { readFile } = await import('node:fs/promises');
      const parsed = JSON.parse(await readFile(file, 'utf8')) as {
        license: { devices: number; expiresAt: string };
      };
      expect(parsed.license).toMatchObject({ devices: 40, expiresAt: '2099-12-31T23:59:59.000Z' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
