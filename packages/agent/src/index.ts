export {
  loadAgentConfig,
  agentEnvVars,
  AgentConfigSchema,
  type AgentConfig,
  type AgentFlags,
} from './config.ts';
export { startAgent } from './agent.ts';
export type { Agent, StartAgentOptions } from './agent-api.ts';
export type { AgentDevice } from './inventory/live-inventory.ts';
export type { SubnetChange } from './discovery/monitored-subnets.ts';
export type { DeviceChange, SessionTimings } from './sessions/session.ts';
export { defaultTimings } from './sessions/session.ts';
export type { DiscoveryReport, SubnetReport, SubnetSweep } from './discovery/discovery-service.ts';
export type { DiscoveryMethod, Candidate } from './discovery/discovery-method.ts';
export { parseSubnets, type SubnetSpec } from './discovery/subnet.ts';
export { UnknownSubnetError, type SubnetState } from './discovery/subnet-service.ts';
export type {
  DeviceCommand,
  CommandResult,
  CommandResults,
  CommandProgress,
  ProgressListener,
} from './commands/device-command.ts';
export { DeviceError, DeviceErrorCode, isDeviceError } from './commands/device-error.ts';
export { topologyPath, type InventoryDevice, type Topology } from './inventory/inventory.ts';
export type { AgentStore, Observation, DeviceCredentials } from './store/agent-store.ts';
export type { Dialer, ByteStream } from './drivers/byte-stream.ts';
export type { FileTransfer, FtpTarget } from './adapters/ftp-transfer.ts';
export { connectAgentToHub, type HubConnection } from './link/connect.ts';
export { startHubLink, type HubLink, type LinkState, type LinkSource } from './link/hub-link.ts';
export { LinkBuffer } from './link/link-buffer.ts';
export { fetchTrusting, loadHubTrust, tlsProblem, type HubTrust } from './link/hub-trust.ts';
export { toLinkDevice } from './link/link-device.ts';
export { startAgentProgram, agentVersion, type AgentProgram } from './program.ts';
export { agentFlavor, isSupervised, type AgentFlavor } from './update/release-key.ts';
export {
  SelfUpdater,
  restartExitCode,
  type SelfUpdaterOptions,
  type UpdateChannel,
} from './update/self-update.ts';
export {
  systemdUnit,
  invalidServiceSettings,
  defaultServiceSettings,
  type ServiceSettings,
} from './service/systemd-unit.ts';
export {
  ServiceInstaller,
  ServiceSetupError,
  execRunner,
  type SystemRunner,
  type CommandOutcome,
} from './service/service-installer.ts';
