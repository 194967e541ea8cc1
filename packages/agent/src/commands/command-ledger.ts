import type { DeviceId } from '@crosspoint/protocol';
import type { CommandProgress } from './device-command.ts';
import { DeviceError, DeviceErrorCode } from './device-error.ts';

/**
 * What the agent keeps of a command from the hub, by the hub's job id, across its own restarts. The
 * hub sends a job again after a restart (its own or the agent's) or a lost link; the ledger makes
 * that repeat safe: it joins the copy still running, answers with the result of one that finished,
 * or resumes one that a previous agent process started, from what the device now reports.
 */
export interface CommandEntry {
  id: string;
  deviceId: DeviceId;
  type: string;
  startedAt: number;
  /**
   * Set (and on disk) just before the device is told to do the part that cannot be taken back
   * (firmware apply, reset, configuration apply, credential change): from then on the device may
   * have received it, and a repeat must look at the device before sending it again.
   */
  sentAt?: number;
  /** Facts from before the command (e.g. the firmware it replaces), for a resumed copy's result. */
  before?: Record<string, string>;
  /** Set once the command succeeded: the result as the hub gets it. */
  result?: unknown;
  /** Set once the command ended, either way. */
  finishedAt?: number;
}

/** Where the ledger keeps its entries (the agent's journaled store). */
export interface CommandJournal {
  commandEntry(id: string): CommandEntry | undefined;
  recordCommand(entry: CommandEntry): Promise<void>;
}

/** What a running command can tell the ledger, and what it knows of an earlier copy. */
export interface JobContext {
  /** An earlier copy of this job, started by a previous agent process or failed after it was sent. */
  resumed?: Pick<CommandEntry, 'startedAt' | 'sentAt' | 'before'>;
  /** Records (on disk) that the device is about to be told to act; `before` keeps facts from before. */
  markSent(before?: Record<string, string>): Promise<void>;
}

/** Commands that keep a device busy for a while: at most `maxBusy` of them run at once on one agent. */
const longCommands = new Set([
  'firmwareUpdate',
  'loadConfig',
  'restoreConfig',
  'restart',
  'backupConfig',
  'downloadLogs',
]);

interface Running {
  promise: Promise<unknown>;
  /** Who hears its progress: the latest asker (an earlier one's link is gone). */
  listener: (p: CommandProgress) => void;
  last?: CommandProgress;
}

export class CommandLedger {
  private readonly running = new Map<string, Running>();
  private busy = 0;
  private readonly waitingForSlot: (() => void)[] = [];

  constructor(
    private readonly journal: CommandJournal,
    private readonly now: () => number,
    /** Long commands (firmware, configuration, restart, transfers) running at once on this agent. */
    private readonly maxBusy = 8,
  ) {}

  /**
   * Runs job `id` once however often it is asked: a repeat while it runs joins it (progress and
   * result), a repeat after it succeeded gets the same result, a repeat of one that a previous
   * process started (or that failed after reaching the device) runs with `resumed` set.
   */
  run(
    id: string,
    deviceId: DeviceId,
    type: string,
    onProgress: (p: CommandProgress) => void,
    work: (job: JobContext, onProgress: (p: CommandProgress) => void) => Promise<unknown>,
  ): Promise<unknown> {
    const current = this.running.get(id);
    if (current) {
      current.listener = onProgress;
      if (current.last) onProgress(current.last);
      return current.promise;
    }
    const earlier = this.journal.commandEntry(id);
    if (earlier && earlier.deviceId !== deviceId) {
      return Promise.reject(
        new DeviceError(DeviceErrorCode.BadInput, `Job ${id} was started for another device.`),
      );
    }
    if (earlier?.finishedAt !== undefined && earlier.result !== undefined)
      return Promise.resolve(earlier.result);

    const resumed = earlier && {
      startedAt: earlier.startedAt,
      ...(earlier.sentAt ? { sentAt: earlier.sentAt } : {}),
      ...(earlier.before ? { before: earlier.before } : {}),
    };
    const entry: CommandEntry = { id, deviceId, type, ...(resumed ?? { startedAt: this.now() }) };
    const running: Running = { promise: Promise.resolve(), listener: onProgress };
    const progress = (p: CommandProgress) => {
      running.last = p;
      running.listener(p);
    };
    const job: JobContext = {
      ...(resumed ? { resumed } : {}),
      markSent: async (before) => {
        entry.sentAt = this.now();
        if (before) entry.before = before;
        await this.journal.recordCommand({ ...entry });
      },
    };
    const long = longCommands.has(type);
    running.promise = (async () => {
      await this.journal.recordCommand({ ...entry });
      if (long) await this.slot(progress);
      try {
        const result = await work(job, progress);
        await this.journal.recordCommand({ ...entry, result: result ?? null, finishedAt: this.now() });
        return result;
      } catch (e) {
        await this.journal.recordCommand({ ...entry, finishedAt: this.now() });
        throw e;
      } finally {
        if (long) this.freeSlot();
      }
    })().finally(() => this.running.delete(id));
    this.running.set(id, running);
    return running.promise;
  }

  private async slot(progress: (p: CommandProgress) => void): Promise<void> {
    if (this.busy < this.maxBusy) {
      this.busy++;
      return;
    }
    progress({ phase: 'waiting for a free slot on the agent', percent: 0 });
    await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
  }

  private freeSlot(): void {
    const next = this.waitingForSlot.shift();
    if (next) next();
    else this.busy--;
  }
}
