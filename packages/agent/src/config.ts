import { hostname } from 'node:os';
import { Type, type Static } from 'typebox';
import {
  agentUpdateModes,
  LogLevelSetting,
  SettingsError,
  defaultCredentials,
  readProgramSettings,
} from '@crosspoint/protocol';
import { parseSubnets } from './discovery/subnet.ts';

const Port = (defaultPort: number, minimum = 1) =>
  Type.Integer({ minimum, maximum: 65535, default: defaultPort });

/** Settings of the agent program. The only reader of the environment for the agent. */
export const AgentConfigSchema = Type.Object({
  dataDir: Type.String({ default: './agent-data', minLength: 1 }),
  uiHost: Type.String({ default: '127.0.0.1', minLength: 1 }),
  uiPort: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
  /** One hub URL, or several comma-separated: the link fails over between them. */
  hubUrl: Type.Optional(
    Type.String({ pattern: '^(http|https|ws|wss)://[^,\\s]+(\\s*,\\s*(http|https|ws|wss)://[^,\\s]+)*$' }),
  ),
  /** PEM file of the CA(s) a TLS hub's certificate chains to, when not a public one (private or self-signed). */
  hubCa: Type.Optional(Type.String({ minLength: 1 })),
  account: Type.Optional(Type.String({ minLength: 1 })),
  password: Type.Optional(Type.String({ minLength: 1 })),
  /** `CIDR[:port][@interface]`, comma-separated; the port defaults to `devicePort`. */
  subnets: Type.Optional(Type.String({ minLength: 1 })),
  /** Name of this server in the topology (Server › Subnet › Stack …). */
  serverName: Type.String({ minLength: 1, default: hostname() }),
  /** Telnet port of CONVERGE Pro 2 / Huddle boxes where a subnet names none (23 on real devices). */
  devicePort: Port(23),
  /** FTP port of the boxes (firmware, configuration, logs). */
  ftpPort: Port(21),
  /** BMA 360D raw TCP port swept on every host; 0 = do not look for them. */
  micPort: Port(3603, 0),
  /** COLLABORATE Live HTTP status port swept on every host; 0 = do not look for them. */
  videoPort: Port(8080, 0),
  /** Credentials tried on devices the agent has none stored for (factory default clearone/converge). */
  deviceUsername: Type.String({ minLength: 1, default: defaultCredentials.username }),
  devicePassword: Type.String({ minLength: 1, default: defaultCredentials.password }),
  /** AES-256 key sealing stored device credentials (64 hex digits or base64); default: `credential.key` in the data dir. */
  credentialKey: Type.Optional(Type.String({ minLength: 32 })),
  /** Seconds between scheduled discovery sweeps; 0 = only at start and on demand. */
  discoveryIntervalS: Type.Integer({ minimum: 0, default: 300 }),
  /** Connects in flight during a sweep. */
  discoveryConcurrency: Type.Integer({ minimum: 1, maximum: 4096, default: 128 }),
  /** Keep-alive after this much silence from a device, and how long it may stay unanswered. */
  keepAliveMs: Type.Integer({ minimum: 50, default: 1000 }),
  keepAliveTimeoutMs: Type.Integer({ minimum: 50, default: 1500 }),
  /** Long device jobs (firmware, configuration, restart, transfers) run at once on this agent, whatever hubs ask. */
  maxConcurrentJobs: Type.Integer({ minimum: 1, maximum: 256, default: 8 }),
  /** Take new builds from the hub by itself or only when asked (saved; also set in the web UI). */
  updateMode: Type.Optional(Type.Enum(agentUpdateModes)),
  /** Seconds a new build has to link to the hub before the previous one comes back. */
  updateRollbackS: Type.Integer({ minimum: 5, maximum: 86_400, default: 180 }),
  /** A supervisor (WinSW, a process manager) starts the agent again when it exits: self-updates may restart it. */
  supervised: Type.Boolean({ default: false }),
  /** Set by systemd for a service it runs (so the agent knows it is supervised). */
  systemdInvocation: Type.Optional(Type.String()),
  logLevel: LogLevelSetting,
});
export type AgentConfig = Static<typeof AgentConfigSchema>;

export type AgentFlags = { [K in keyof AgentConfig]?: string | undefined };

export const agentEnvVars = {
  dataDir: 'CROSSPOINT_AGENT_DATA_DIR',
  uiHost: 'CROSSPOINT_AGENT_UI_HOST',
  uiPort: 'CROSSPOINT_AGENT_UI_PORT',
  hubUrl: 'CROSSPOINT_HUB_URL',
  hubCa: 'CROSSPOINT_HUB_CA',
  account: 'CROSSPOINT_AGENT_ACCOUNT',
  password: 'CROSSPOINT_AGENT_PASSWORD',
  subnets: 'CROSSPOINT_AGENT_SUBNETS',
  serverName: 'CROSSPOINT_AGENT_SERVER_NAME',
  devicePort: 'CROSSPOINT_AGENT_DEVICE_PORT',
  ftpPort: 'CROSSPOINT_AGENT_FTP_PORT',
  micPort: 'CROSSPOINT_AGENT_MIC_PORT',
  videoPort: 'CROSSPOINT_AGENT_VIDEO_PORT',
  deviceUsername: 'CROSSPOINT_AGENT_DEVICE_USERNAME',
  devicePassword: 'CROSSPOINT_AGENT_DEVICE_PASSWORD',
  credentialKey: 'CROSSPOINT_AGENT_CREDENTIAL_KEY',
  discoveryIntervalS: 'CROSSPOINT_AGENT_DISCOVERY_INTERVAL_S',
  discoveryConcurrency: 'CROSSPOINT_AGENT_DISCOVERY_CONCURRENCY',
  keepAliveMs: 'CROSSPOINT_AGENT_KEEPALIVE_MS',
  keepAliveTimeoutMs: 'CROSSPOINT_AGENT_KEEPALIVE_TIMEOUT_MS',
  maxConcurrentJobs: 'CROSSPOINT_AGENT_MAX_CONCURRENT_JOBS',
  updateMode: 'CROSSPOINT_AGENT_UPDATE_MODE',
  updateRollbackS: 'CROSSPOINT_AGENT_UPDATE_ROLLBACK_S',
  supervised: 'CROSSPOINT_AGENT_SUPERVISED',
  systemdInvocation: 'INVOCATION_ID',
  logLevel: 'CROSSPOINT_LOG_LEVEL',
} as const satisfies Record<keyof AgentConfig, string>;

/** Flags win over the environment; defaults fill the rest. Throws SettingsError listing every problem. */
export function loadAgentConfig(flags: AgentFlags = {}, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const config = readProgramSettings(AgentConfigSchema, agentEnvVars, flags, env);
  if (config.subnets !== undefined) {
    try {
      parseSubnets(config.subnets, config.devicePort);
    } catch (e) {
      const origin = flags.subnets !== undefined ? '--subnets' : agentEnvVars.subnets;
      throw new SettingsError([`${origin}: ${(e as Error).message}`]);
    }
  }
  return config;
}

/** How a problem with the CA file names the setting. */
export const hubCaOrigin = `--hub-ca (${agentEnvVars.hubCa})`;
