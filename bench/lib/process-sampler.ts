import { readFile } from 'node:fs/promises';
import { summarize, type Summary } from './stats.ts';

const clockTicks = 100; // USER_HZ on Linux

interface Reading {
  at: number;
  cpuTicks: number;
  rssBytes: number;
}

async function read(pid: number): Promise<Reading> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { at: performance.now(), cpuTicks: utime + stime, rssBytes: rssKb * 1024 };
}

export interface ProcessUsage {
  /** CPU as a percentage of one core, over the sampled window. */
  cpuPercentOfOneCore: number;
  rssMiB: Summary;
  seconds: number;
}

/**
 * Samples another process's CPU time and RSS from /proc while it runs (Linux), so a program is
 * measured apart from the load generator and the simulator.
 */
export function sampleProcess(pid: number, everyMs = 500): { stop(): Promise<ProcessUsage> } {
  const readings: Reading[] = [];
  let failed: unknown;
  const tick = () => {
    read(pid).then(
      (r) => readings.push(r),
      (e: unknown) => (failed = e),
    );
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      readings.push(
        await read(pid).catch(() => readings[readings.length - 1] ?? { at: 0, cpuTicks: 0, rssBytes: 0 }),
      );
      if (readings.length < 2) throw new Error(`Could not sample process ${pid}: ${String(failed)}`);
      const first = readings[0] as Reading;
      const last = readings[readings.length - 1] as Reading;
      const seconds = (last.at - first.at) / 1000;
      return {
        cpuPercentOfOneCore:
          seconds > 0 ? ((last.cpuTicks - first.cpuTicks) / clockTicks / seconds) * 100 : 0,
        rssMiB: summarize(readings.map((r) => r.rssBytes / 2 ** 20)),
        seconds,
      };
    },
  };
}

/** Several processes (e.g. PostgreSQL backends) sampled together: their CPU summed, % of one core. */
export function sampleProcesses(pids: readonly number[], everyMs = 500): { stop(): Promise<number> } {
  const samplers = pids.map((pid) => sampleProcess(pid, everyMs));
  return {
    async stop() {
      const usages = await Promise.all(samplers.map((s) => s.stop().catch(() => undefined)));
      return usages.reduce((n, u) => n + (u?.cpuPercentOfOneCore ?? 0), 0);
    },
  };
}

/** This process's own CPU (the load generator), % of one core, from now until `stop()`. */
export function sampleSelf(): { stop(): number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop() {
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - t0) / 1000;
      return seconds > 0 ? ((used.user + used.system) / 1e6 / seconds) * 100 : Number.NaN;
    },
  };
}
