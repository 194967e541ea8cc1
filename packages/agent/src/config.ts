import { Type, type Static } from 'typebox';
import { LogLevelSetting, readProgramSettings } from '@crosspoint/protocol';

/** Settings of the agent program. The only reader of the environment for the agent. */
export const AgentConfigSchema = Type.Object({
  dataDir: Type.String({ default: './agent-data', minLength: 1 }),
  uiHost: Type.String({ default: '127.0.0.1', minLength: 1 }),
  uiPort: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
  hubUrl: Type.Optional(Type.String({ pattern: '^(http|https|ws|wss)://' })),
  account: Type.Optional(Type.String({ minLength: 1 })),
  password: Type.Optional(Type.String({ minLength: 1 })),
  subnets: Type.Optional(Type.String({ minLength: 1 })),
  logLevel: LogLevelSetting,
});
export type AgentConfig = Static<typeof AgentConfigSchema>;

export interface AgentFlags {
  dataDir?: string | undefined;
  uiHost?: string | undefined;
  uiPort?: string | undefined;
  hubUrl?: string | undefined;
  account?: string | undefined;
  password?: string | undefined;
  subnets?: string | undefined;
  logLevel?: string | undefined;
}

export const agentEnvVars = {
  dataDir: 'CROSSPOINT_AGENT_DATA_DIR',
  uiHost: 'CROSSPOINT_AGENT_UI_HOST',
  uiPort: 'CROSSPOINT_AGENT_UI_PORT',
  hubUrl: 'CROSSPOINT_HUB_URL',
  account: 'CROSSPOINT_AGENT_ACCOUNT',
  password: 'CROSSPOINT_AGENT_PASSWORD',
  subnets: 'CROSSPOINT_AGENT_SUBNETS',
  logLevel: 'CROSSPOINT_LOG_LEVEL',
} as const satisfies Record<keyof AgentConfig, string>;

/** Flags win over the environment; defaults fill the rest. Throws SettingsError listing every problem. */
export function loadAgentConfig(flags: AgentFlags = {}, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  return readProgramSettings(AgentConfigSchema, agentEnvVars, flags, env);
}
