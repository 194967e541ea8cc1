import type { Logger } from 'pino';
import pino from 'pino';
import type { Agent, StartAgentOptions } from './agent-api.ts';
import { startAgent } from './agent.ts';
import { hubCaOrigin, type AgentConfig } from './config.ts';
import { loadHubTrust } from './link/hub-trust.ts';
import { createSecretBox, loadOrCreateKey } from './crypto/secret-box.ts';
import type { LinkState } from './link/hub-link.ts';
import { HubSettingsFile } from './ui/hub-settings.ts';
import { LinkController } from './ui/link-controller.ts';
import { LocalAdmin } from './ui/local-admin.ts';
import { startAgentUi, type AgentUi } from './ui/agent-ui.ts';
import { agentFlavor, releasePublicKey, runningBuildFile } from './update/release-key.ts';
import { SelfUpdater } from './update/self-update.ts';

/** Set by scripts/build-agent.mjs (esbuild `define`); absent when run from source. */
declare const __CROSSPOINT_AGENT_VERSION__: string | undefined;
/** This agent's version: the build's, or the package's when run from source. */
export const agentVersion: string =
  typeof __CROSSPOINT_AGENT_VERSION__ === 'string' ? __CROSSPOINT_AGENT_VERSION__ : '0.1.0';

export interface AgentProgram {
  agent: Agent;
  ui: AgentUi;
  link: LinkController;
  /** Set on the very first start: the generated local admin password, to print once. */
  createdAdminPassword?: string;
  close(): Promise<void>;
}

/**
 * The whole agent program: device side, local web UI, and the hub link (from flags/environment,
 * or from what was saved in the UI). One composition root; nothing global.
 */
export async function startAgentProgram(
  config: AgentConfig,
  options: {
    logger?: Logger;
    uiPassword?: string;
    onLinkState?: (s: LinkState) => void;
    agent?: StartAgentOptions;
    /**
     * How the program restarts after a self-update: under a supervisor (systemd, WinSW) it exits
     * and is started again. Absent: the agent updates nothing by itself (tests, the hub's demo).
     */
    selfUpdate?: { supervised: boolean; restart: (why: string) => void };
  } = {},
): Promise<AgentProgram> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'agent' });
  // A CA file that cannot be used stops the agent before it starts anything.
  const trust = await loadHubTrust(config.hubCa, hubCaOrigin);
  if (trust) logger.info({ hubCa: trust.extra }, 'hub link: trusting the CA certificates of the file too');
  const agent = await startAgent(config, { logger, ...options.agent });
  try {
    const secrets = createSecretBox(await loadOrCreateKey(config.dataDir, config.credentialKey));
    const updater = await SelfUpdater.open({
      dataDir: config.dataDir,
      version: agentVersion,
      file: runningBuildFile(),
      ...(agentFlavor === 'linux-x64' ? { flavor: agentFlavor } : {}),
      publicKey: releasePublicKey,
      supervised: options.selfUpdate?.supervised ?? false,
      logger,
      restart: (why) => options.selfUpdate?.restart(why),
      rollbackAfterMs: config.updateRollbackS * 1000,
    });
    if (config.updateMode) await updater.setMode(config.updateMode);
    const link = new LinkController(agent, new HubSettingsFile(config.dataDir, secrets), {
      dataDir: config.dataDir,
      agentVersion,
      logger,
      updater,
      trust,
      ...(options.onLinkState ? { onState: options.onLinkState } : {}),
    });
    const fromConfig =
      config.hubUrl && config.account && config.password
        ? { hubUrl: config.hubUrl, login: config.account, password: config.password }
        : undefined;
    await link.start(fromConfig);
    const { admin, createdPassword } = await LocalAdmin.open(config.dataDir, options.uiPassword);
    const ui = await startAgentUi({
      host: config.uiHost,
      port: config.uiPort,
      agent,
      admin,
      link,
      version: agentVersion,
    });
    return {
      agent,
      ui,
      link,
      ...(createdPassword ? { createdAdminPassword: createdPassword } : {}),
      close: async () => {
        updater.close();
        await ui.close();
        await link.close();
        await agent.close();
      },
    };
  } catch (e) {
    await agent.close();
    throw e;
  }
}
