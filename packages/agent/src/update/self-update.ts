import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { access, constants, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { Logger } from 'pino';
import {
  compareVersions,
  type AgentUpdateEvent,
  type AgentUpdateInfo,
  type AgentUpdateMode,
  type OfferedAgentBuild,
} from '@crosspoint/protocol';
import {
  readPendingUpdate,
  readUpdateState,
  writeFileAtomically,
  writePendingUpdate,
  writeUpdateState,
  type PendingUpdate,
  type UpdateState,
} from './update-state.ts';

/** The hub this agent is linked to, as an update needs it. */
export interface UpdateChannel {
  /** Downloads the build the hub offers (`/agent/v1/build`; `linux-x64`: the single executable). */
  fetchBuild(flavor: 'mjs' | 'linux-x64'): Promise<Uint8Array>;
  /** Tells the hub a step (it audits it and shows it on Servers). */
  report(event: AgentUpdateEvent): void;
}

export interface SelfUpdaterOptions {
  dataDir: string;
  version: string;
  /** The single file this agent runs from; null when it runs from the sources. */
  file: string | null;
  /** The single executable (Node inside) takes the hub's executable build; the .mjs file, the .mjs. */
  flavor?: 'mjs' | 'linux-x64';
  /** The release public key (SPKI PEM) built into this agent; null in an unsigned build. */
  publicKey: string | null;
  /** A supervisor starts the agent again when it exits (systemd, WinSW). */
  supervised: boolean;
  logger: Logger;
  /** Stops the agent and exits so that the supervisor starts the file again (now the new build). */
  restart: (why: string) => void;
  /** How long a new build has to link to the hub before the previous one comes back (default 3 min). */
  rollbackAfterMs?: number;
  /** Starts of a new build without linking before it is rolled back at once (a crash loop; default 3). */
  maxStarts?: number;
  /** Runs the downloaded build once (`version`) before it is swapped in; default: a child node process. */
  selfTest?: (file: string, expectedVersion: string) => Promise<void>;
  now?: () => number;
}

/** The agent's exit code asking its supervisor to start it again (EX_TEMPFAIL): systemd's Restart=on-failure does. */
export const restartExitCode = 75;

/**
 * The agent replacing itself with the build its hub offers (docs/agent-install.md § Self-update):
 * download over its own credentials, size and SHA-256 as announced, an Ed25519 signature by the
 * release key built into it, a self-test of the new file, then an atomic swap (the old build kept
 * as `.previous`) and a restart by the supervisor. The new build must link to the hub within a few
 * minutes (and not crash-loop), or it puts the previous build back and restarts. Each step is
 * reported to the hub, which audits it.
 */
export class SelfUpdater {
  private channel: UpdateChannel | undefined;
  private rollbackTimer: NodeJS.Timeout | undefined;
  private busy = false;
  private writing = Promise.resolve();
  private readonly now: () => number;

  private constructor(
    private readonly o: SelfUpdaterOptions,
    private state: UpdateState,
    private pending: PendingUpdate | null,
    private readonly writable: boolean,
  ) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Reads the saved state. When this start is the new build's (a pending update), counts the start
   * and arms the roll-back: linking to the hub in time confirms the update.
   */
  static async open(o: SelfUpdaterOptions): Promise<SelfUpdater> {
    const state = await readUpdateState(o.dataDir);
    const pending = await readPendingUpdate(o.dataDir);
    const writable =
      o.file !== null &&
      (await access(dirname(o.file), constants.W_OK).then(
        () => true,
        () => false,
      ));
    const updater = new SelfUpdater(o, state, pending, writable);
    await updater.resume();
    return updater;
  }

  mode(): AgentUpdateMode {
    return this.state.mode;
  }

  async setMode(mode: AgentUpdateMode): Promise<void> {
    if (this.state.mode === mode) return;
    this.state = { ...this.state, mode };
    await this.save();
  }

  /** Whether this agent can replace itself here, and why not. */
  ability(): { able: boolean; reason?: string } {
    if (this.o.file === null)
      return { able: false, reason: 'This agent runs from the sources: update it with git and npm.' };
    if (this.o.publicKey === null)
      return {
        able: false,
        reason:
          'This build has no release key (built without --signing-key): it installs no build by itself.',
      };
    if (!this.o.supervised)
      return {
        able: false,
        reason:
          'The agent is not run as a service (systemd or WinSW): nothing would start it again after an update.',
      };
    if (!this.writable)
      return { able: false, reason: `The agent cannot write its own folder ${dirname(this.o.file)}.` };
    return { able: true };
  }

  /** What heartbeats tell the hub. */
  info(): AgentUpdateInfo {
    const { able, reason } = this.ability();
    return {
      mode: this.state.mode,
      able,
      ...(reason ? { reason } : {}),
      ...(this.state.last ? { last: this.state.last } : {}),
    };
  }

  /** Linked to a hub that takes updates: confirms a pending update and tells what it missed. */
  async linked(channel: UpdateChannel): Promise<void> {
    this.channel = channel;
    const pending = this.pending;
    if (pending) {
      clearTimeout(this.rollbackTimer);
      this.pending = null;
      await writePendingUpdate(this.o.dataDir, null);
      if (this.o.version === pending.to) {
        this.o.logger.info(
          { from: pending.from, to: pending.to },
          'agent update confirmed: linked to the hub',
        );
        this.record({ step: 'updated', from: pending.from, to: pending.to, at: this.now() });
      } else {
        this.record({
          step: 'failed',
          from: pending.from,
          to: pending.to,
          at: this.now(),
          reason: `The new build did not start: ${this.o.version} is running.`,
        });
      }
    }
    const missed = this.state.unreported;
    if (missed.length > 0) {
      this.state = { ...this.state, unreported: [] };
      for (const e of missed) channel.report(e);
      await this.save();
    }
  }

  unlinked(): void {
    this.channel = undefined;
  }

  /**
   * The hub offers a build (its welcome, a new build published meanwhile, or `requested`: a person
   * pressed Update). Installed when newer and the agent takes updates by itself (or was asked) and
   * can; a build refused or rolled back before is installed again only when asked.
   */
  async offer(build: OfferedAgentBuild, requested: boolean): Promise<void> {
    if (this.busy || this.pending) return;
    const from = this.o.version;
    if (compareVersions(build.version, from) <= 0) {
      if (requested)
        this.record({
          step: 'failed',
          from,
          to: build.version,
          at: this.now(),
          reason: `This agent already runs ${from}.`,
        });
      return;
    }
    const { able, reason } = this.ability();
    if (!requested) {
      if (this.state.mode === 'manual' || !able || this.state.refused.includes(build.sha256)) {
        this.o.logger.info(
          { offered: build.version, mode: this.state.mode, able },
          'agent update available (not installed by itself)',
        );
        return;
      }
    } else if (!able) {
      this.record({
        step: 'failed',
        from,
        to: build.version,
        at: this.now(),
        reason: reason ?? 'cannot update here',
      });
      return;
    }
    this.busy = true;
    try {
      await this.install(build);
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    clearTimeout(this.rollbackTimer);
  }

  private async install(build: OfferedAgentBuild): Promise<void> {
    const file = this.o.file;
    const channel = this.channel;
    const publicKey = this.o.publicKey;
    if (file === null || channel === undefined || publicKey === null) return;
    const from = this.o.version;
    const to = build.version;
    const step = (s: AgentUpdateEvent['step'], reason?: string) =>
      this.record({ step: s, from, to, at: this.now(), ...(reason ? { reason } : {}) });
    step('downloading');
    const flavor = this.o.flavor ?? 'mjs';
    const artifact = flavor === 'linux-x64' ? build.executable : build;
    if (!artifact) {
      step('failed', 'The hub offers this version only as a .mjs file, not as a single executable.');
      return;
    }
    if (!artifact.signature) {
      await this.refuse(
        build,
        'The hub’s build is not signed: this agent installs only builds signed with its release key.',
      );
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await channel.fetchBuild(flavor);
    } catch (e) {
      step('failed', `Downloading the build failed: ${(e as Error).message}`.slice(0, 300));
      return;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.byteLength !== artifact.bytes || sha256 !== artifact.sha256) {
      await this.refuse(
        build,
        `The downloaded file is not the announced build (${String(bytes.byteLength)} bytes, SHA-256 ${sha256.slice(0, 12)}…; announced ${String(artifact.bytes)} bytes, ${artifact.sha256.slice(0, 12)}…).`,
      );
      return;
    }
    if (!signedBy(publicKey, bytes, artifact.signature)) {
      await this.refuse(build, 'The build’s signature is not by this agent’s release key: not installed.');
      return;
    }
    // Node picks the module format by the extension: the copies stay `.mjs` (x.new.mjs, x.previous.mjs).
    const incoming = beside(file, 'new');
    const previous = beside(file, 'previous');
    const mode = (await stat(file)).mode & 0o777;
    try {
      await writeFileAtomically(incoming, bytes, mode);
      await (this.o.selfTest ?? ((f, v) => selfTest(f, v, flavor)))(incoming, to);
    } catch (e) {
      await rm(incoming, { force: true });
      step('failed', `The new build failed its self-test: ${(e as Error).message}`.slice(0, 300));
      return;
    }
    await writeFileAtomically(previous, await readFile(file), mode);
    this.pending = {
      from,
      to,
      sha256,
      file,
      previous,
      deadline: this.now() + (this.o.rollbackAfterMs ?? 180_000),
      starts: 0,
    };
    await writePendingUpdate(this.o.dataDir, this.pending);
    await rename(incoming, file);
    step('installing');
    await this.writing;
    this.o.logger.info({ from, to }, 'agent update installed: restarting');
    this.o.restart(`update from ${from} to ${to}`);
  }

  private async refuse(build: OfferedAgentBuild, reason: string): Promise<void> {
    this.state = { ...this.state, refused: [...this.state.refused, build.sha256] };
    this.record({ step: 'refused', from: this.o.version, to: build.version, at: this.now(), reason });
    await this.writing;
  }

  /** At start: this is the new build's start under a pending update, or a leftover marker. */
  private async resume(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    if (this.o.version !== pending.to) return; // reported when linked
    const starts = pending.starts + 1;
    if (starts > (this.o.maxStarts ?? 3)) {
      await this.rollBack(
        pending,
        `The new build started ${String(starts - 1)} times without linking to the hub.`,
      );
      return;
    }
    this.pending = { ...pending, starts };
    await writePendingUpdate(this.o.dataDir, this.pending);
    const left = Math.max(0, pending.deadline - this.now());
    this.rollbackTimer = setTimeout(() => {
      void this.rollBack(
        pending,
        `The new build did not link to the hub within ${String(Math.round((this.o.rollbackAfterMs ?? 180_000) / 1000))} s.`,
      ).catch((e: unknown) => this.o.logger.error({ err: e }, 'agent update: rolling back failed'));
    }, left);
    this.rollbackTimer.unref();
  }

  private async rollBack(pending: PendingUpdate, reason: string): Promise<void> {
    this.o.logger.error({ from: pending.to, to: pending.from, reason }, 'agent update: rolling back');
    const mode = (await stat(pending.previous)).mode & 0o777;
    await writeFileAtomically(pending.file, await readFile(pending.previous), mode);
    this.pending = null;
    await writePendingUpdate(this.o.dataDir, null);
    this.state = { ...this.state, refused: [...this.state.refused, pending.sha256] };
    this.record({ step: 'rolled-back', from: pending.to, to: pending.from, at: this.now(), reason });
    await this.writing;
    this.o.restart(`roll back to ${pending.from}`);
  }

  /** Keeps the step as the latest and tells the hub (or keeps it until the link is up). */
  private record(event: AgentUpdateEvent): void {
    const channel = this.channel;
    this.state = {
      ...this.state,
      last: event,
      unreported: channel ? this.state.unreported : [...this.state.unreported, event].slice(-20),
    };
    channel?.report(event);
    void this.save().catch((e: unknown) =>
      this.o.logger.warn({ err: e }, 'agent update: saving state failed'),
    );
  }

  private save(): Promise<void> {
    const state = this.state;
    this.writing = this.writing.then(() => writeUpdateState(this.o.dataDir, state)).catch(() => undefined);
    return this.writing;
  }
}

/** `/opt/a/crosspoint-agent.mjs`, `new` → `/opt/a/crosspoint-agent.new.mjs`. */
function beside(file: string, tag: string): string {
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}.${tag}${ext}`;
}

/** The detached Ed25519 signature (base64) of `bytes` is by `publicKey` (SPKI PEM). */
function signedBy(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, createPublicKey(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** `node <new file> version` (or `<new executable> version`) must print the announced version and exit 0 within 30 s. */
function selfTest(file: string, expectedVersion: string, flavor: 'mjs' | 'linux-x64'): Promise<void> {
  // The executable runs by itself; the .mjs file with the node running this agent.
  const [command, args] =
    flavor === 'linux-x64' ? [file, ['version']] : [process.execPath, [file, 'version']];
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${error.message.split('\n')[0] ?? ''} ${stderr.trim().slice(0, 200)}`.trim()));
        return;
      }
      const printed = stdout.trim();
      if (printed !== expectedVersion)
        reject(new Error(`it says it is ${printed.slice(0, 40) || 'nothing'}, not ${expectedVersion}`));
      else resolve();
    });
  });
}
