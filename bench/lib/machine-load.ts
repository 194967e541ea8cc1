import { readFile } from 'node:fs/promises';

/** Busy and total jiffies of all CPUs, from the first line of /proc/stat. */
export function parseProcStat(text: string): { busy: number; total: number } {
  const line = text.split('\n').find((l) => l.startsWith('cpu ')) ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/**
 * How busy the whole machine was over a window (every process, ours and anyone else's), in % of
 * all cores: a scenario measured on a machine already 60 % busy says so in its result.
 */
export function sampleMachine(): { stop(): Promise<number> } {
  const first = readFile('/proc/stat', 'utf8').then(parseProcStat, () => undefined);
  return {
    async stop() {
      const a = await first;
      const b = await readFile('/proc/stat', 'utf8').then(parseProcStat, () => undefined);
      if (!a || !b || b.total === a.total) return Number.NaN;
      return ((b.busy - a.busy) / (b.total - a.total)) * 100;
    },
  };
}
