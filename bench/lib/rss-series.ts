// Memory over a long run: RSS (and CPU time) of a process read from /proc at an interval and kept as
// a time series, and the trend of that series (least-squares slope, in MiB per hour).
import { readFile } from 'node:fs/promises';

export interface SeriesPoint {
  /** Wall clock (ms). */
  at: number;
  rssMiB: number;
  /** CPU time used so far (user + system), seconds. */
  cpuSeconds: number;
}

/** Least-squares slope of y over x; NaN with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/**
 * The RSS trend in MiB per hour over the second half of the series (by time): the first half holds
 * the warm-up (caches filling, the heap growing to its working size), which is not a leak.
 */
export function rssSlopeMiBPerHour(series: readonly SeriesPoint[]): number {
  if (series.length < 2) return Number.NaN;
  const first = series[0] as SeriesPoint;
  const last = series[series.length - 1] as SeriesPoint;
  const mid = (first.at + last.at) / 2;
  const half = series
    .filter((p) => p.at >= mid)
    .map((p) => ({ x: (p.at - first.at) / 3_600_000, y: p.rssMiB }));
  return slope(half);
}

async function readPoint(pid: number): Promise<SeriesPoint> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return {
    at: Date.now(),
    rssMiB: rssKb / 1024,
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
  };
}

/** Samples a process every `everyMs` until stopped; a process that has exited ends the series. */
export function recordSeries(pid: number, everyMs: number): { series: SeriesPoint[]; stop(): SeriesPoint[] } {
  const series: SeriesPoint[] = [];
  const tick = () => {
    readPoint(pid).then(
      (p) => series.push(p),
      () => clearInterval(timer),
    );
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return {
    series,
    stop: () => {
      clearInterval(timer);
      return series;
    },
  };
}

/** CPU as % of one core between two points of a series. */
export const cpuPercentBetween = (a: SeriesPoint, b: SeriesPoint): number =>
  b.at > a.at ? ((b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000)) * 100 : Number.NaN;
