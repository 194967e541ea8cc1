export { loadAgentConfig, agentEnvVars, AgentConfigSchema, type AgentConfig, type AgentFlags } from './config.ts';
