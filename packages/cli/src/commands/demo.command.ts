import type { Command } from 'commander';
import { demoAccounts, loadHubConfig, startHub, type HubFlags } from '@crosspoint/hub';
import { runUntilSignal, type Output } from '../lifecycle.ts';
import { faultHints, startDemoSite, type DemoSite } from '../demo-site.ts';
import { withHubOptions } from './hub.command.ts';

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
    const config = loadHubConfig(flags);
    const hub = await startHub({ ...config, logLevel: flags.logLevel ? config.logLevel : 'warn' });
    const seeded = await hub.services.bootstrap.seedDemo();
    let site: DemoSite;
    try {
      site = await startDemoSite({
        hubUrl: hub.url,
        login: seeded.agentLogin,
        password: demoAccounts.agent.password,
        dataDir: config.dataDir,
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
      `  Simulated site: ${String(site.sim.devices.length)} devices on ${site.sim.site.subnets.map((x) => x.cidr).join(', ')}`,
    );
    output.out(`  Fault injection (${site.sim.controlUrl}), e.g.:`);
    for (const hint of faultHints(site.sim)) output.out(`    npm run crosspoint -- ${hint}`);
    output.out('  Press Ctrl-C to stop.');
    output.out('');
    await runUntilSignal([hub, site], output);
  });
}
