import type { Command } from 'commander';
import { compareVersions } from '@crosspoint/protocol';
import {
  agentVersion,
  isSupervised,
  loadAgentConfig,
  restartExitCode,
  type AgentProgram,
  startAgentProgram,
  type Agent,
  type AgentFlags,
  type DiscoveryReport,
} from '@crosspoint/agent';
import { runUntilSignal, type Output } from '../lifecycle.ts';
import { registerAgentServiceCommands } from './agent-service.command.ts';

export function registerAgentCommand(program: Command, output: Output): void {
  const agentCommand = program
    .command('agent')
    // Options before a subcommand (install-service …) are the agent's, after it the subcommand's.
    .enablePositionalOptions()
    .summary('run the on-site agent: discovery, device sessions, link to a hub')
    .description(
      'Runs the agent on a customer LAN. It discovers devices on its enabled subnets, keeps a live session to each, ' +
        'and holds one outbound connection to a hub. Its own web UI listens on localhost.',
    )
    .option('--data-dir <path>', 'agent store folder (env CROSSPOINT_AGENT_DATA_DIR; default ./agent-data)')
    .option(
      '--ui-host <address>',
      'address of the local web UI (env CROSSPOINT_AGENT_UI_HOST; default 127.0.0.1)',
    )
    .option('--ui-port <number>', 'port of the local web UI (env CROSSPOINT_AGENT_UI_PORT; default 8090)')
    .option(
      '--hub-url <url>',
      'hub to connect to; several hubs: comma-separated or the flag repeated, the agent fails over between them (env CROSSPOINT_HUB_URL)',
      (value: string, previous: string | undefined) => (previous ? `${previous},${value}` : value),
    )
    .option(
      '--hub-ca <file>',
      'PEM CA certificate(s) a wss:// or https:// hub’s certificate chains to, for a private or self-signed CA; public CAs are trusted anyway (env CROSSPOINT_HUB_CA)',
    )
    .option('--account <name>', 'agent server account name from the hub (env CROSSPOINT_AGENT_ACCOUNT)')
    .option('--password <secret>', 'agent server account password (env CROSSPOINT_AGENT_PASSWORD)')
    .option(
      '--subnets <cidrs>',
      'comma-separated CIDR[:port][@interface] to scan, e.g. 127.20.1.0/24:2323@sim1 (env CROSSPOINT_AGENT_SUBNETS)',
    )
    .option(
      '--server-name <name>',
      'name of this server in the topology (env CROSSPOINT_AGENT_SERVER_NAME; default host name)',
    )
    .option(
      '--device-port <number>',
      'telnet port of boxes where a subnet names none (env CROSSPOINT_AGENT_DEVICE_PORT; default 23)',
    )
    .option('--ftp-port <number>', 'FTP port of the boxes (env CROSSPOINT_AGENT_FTP_PORT; default 21)')
    .option(
      '--mic-port <number>',
      'BMA 360D port to sweep, 0 = none (env CROSSPOINT_AGENT_MIC_PORT; default 3603)',
    )
    .option(
      '--video-port <number>',
      'codec HTTP status port to sweep, 0 = none (env CROSSPOINT_AGENT_VIDEO_PORT; default 8080)',
    )
    .option(
      '--device-username <name>',
      'login tried on new devices (env CROSSPOINT_AGENT_DEVICE_USERNAME; default clearone)',
    )
    .option(
      '--device-password <secret>',
      'password tried on new devices (env CROSSPOINT_AGENT_DEVICE_PASSWORD; default converge)',
    )
    .option(
      '--credential-key <key>',
      'AES-256 key sealing stored device credentials (env CROSSPOINT_AGENT_CREDENTIAL_KEY)',
    )
    .option(
      '--discovery-interval-s <seconds>',
      'seconds between sweeps, 0 = none (env CROSSPOINT_AGENT_DISCOVERY_INTERVAL_S; default 300)',
    )
    .option(
      '--discovery-concurrency <number>',
      'connects in flight while sweeping (env CROSSPOINT_AGENT_DISCOVERY_CONCURRENCY; default 128)',
    )
    .option(
      '--keep-alive-ms <ms>',
      'keep-alive after this much silence (env CROSSPOINT_AGENT_KEEPALIVE_MS; default 1000)',
    )
    .option(
      '--keep-alive-timeout-ms <ms>',
      'unanswered keep-alive = hang (env CROSSPOINT_AGENT_KEEPALIVE_TIMEOUT_MS; default 1500)',
    )
    .option(
      '--max-concurrent-jobs <n>',
      'long device jobs (firmware, configuration, restart) at once (env CROSSPOINT_AGENT_MAX_CONCURRENT_JOBS; default 8)',
    )
    .option(
      '--update-mode <mode>',
      'automatic|manual: install new builds from the hub by itself, or when asked on the Servers screen (env CROSSPOINT_AGENT_UPDATE_MODE; saved; default automatic)',
    )
    .option(
      '--update-rollback-s <seconds>',
      'seconds a new build has to link to the hub before the previous one comes back (env CROSSPOINT_AGENT_UPDATE_ROLLBACK_S; default 180)',
    )
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env CROSSPOINT_LOG_LEVEL)')
    .action(async (flags: AgentFlags) => {
      const config = loadAgentConfig(flags);
      let restarting = false;
      /** The hub certificate problem last printed (printed again only when it changes). */
      let certificateShown: string | undefined;
      const program: AgentProgram = await startAgentProgram(config, {
        agent: { discoverOnStart: false },
        // After a self-update (or its roll-back) the agent exits and its supervisor starts the file again.
        selfUpdate: {
          supervised: isSupervised(config),
          restart: (why) => {
            if (restarting) return;
            restarting = true;
            output.out(`Restarting (${why}).`);
            void program
              .close()
              .catch(() => undefined)
              .finally(() => process.exit(restartExitCode));
          },
        },
        onLinkState: (s) => {
          const lastCertificate = certificateShown;
          if (s.state !== 'connecting')
            certificateShown = s.state === 'disconnected' ? s.certificate : undefined;
          if (s.state === 'connected') {
            output.out(`Connected to the hub (${s.organization}).`);
            const offered = s.hubAgentBuild?.version;
            if (offered && compareVersions(offered, agentVersion) > 0)
              output.out(
                `Update available: the hub offers agent ${offered} (this is ${agentVersion}); download it from the hub's Downloads screen.`,
              );
          } else if (s.state === 'disconnected' && s.certificate && s.certificate !== lastCertificate) {
            // Once per problem: the backoff retries it every 30 s at most.
            output.err(`Cannot link to the hub: ${s.reason}. Retrying (every 30 s at most).`);
          } else if (s.state === 'refused')
            output.err(
              `The hub refused this agent: ${s.reason} Retrying in ${String(Math.round(s.retryInMs / 1000))} s.`,
            );
        },
      });
      const { agent } = program;
      output.out(
        `Crosspoint agent running: store ${config.dataDir}, ${String(agent.inventory().length)} known devices, ` +
          `subnets ${config.subnets ?? '(none: pass --subnets)'}.`,
      );
      output.out(`Local web UI: ${program.ui.url}`);
      if (program.createdAdminPassword) {
        output.out(
          `  First start: sign in as "admin" with password ${program.createdAdminPassword} (shown once; stored hashed).`,
        );
      }
      const link = program.link.current().settings;
      output.out(
        link
          ? `Hub: ${link.hubUrl} as ${link.login}`
          : 'No hub yet: pass --hub-url, --account and --password, or use Settings › External Services in the web UI.',
      );
      agent.onChange((c) => {
        output.out(`${new Date(c.at).toISOString()} ${c.deviceId}: ${c.previous ?? '—'} → ${c.status}`);
      });
      if (config.subnets !== undefined) {
        void agent.rediscover().then(
          (report) => {
            printDiscovery(agent, report, output);
          },
          (e: unknown) => {
            output.err(`Discovery failed: ${(e as Error).message}`);
          },
        );
      }
      await runUntilSignal([program], output);
    });
  registerAgentServiceCommands(agentCommand, output);
}

function printDiscovery(agent: Agent, report: DiscoveryReport, output: Output): void {
  for (const s of report.subnets) {
    output.out(
      `Subnet ${s.cidr} (${s.interface}): ${s.candidates} answering, ${s.identified} identified, ${s.known} already connected, ` +
        `${s.loginFailed} refusing login, ${s.errors.length} errors`,
    );
  }
  for (const d of agent
    .inventory()
    .sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id))) {
    output.out(
      `  ${d.status.padEnd(24)} ${d.model.padEnd(14)} ${d.serial.padEnd(13)} ${d.firmware.padEnd(10)} ${d.host}  ${d.path}`,
    );
  }
  output.out(`${agent.sessionCount()} device sessions running.`);
}
