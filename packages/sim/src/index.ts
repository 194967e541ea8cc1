export { loadSimConfig, simEnvVars, SimConfigSchema, type SimConfig, type SimFlags } from './config.ts';
