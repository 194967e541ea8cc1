// The agent's ledger of hub jobs on its real store: a job sent again joins, answers or resumes the
// first copy — in the same process and after the agent restarts — and long jobs are bounded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DeviceId } from '@crosspoint/protocol';
import { createSecretBox } from '../crypto/secret-box.ts';
import { AgentStore } from '../store/agent-store.ts';
import { CommandLedger, type JobContext } from './command-ledger.ts';
import type { CommandProgress } from './device-command.ts';
import { DeviceError, DeviceErrorCode } from './device-error.ts';

const secrets = createSecretBox(randomBytes(32));
const dirs: string[] = [];
const stores: AgentStore[] = [];
async function open(dir?: string) {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'cp-ledger-')));
  if (!dir) dirs.push(d);
  const store = await AgentStore.open({ dir: d, secrets });
  stores.push(store);
  return { dir: d, store };
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const box = 'cp2-0196-1743-08' as DeviceId;
const quiet = () => undefined;

/** A job body the test finishes by hand. */
function gate() {
  let open: (v: unknown) => void = quiet;
  let fail: (e: unknown) => void = quiet;
  const done = new Promise<unknown>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

/**
 * Waits until `check` holds. The tests wait for the state they need (a job body started, a step on
 * disk), never for a fixed time: on a loaded machine the journal's writes can take longer than any
 * sleep.
 */
function until(check: () => boolean): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 2 },
  );
}

