// The hub's memory and CPU in every scenario, whatever the scenario measures itself: the runner
// watches this process's descendants and samples each that runs the bench's hub program
// (bench/programs/hub.ts) or the CLI's `hub` command.
import { readdir, readFile } from 'node:fs/promises';
import { summarize, type Summary } from './stats.ts';

const clockTicks = 100; // USER_HZ on Linux

/** One process as /proc shows it: parent, command line, CPU ticks so far and RSS. */
export interface ProcReading {
  pid: number;
  ppid: number;
  cmdline: string;
  cpuTicks: number;
  rssBytes: number;
}

/** The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
export function parseStat(stat: string): { ppid: number; cpuTicks: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** A hub under test: the bench's hub program (compiled or through tsx), or `crosspoint hub`. */
export const isHubCommand = (cmdline: string): boolean =>
  /(^|[\s/])bench\/programs\/hub\.(ts|m?js)(\s|$)/.test(cmdline) ||
  /(^|[\s/])packages\/cli\/src\/main\.ts hub(\s|$)/.test(cmdline);

/** The pids among `procs` that descend from `root` (not `root` itself). */
export function descendantsOf(
  root: number,
  procs: readonly Pick<ProcReading, 'pid' | 'ppid'>[],
): Set<number> {
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found = new Set<number>();
  const queue = [root];
  while (queue.length) {
    for (const c of children.get(queue.pop() as number) ?? []) {
      if (!found.has(c)) {
        found.add(c);
        queue.push(c);
      }
    }
  }
  return found;
}

async function readProc(pid: number): Promise<ProcReading | undefined> {
  try {
    const [stat, status, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
    ]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { pid, ...parseStat(stat), cmdline: cmdline.split('\0').join(' ').trim(), rssBytes: rssKb * 1024 };
  } catch {
    return undefined; // it exited between the listing and the read
  }
}

async function allProcs(): Promise<ProcReading[]> {
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  return (await Promise.all(pids.map(readProc))).filter((p): p is ProcReading => p !== undefined);
}

/** What one hub process used while the scenario ran. */
export interface HubUsage {
  pid: number;
  /** Sampled this long (a hub restarted by the scenario is a new process, sampled apart). */
  seconds: number;
  cpuPercentOfOneCore: number;
  rssMiB: Summary;
}

interface Track {
  first: { at: number; ticks: number };
  last: { at: number; ticks: number };
  rss: number[];
}

/** Folds the samples of each process into its usage (processes seen once have no CPU figure). */
export function usageOf(tracks: ReadonlyMap<number, Track>): HubUsage[] {
  return [...tracks].map(([pid, t]) => {
    const seconds = (t.last.at - t.first.at) / 1000;
    return {
      pid,
      seconds,
      cpuPercentOfOneCore: seconds > 0 ? ((t.last.ticks - t.first.ticks) / clockTicks / seconds) * 100 : 0,
      rssMiB: summarize(t.rss.map((b) => b / 2 ** 20)),
    };
  });
}

/**
 * Samples every hub process descending from `root` (this process by default) every `everyMs`
 * until `stop()`, which returns one usage per hub process seen (none if the scenario ran no hub).
 */
export function watchHubs(root = process.pid, everyMs = 1000): { stop(): Promise<HubUsage[]> } {
  const tracks = new Map<number, Track>();
  let busy: Promise<void> = Promise.resolve();
  const tick = () => {
    busy = busy.then(async () => {
      const procs = await allProcs();
      const mine = descendantsOf(root, procs);
      const at = performance.now();
      for (const p of procs) {
        if (!mine.has(p.pid) || !isHubCommand(p.cmdline)) continue;
        const t = tracks.get(p.pid);
        if (t) {
          t.last = { at, ticks: p.cpuTicks };
          t.rss.push(p.rssBytes);
        } else {
          tracks.set(p.pid, {
            first: { at, ticks: p.cpuTicks },
            last: { at, ticks: p.cpuTicks },
            rss: [p.rssBytes],
          });
        }
      }
    });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await busy;
      return usageOf(tracks);
    },
  };
}
