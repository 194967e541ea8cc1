import { Type, type Static } from 'typebox';
import { LogLevelSetting, readProgramSettings } from '@crosspoint/protocol';

/** Settings of the simulator program. The only reader of the environment for the sim. */
export const SimConfigSchema = Type.Object({
  site: Type.Optional(Type.String({ minLength: 1 })),
  generate: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
  seed: Type.Integer({ default: 1 }),
  controlHost: Type.String({ default: '127.0.0.1', pattern: '^127\\.' }),
  controlPort: Type.Integer({ minimum: 0, maximum: 65535, default: 7070 }),
  logLevel: LogLevelSetting,
});
export type SimConfig = Static<typeof SimConfigSchema>;

export interface SimFlags {
  site?: string | undefined;
  generate?: string | undefined;
  seed?: string | undefined;
  controlHost?: string | undefined;
  controlPort?: string | undefined;
  logLevel?: string | undefined;
}

export const simEnvVars = {
  site: 'CROSSPOINT_SIM_SITE',
  generate: 'CROSSPOINT_SIM_GENERATE',
  seed: 'CROSSPOINT_SIM_SEED',
  controlHost: 'CROSSPOINT_SIM_CONTROL_HOST',
  controlPort: 'CROSSPOINT_SIM_CONTROL_PORT',
  logLevel: 'CROSSPOINT_LOG_LEVEL',
} as const satisfies Record<keyof SimConfig, string>;

/** Flags win over the environment; defaults fill the rest. Throws SettingsError listing every problem. */
export function loadSimConfig(flags: SimFlags = {}, env: NodeJS.ProcessEnv = process.env): SimConfig {
  return readProgramSettings(SimConfigSchema, simEnvVars, flags, env);
}
