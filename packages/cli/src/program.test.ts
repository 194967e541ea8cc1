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

  it('refuses to start a hub on a data folder another hub holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cp-cli-'));
    const held = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const out = capture();
      expect(await runCli(['hub', '--data-dir', dir, '--port', '0', '--log-level', 'silent'], out)).toBe(ExitCode.failure);
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
      expect(await runCli(['admin', 'create-operator', '--email', 'ops@example.test', '--password', 'short', ...common], out)).toBe(ExitCode.usage);
      expect(out.text()).toMatch(/WEAK_PASSWORD/);
      expect(await runCli(['admin', 'create-operator', '--email', 'ops@example.test', '--password', 'violet-harbor-tractor-91', ...common], out)).toBe(ExitCode.ok);
      expect(out.text()).toMatch(/Created operator ops@example.test/);
      expect(await runCli(['admin', 'create-support-org', '--name', 'Acme AV', '--owner-email', 'o@acme.example', '--devices', 'many', ...common], out)).toBe(ExitCode.usage);
      expect(await runCli(['admin', 'create-support-org', '--name', 'Acme AV', '--owner-email', 'o@acme.example', '--devices', '25', ...common], out)).toBe(ExitCode.ok);
      expect(out.text()).toMatch(/Invitation link for o@acme.example[^\n]*\n\s+http:\/\/127\.0\.0\.1:8080\/register\?token=/);
      expect(await runCli(['admin', 'reset-password', '--email', 'ops@example.test', ...common], out)).toBe(ExitCode.ok);
      expect(out.text()).toMatch(/reset-password\?token=/);
      expect(await runCli(['admin', 'reset-password', '--email', 'nobody@example.test', ...common], out)).toBe(ExitCode.usage);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
