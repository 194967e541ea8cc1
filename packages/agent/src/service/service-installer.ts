import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { invalidServiceSettings, systemdUnit, type ServiceSettings } from './systemd-unit.ts';

/** The outcome of one system command. */
export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs system commands (useradd, chown, systemctl): the one thing tests replace. */
export type SystemRunner = (command: string, args: readonly string[]) => Promise<CommandOutcome>;

/** Runs a command with no shell; a missing binary is exit code 127. */
export const execRunner: SystemRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code =
        error === null
          ? 0
          : typeof error.code === 'number'
            ? error.code
            : (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? 127
              : 1;
      resolve({ code, stdout, stderr });
    });
  });

/** A failure people can act on, printed as is by the CLI. */
export class ServiceSetupError extends Error {
  constructor(
    readonly code: 'NOT_ROOT' | 'NO_SYSTEMD' | 'INVALID' | 'COMMAND_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'ServiceSetupError';
  }
}

export interface InstallerEnvironment {
  run: SystemRunner;
  /** Whether this process runs as root (default: uid 0). */
  isRoot?: () => boolean;
  /** Prefix of every file written (tests: a temporary folder; default `/`). */
  root?: string;
  /** Progress lines for the person installing. */
  say?: (line: string) => void;
}

const unitPath = (name: string) => `/etc/systemd/system/${name}.service`;

/**
 * Installs and removes the agent as a systemd service. Files are written here (under `root`);
 * users, ownership and systemd are changed through `run`, so tests see every command.
 */
export class ServiceInstaller {
  private readonly root: string;
  private readonly say: (line: string) => void;

  constructor(private readonly env: InstallerEnvironment) {
    this.root = env.root ?? '/';
    this.say = env.say ?? (() => undefined);
  }

  private at(path: string): string {
    return join(this.root, path);
  }

  /** Root, and a running systemd (the check of sd_booted(3): /run/systemd/system exists). */
  private preflight(verb: string): void {
    const isRoot = this.env.isRoot ?? (() => process.getuid?.() === 0);
    if (!isRoot())
      throw new ServiceSetupError(
        'NOT_ROOT',
        `${verb} needs root: run it with sudo (it creates a system user and writes /etc/systemd/system).`,
      );
    if (!existsSync(this.at('/run/systemd/system')))
      throw new ServiceSetupError(
        'NO_SYSTEMD',
        'systemd is not running on this machine (no /run/systemd/system). Run the agent under your own process manager instead: see docs/agent-install.md.',
      );
  }

  private async must(command: string, args: readonly string[]): Promise<CommandOutcome> {
    const out = await this.env.run(command, args);
    if (out.code !== 0) {
      throw new ServiceSetupError(
        'COMMAND_FAILED',
        `${[command, ...args].join(' ')} failed (exit ${String(out.code)}): ${out.stderr.trim() || out.stdout.trim()}`,
      );
    }
    return out;
  }

  /**
   * Creates the system user (when missing), the data and install folders, copies `sourceFile` to
   * `settings.agentFile`, writes the unit and enables and starts it.
   */
  async install(settings: ServiceSettings, sourceFile: string): Promise<void> {
    const problem = invalidServiceSettings(settings);
    if (problem) throw new ServiceSetupError('INVALID', problem);
    if (!settings.executable && /^\/(root|home)\//.test(settings.nodePath))
      throw new ServiceSetupError(
        'INVALID',
        `node runs from a home folder (${settings.nodePath}), which the service user cannot reach. Install Node.js 20 system-wide (docs/agent-install.md) or pass --node <path>.`,
      );
    this.preflight('install-service');
    const unit = systemdUnit(settings);
    const { name } = settings;
    if ((await this.env.run('getent', ['passwd', name])).code !== 0) {
      this.say(`Creating the system user ${name}`);
      await this.must('useradd', [
        '--system',
        '--user-group',
        '--home-dir',
        settings.dataDir,
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        name,
      ]);
    }
    await mkdir(this.at(settings.dataDir), { recursive: true, mode: 0o750 });
    await mkdir(this.at(settings.installDir), { recursive: true, mode: 0o755 });
    if (this.at(sourceFile) !== this.at(settings.agentFile)) {
      // Copied beside, then renamed: a running service never sees half a file.
      const partial = `${this.at(settings.agentFile)}.partial`;
      await copyFile(sourceFile, partial);
      await chmod(partial, settings.executable ? 0o755 : 0o644);
      await rename(partial, this.at(settings.agentFile));
      this.say(`Installed the agent as ${settings.agentFile}`);
    }
    await this.must('chown', ['-R', `${name}:${name}`, settings.dataDir, settings.installDir]);
    await mkdir(dirname(this.at(unitPath(name))), { recursive: true });
    await writeFile(this.at(unitPath(name)), unit, { mode: 0o644 });
    this.say(`Wrote ${unitPath(name)}`);
    await this.must('systemctl', ['daemon-reload']);
    await this.must('systemctl', ['enable', '--now', `${name}.service`]);
    this.say(`Enabled and started ${name}.service`);
  }

  /**
   * Stops, disables and removes the unit. The store, the user and the installed file stay unless
   * `purge` (then they go too: the agent's login and device credentials with them).
   */
  async uninstall(settings: ServiceSettings, options: { purge?: boolean } = {}): Promise<void> {
    const problem = invalidServiceSettings(settings);
    if (problem) throw new ServiceSetupError('INVALID', problem);
    this.preflight('uninstall-service');
    const { name } = settings;
    const unit = this.at(unitPath(name));
    if (existsSync(unit)) {
      await this.must('systemctl', ['disable', '--now', `${name}.service`]);
      await rm(unit, { force: true });
      this.say(`Stopped, disabled and removed ${unitPath(name)}`);
    } else this.say(`${unitPath(name)} is not installed`);
    await this.must('systemctl', ['daemon-reload']);
    if (options.purge) {
      await rm(this.at(settings.dataDir), { recursive: true, force: true });
      await rm(this.at(settings.installDir), { recursive: true, force: true });
      if ((await this.env.run('getent', ['passwd', name])).code === 0) await this.must('userdel', [name]);
      this.say(`Removed ${settings.dataDir}, ${settings.installDir} and the user ${name}`);
    } else
      this.say(`Kept ${settings.dataDir} (the agent's store) and the user ${name}: --purge removes them`);
  }
}
