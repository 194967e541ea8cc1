import type { Command } from 'commander';
import { loadAgentConfig, type AgentFlags } from '@crosspoint/agent';
import type { Output } from '../lifecycle.ts';

export function registerAgentCommand(program: Command, output: Output): void {
  program
    .command('agent')
    .summary('run the on-site agent: discovery, device sessions, link to a hub')
    .description(
      'Runs the agent on a customer LAN. It discovers devices on its enabled subnets, keeps a live session to each, ' +
        'and holds one outbound connection to a hub. Its own web UI listens on localhost.',
    )
    .option('--data-dir <path>', 'agent store folder (env CROSSPOINT_AGENT_DATA_DIR; default ./agent-data)')
    .option('--ui-host <address>', 'address of the local web UI (env CROSSPOINT_AGENT_UI_HOST; default 127.0.0.1)')
    .option('--ui-port <number>', 'port of the local web UI (env CROSSPOINT_AGENT_UI_PORT; default 8090)')
    .option('--hub-url <url>', 'hub to connect to (env CROSSPOINT_HUB_URL)')
    .option('--account <name>', 'agent server account name from the hub (env CROSSPOINT_AGENT_ACCOUNT)')
    .option('--password <secret>', 'agent server account password (env CROSSPOINT_AGENT_PASSWORD)')
    .option('--subnets <cidrs>', 'comma-separated subnets to scan, e.g. 127.20.1.0/24 (env CROSSPOINT_AGENT_SUBNETS)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env CROSSPOINT_LOG_LEVEL)')
    .action((flags: AgentFlags) => {
      const config = loadAgentConfig(flags);
      output.out(`Agent settings accepted (store ${config.dataDir}).`);
      throw new Error('The agent engine is not built yet (issue "Devices").');
    });
}