describe(CommandLedger.name, () => {
  it('runs a job once when it is sent again while running, and the repeat gets its progress and result', async () => {
    const { store } = await open();
    const ledger = new CommandLedger(store, Date.now);
    const g = gate();
    let runs = 0;
    let report: ((p: CommandProgress) => void) | undefined;
    const work = async (_job: JobContext, progress: (p: CommandProgress) => void) => {
      runs++;
      report = progress;
      progress({ phase: 'upload', percent: 40 });
      return g.done;
    };
    const firstSeen: CommandProgress[] = [];
    const first = ledger.run('job-1', box, 'firmwareUpdate', (p) => firstSeen.push(p), work);
    // The repeat comes while the job runs: after its body started (the entry is on disk first).
    await until(() => report !== undefined);
    const repeatSeen: CommandProgress[] = [];
    const repeat = ledger.run('job-1', box, 'firmwareUpdate', (p) => repeatSeen.push(p), work);
    report?.({ phase: 'apply', percent: 75 });
    g.open({ firmware: '9.8.7.6' });
    expect(await first).toEqual({ firmware: '9.8.7.6' });
    expect(await repeat).toEqual({ firmware: '9.8.7.6' });
    expect(runs).toBe(1);
    // The repeat hears where the job is at once, then what follows; the first asker's link is gone.
    expect(repeatSeen).toEqual([
      { phase: 'upload', percent: 40 },
      { phase: 'apply', percent: 75 },
    ]);
    expect(firstSeen).toEqual([{ phase: 'upload', percent: 40 }]);
  });

  it('answers a job that succeeded with its result, also after the agent restarted, without running it again', async () => {
    const { dir, store } = await open();
    const ledger = new CommandLedger(store, Date.now);
    await ledger.run('job-2', box, 'restart', quiet, () =>
      Promise.resolve({ firmware: '8.3.15.0', downtimeMs: 900 }),
    );
    await store.close();
    const again = new CommandLedger((await open(dir)).store, Date.now);
    let ran = false;
    const answer = await again.run('job-2', box, 'restart', quiet, () => {
      ran = true;
      return Promise.resolve({});
    });
    expect(answer).toEqual({ firmware: '8.3.15.0', downtimeMs: 900 });
    expect(ran).toBe(false);
  });

  it('resumes a job a previous agent process was running, knowing whether it reached the device', async () => {
    const { dir, store } = await open();
    const ledger = new CommandLedger(store, () => 1_000);
    const g = gate();
    let sent = false;
    const first = ledger.run('job-3', box, 'firmwareUpdate', quiet, async (job) => {
      await job.markSent({ firmware: '8.3.15.0' });
      sent = true;
      return g.done;
    });
    first.catch(quiet);
    await until(() => sent);
    // The agent process dies here: nothing more is written.
    await store.close();
    const reopened = (await open(dir)).store;
    const again = new CommandLedger(reopened, () => 5_000);
    let seen: JobContext['resumed'];
    await again.run('job-3', box, 'firmwareUpdate', quiet, (job) => {
      seen = job.resumed;
      return Promise.resolve({ firmware: '9.8.7.6' });
    });
    expect(seen).toEqual({ startedAt: 1_000, sentAt: 1_000, before: { firmware: '8.3.15.0' } });

    // A job that never reached the device resumes without `sentAt`: it may simply run again.
    const g2 = gate();
    let started = false;
    again
      .run('job-4', box, 'loadConfig', quiet, () => {
        started = true;
        return g2.done;
      })
      .catch(quiet);
    await until(() => started);
    await reopened.close();
    const third = new CommandLedger((await open(dir)).store, () => 9_000);
    await third.run('job-4', box, 'loadConfig', quiet, (job) => {
      seen = job.resumed;
      return Promise.resolve({ fileName: 'a.pccp2x' });
    });
    expect(seen).toEqual({ startedAt: 5_000 });
  });

  it('runs a failed job again on a repeat, telling it what the failed copy reached', async () => {
    const { store } = await open();
    const ledger = new CommandLedger(store, () => 2_000);
    await expect(
      ledger.run('job-5', box, 'restart', quiet, async (job) => {
        await job.markSent();
        throw new DeviceError(DeviceErrorCode.Timeout, 'restart: no answer');
      }),
    ).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    let seen: JobContext['resumed'];
    const result = await ledger.run('job-5', box, 'restart', quiet, (job) => {
      seen = job.resumed;
      return Promise.resolve({ downtimeMs: 1 });
    });
    expect(result).toEqual({ downtimeMs: 1 });
    expect(seen).toEqual({ startedAt: 2_000, sentAt: 2_000 });
  });

  it('refuses a job id that was started for another device', async () => {
    const { store } = await open();
    const ledger = new CommandLedger(store, Date.now);
    await ledger.run('job-6', box, 'locate', quiet, () => Promise.resolve({ on: true }));
    await expect(
      ledger.run('job-6', 'cp2-other' as DeviceId, 'locate', quiet, () => Promise.resolve({ on: true })),
    ).rejects.toMatchObject({ code: 'COMMAND_BAD_INPUT' });
  });

  it('bounds long jobs on the agent; the next one waits with a visible phase, quick ones never wait', async () => {
    const { store } = await open();
    const ledger = new CommandLedger(store, Date.now, 2);
    const gates = [gate(), gate(), gate()];
    const started = new Set<number>();
    let running = 0;
    let most = 0;
    const long = (i: number, seen: CommandProgress[] = []) =>
      ledger.run(
        `long-${i}`,
        box,
        'firmwareUpdate',
        (p) => seen.push(p),
        async () => {
          started.add(i);
          running++;
          most = Math.max(most, running);
          try {
            return await gates[i]?.done;
          } finally {
            running--;
          }
        },
      );
    const waiting: CommandProgress[] = [];
    const jobs = [long(0), long(1), long(2, waiting)];
    // Two run; the third has said it waits (it only says so once it found no free slot).
    await until(() => running === 2 && waiting.length > 0);
    expect(started).toEqual(new Set([0, 1]));
    expect(waiting).toEqual([{ phase: 'waiting for a free slot on the agent', percent: 0 }]);
    expect(await ledger.run('quick', box, 'locate', quiet, () => Promise.resolve({ on: true }))).toEqual({
      on: true,
    });
    gates[0]?.open(0);
    // The first one's slot goes to the waiting one: still two at once.
    await until(() => started.has(2));
    expect(running).toBe(2);
    gates[1]?.open(1);
    gates[2]?.open(2);
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(most).toBe(2);
  });

  it('keeps ended jobs for two days at most', async () => {
    const { store } = await open();
    let now = 0;
    const ledger = new CommandLedger(store, () => now);
    await ledger.run('old', box, 'locate', quiet, () => Promise.resolve({ on: true }));
    now = 49 * 3600_000;
    await ledger.run('new', box, 'locate', quiet, () => Promise.resolve({ on: false }));
    expect(store.commandEntry('old')).toBeUndefined();
    expect(store.commandEntry('new')?.result).toEqual({ on: false });
  });
});
