import type { Command } from 'commander';
import { loadSimConfig, type SimFlags } from '@crosspoint/sim';
import type { Output } from '../lifecycle.ts';

export function registerSimCommand(program: Command, output: Output): void {
  program
    .command('sim')
    .summary('run a fleet of simulated devices on loopback addresses')
    .description(
      'Runs virtual CONVERGE Pro 2 / Huddle boxes, P-Link peripherals, BMA mics and COLLABORATE Live codecs, ' +
        'each on its own 127.x.y.z address, with a fault-injection control API on localhost.',
    )
    .option('--site <file>', 'site description (JSON or YAML) (env CROSSPOINT_SIM_SITE)')
    .option('--generate <count>', 'generate a site of this many devices instead (env CROSSPOINT_SIM_GENERATE)')
    .option('--seed <number>', 'seed of the generator, for reproducible sites (env CROSSPOINT_SIM_SEED; default 1)')
    .option('--control-host <address>', 'loopback address of the control API (env CROSSPOINT_SIM_CONTROL_HOST)')
    .option('--control-port <number>', 'port of the control API (env CROSSPOINT_SIM_CONTROL_PORT; default 7070)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env CROSSPOINT_LOG_LEVEL)')
    .action((flags: SimFlags) => {
      const config = loadSimConfig(flags);
      output.out(`Simulator settings accepted (${config.site ?? `${String(config.generate ?? 0)} generated devices`}).`);
      throw new Error('The simulator engine is not built yet (issue "Devices").');
    });
}
