// Two demos on one machine: the second demo's building takes the next free loopback range instead
// of dying on an address the first one holds; a taken hub port is named with what to do.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultHints, startDemoSite, type DemoSite } from './demo-site.ts';
import { runCli, ExitCode } from './program.ts';

const dirs: string[] = [];
const sites: DemoSite[] = [];
afterAll(async () => {
  for (const s of sites) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A demo site whose agent links to a hub that is not there (it keeps retrying, harmlessly). */
async function demoSite(): Promise<DemoSite> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-demo-'));
  dirs.push(dir);
  const site = await startDemoSite({
    hubUrl: 'http://127.0.0.1:9',
    login: 'agent@none',
    password: 'x',
    dataDir: join(dir, 'data'),
    devices: 10,
  });
  sites.push(site);
  return site;
}

describe('the demo on a machine already running one', () => {
  it('puts the second building on other loopback addresses', async () => {
    const first = await demoSite();
    const second = await demoSite();
    const cidrs = (s: DemoSite) => s.sim.site.subnets.map((x) => x.cidr);
    expect(cidrs(first)[0]).toMatch(/^127\.31\./);
    expect(cidrs(second)[0]).toMatch(/^127\.51\./);
    expect(cidrs(second).some((c) => cidrs(first).includes(c))).toBe(false);
    expect(second.sim.devices.length).toBe(first.sim.devices.length);
    // Every device of the building is known to its agent, the one the demo puts Down included.
    for (const site of [first, second]) {
      expect(site.agent.inventory().length).toBe(site.sim.devices.length);
      const deadline = Date.now() + 10_000;
      while (!site.agent.inventory().some((d) => d.status === 'Down') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(site.agent.inventory().some((d) => d.status === 'Down')).toBe(true);
    }
  });

  it('prints fault-injection commands that work when pasted', async () => {
    const site = sites[0] ?? (await demoSite());
    const box = site.sim.devices.find((d) => d.kind === 'box');
    const run = async (hint: string) => {
      const lines: string[] = [];
      const code = await runCli(hint.split(' '), { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      return { code, text: lines.join('\n') };
    };
    const [set, clear, list] = faultHints(site.sim);
    expect(await run(set ?? '')).toEqual({ code: ExitCode.ok, text: `fault down set on ${box?.id ?? ''}` });
    expect((await run(list ?? '')).text).toContain('down');
    expect((await run(clear ?? '')).code).toBe(ExitCode.ok);
  });

  it('names a taken hub port and how to choose another', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dir = await mkdtemp(join(tmpdir(), 'cp-demo-port-'));
    dirs.push(dir);
    const lines: string[] = [];
    const code = await runCli(['hub', '--port', String(port), '--data-dir', dir, '--log-level', 'silent'], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    expect(code).toBe(ExitCode.failure);
    expect(lines.join('\n')).toMatch(new RegExp(`EADDRINUSE.*${String(port)}.*--port`));
  });
});
