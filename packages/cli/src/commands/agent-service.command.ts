import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  agentFlavor,
  agentVersion,
  defaultServiceSettings,
  execRunner,
  ServiceInstaller,
  systemdUnit,
  type ServiceSettings,
} from '@crosspoint/agent';
import type { Output } from '../lifecycle.ts';

interface ServiceFlags {
  name: string;
  dataDir: string;
  installDir: string;
  uiPort: string;
  node?: string;
  agentFile?: string;
  print?: boolean;
  dryRun?: boolean;
  purge?: boolean;
}

/** The agent file this process runs from: the downloaded single file, not the sources. */
function runningAgentFile(): string | undefined {
  if (agentFlavor === 'linux-x64') return process.execPath;
  const script = process.argv[1];
  return script && /\.(mjs|js)$/.test(script) ? resolve(script) : undefined;
}

function settingsOf(flags: ServiceFlags): ServiceSettings {
  const installDir = resolve(flags.installDir);
  return {
    name: flags.name,
    nodePath: flags.node ?? process.execPath,
    // The single executable is installed as it is, without an extension, and run directly.
    agentFile:
      agentFlavor === 'linux-x64' ? `${installDir}/${flags.name}` : `${installDir}/${flags.name}.mjs`,
    ...(agentFlavor === 'linux-x64' ? { executable: true } : {}),
    dataDir: resolve(flags.dataDir),
    installDir,
    uiPort: Number(flags.uiPort),
  };
}

const withServiceOptions = (c: Command): Command =>
  c
    .option('--name <name>', 'service, system user and group name', defaultServiceSettings.name)
    .option('--data-dir <path>', 'the agent’s store', defaultServiceSettings.dataDir)
    .option(
      '--install-dir <path>',
      'folder the agent file is installed to',
      defaultServiceSettings.installDir,
    );

/**
 * `agent install-service`, `agent uninstall-service` and `agent version`: the agent as people
 * install it on a Linux server (docs/agent-install.md).
 */
export function registerAgentServiceCommands(agent: Command, output: Output): void {
  agent
    .command('version')
    .summary('print the agent’s version')
    .action(() => {
      output.out(agentVersion);
    });

  withServiceOptions(
    agent
      .command('install-service')
      .summary('install the agent as a systemd service (Linux, as root)')
      .description(
        'Creates a system user, copies this agent file to the install folder, writes /etc/systemd/system/<name>.service ' +
          '(restart on failure, hardened: read-only system, only the store and install folder writable) and enables and starts it. ' +
          '--print shows the unit and changes nothing.',
      ),
  )
    .option(
      '--ui-port <number>',
      'port of the local web UI on 127.0.0.1',
      String(defaultServiceSettings.uiPort),
    )
    .option('--node <path>', 'node (20.19 or later) the service runs (default: the one running this)')
    .option('--agent-file <path>', 'the agent file to install (default: the one running this)')
    .option('--print', 'print the unit file and change nothing')
    .option('--dry-run', 'the same as --print')
    .action(async (flags: ServiceFlags) => {
      const settings = settingsOf(flags);
      if (flags.print || flags.dryRun) {
        output.out(systemdUnit(settings).trimEnd());
        return;
      }
      const source = flags.agentFile ? resolve(flags.agentFile) : runningAgentFile();
      if (!source)
        throw new Error(
          'Run install-service from the downloaded crosspoint-agent.mjs (node crosspoint-agent.mjs install-service), or pass --agent-file.',
        );
      await new ServiceInstaller({ run: execRunner, say: (l) => output.out(l) }).install(settings, source);
      output.out(
        `The agent runs as ${settings.name}.service. Open http://localhost:${String(settings.uiPort)} on this server; ` +
          `its first admin password is in the log: journalctl -u ${settings.name} | grep "First start".`,
      );
    });

  withServiceOptions(
    agent
      .command('uninstall-service')
      .summary('stop and remove the agent’s systemd service (as root)')
      .description('Stops, disables and removes the unit. The store and the user stay unless --purge.'),
  )
    .option('--purge', 'also remove the store, the install folder and the system user')
    .action(async (flags: ServiceFlags) => {
      await new ServiceInstaller({ run: execRunner, say: (l) => output.out(l) }).uninstall(
        settingsOf({ ...flags, uiPort: String(defaultServiceSettings.uiPort) }),
        { purge: flags.purge === true },
      );
    });
}
