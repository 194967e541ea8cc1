import type { Command } from 'commander';
import {
  demoAccounts,
  loadHubConfig,
  plainHttp,
  startHub,
  type HubFlags,
  type RunningHub,
} from '@crosspoint/hub';
import { runUntilSignal, type Output } from '../lifecycle.ts';
import { faultHints, startDemoSite, type DemoSite } from '../demo-site.ts';
import { withHubOptions } from './hub.command.ts';

/**
 * Puts the demo devices in their rooms while they arrive (every 2 s for the first 2 minutes, then
 * stops); closing stops it at once.
 */
function placeDevices(hub: RunningHub, onGiveUp: () => void): { close(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = Date.now() + 120_000;
  const tick = async () => {
    const unplaced = await hub.services.bootstrap.placeDemoDevices().catch(() => 1);
    if (stopped) return;
    if (Date.now() > deadline) {
      if (unplaced > 0) onGiveUp();
      return;
    }
    timer = setTimeout(() => void tick(), 2000);
  };
  timer = setTimeout(() => void tick(), 1000);
  return {
    close: () => {
      stopped = true;
      clearTimeout(timer);
      return Promise.resolve();
    },
  };
}

export function registerDemoCommand(program: Command, output: Output): void {
  withHubOptions(
    program
      .command('demo')
      .summary('run everything on embedded defaults (what `npm start` runs)')
      .description(
        'Starts a hub on the embedded database (./data) and prints the URL to open. ' +
          'Data is kept between runs; delete the data folder to start over.',
      ),
  ).action(async (flags: HubFlags) => {
    // The demo links its own agent on loopback: plain HTTP, whatever CROSSPOINT_TLS_* say.
    const config = plainHttp(loadHubConfig(flags));
    const hub = await startHub({ ...config, logLevel: flags.logLevel ? config.logLevel : 'warn' });
    const seeded = await hub.services.bootstrap.seedDemo();
    // The integrator's other clients, their locations and alert rules (Globex is the first).
    const business = await hub.services.bootstrap.seedDemoBusiness();
    let site: DemoSite;
    try {
      site = await startDemoSite({
        hubUrl: hub.url,
        login: seeded.agentLogin,
        password: demoAccounts.agent.password,
        dataDir: config.dataDir,
        clients: business.slice(1).map((b) => ({ spec: b.client, login: b.agentLogin })),
        onLinkState: (s) => {
          if (s.state === 'refused') output.err(`Demo agent refused by the hub: ${s.reason}`);
        },
      });
    } catch (e) {
      await hub.close();
      throw e;
    }
    output.out('');
    output.out(`  Crosspoint demo is running${seeded.created ? ' (demo organizations created)' : ''}`);
    output.out(`  Open ${hub.url} in your browser`);
    output.out(`  Sign in as ${demoAccounts.owner} (support organization owner)`);
    output.out(`        or ${demoAccounts.operator} (platform operator)`);
    output.out(`  Password: ${demoAccounts.password}`);
    output.out(`  API docs: ${hub.url}/api/docs`);
    output.out(`  Data folder: ${config.databaseUrl ? '(PostgreSQL)' : config.dataDir}`);
    output.out(
      `  Simulated sites: ${String(site.sim.devices.length)} devices of ${String(business.length)} clients (${business.map((b) => b.client.name).join(', ')}) on ${site.sim.site.subnets.map((x) => x.cidr).join(', ')}`,
    );
    if (site.sim.collaborateSpace)
      output.out(
        `  Simulated COLLABORATE Space: ${site.sim.collaborateSpace.url} (Settings › My Account › Linking to COLLABORATE Space: give it as the on-premises address)`,
      );
    output.out(`  Fault injection (${site.sim.controlUrl}), e.g.:`);
    for (const hint of faultHints(site.sim)) output.out(`    npm run crosspoint -- ${hint}`);
    output.out('  Press Ctrl-C to stop.');
    output.out('');
    // Devices arrive over the next seconds: each goes to its room as soon as the hub knows it.
    const placing = placeDevices(hub, () =>
      output.err('Some demo devices could not be placed in their rooms.'),
    );
    await runUntilSignal([hub, site, placing], output);
  });
}
