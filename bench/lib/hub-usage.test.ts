import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendantsOf, isHubCommand, parseStat, usageOf, watchHubs } from './hub-usage.ts';

describe('hub-usage', () => {
  it('knows the hub programs by their command line, and nothing else', () => {
    expect(isHubCommand('/usr/bin/node --import tsx bench/programs/hub.ts --database-url x')).toBe(true);
    expect(isHubCommand('/usr/bin/node /tmp/x/bench/programs/hub.mjs')).toBe(true);
    expect(isHubCommand('/usr/bin/node --import tsx packages/cli/src/main.ts hub --port 0')).toBe(true);
    expect(isHubCommand('/usr/bin/node --import tsx bench/programs/hub-like.ts')).toBe(false);
    expect(isHubCommand('/usr/bin/node --import tsx packages/cli/src/main.ts sim')).toBe(false);
    expect(isHubCommand('/usr/bin/node --import tsx bench/programs/agent-probe.ts --hub-url x')).toBe(false);
  });

  it('reads the parent and CPU ticks after a command name holding spaces and parentheses', () => {
    const fields = ['S', '41', ...Array.from({ length: 9 }, () => '0'), '150', '50', '0'];
    expect(parseStat(`123 (node (x) y) ${fields.join(' ')}`)).toEqual({ ppid: 41, cpuTicks: 200 });
  });

  it('finds descendants at any depth, not the root nor strangers', () => {
    const procs = [
      { pid: 2, ppid: 1 },
      { pid: 3, ppid: 2 },
      { pid: 4, ppid: 3 },
      { pid: 5, ppid: 99 },
    ];
    expect([...descendantsOf(2, procs)].sort()).toEqual([3, 4]);
  });

  it('turns samples into CPU over the window and an RSS summary', () => {
    const [u] = usageOf(
      new Map([
        [7, { first: { at: 0, ticks: 100 }, last: { at: 2000, ticks: 200 }, rss: [2 ** 20, 3 * 2 ** 20] }],
      ]),
    );
    expect(u).toMatchObject({ pid: 7, seconds: 2, cpuPercentOfOneCore: 50 });
    expect(u?.rssMiB.max).toBe(3);
  });

  it('samples a real child that runs a hub command line, and only that one', async () => {
    // A stand-in whose command line names the hub program: node -e with it as an argument.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)', 'bench/programs/hub.ts'], {
      stdio: 'ignore',
    });
    const other = spawn(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 5000)', 'bench/programs/sim-site.ts'],
      {
        stdio: 'ignore',
      },
    );
    try {
      const watch = watchHubs(process.pid, 100);
      await new Promise((r) => setTimeout(r, 500));
      const usage = await watch.stop();
      expect(usage.map((u) => u.pid)).toEqual([child.pid]);
      expect(usage[0]?.rssMiB.max).toBeGreaterThan(5);
    } finally {
      child.kill();
      other.kill();
    }
  });
});
