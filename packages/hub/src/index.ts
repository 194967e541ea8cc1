export {
  loadHubConfig,
  plainHttp,
  hubEnvVars,
  HubConfigSchema,
  type HubConfig,
  type HubFlags,
} from './config.ts';
export { startHub, databaseTarget, defaultWebDir, type RunningHub, type StartHubOptions } from './main.ts';
export { openDatabase, migrationsFolder, type Database, type DatabaseTarget } from './db/open-database.ts';
export { DataDirLockedError } from './db/data-dir-lock.ts';
export { hubVersion } from './version.ts';
export { TlsFilesError, type CertificateSummary } from './http/tls-certificates.ts';
export type { TlsReloader, TlsReloadOutcome } from './http/tls-reloader.ts';
export { composeServices, type HubServices } from './compose-services.ts';
export { demoAccounts } from './services/bootstrap.service.ts';
export { demoClients, roomToken, type DemoClientSpec } from './services/demo-business.ts';
export { cliActor } from './services/context.ts';
export { type WrittenMail } from './services/mail.service.ts';
export { ServiceError } from './services/service-error.ts';
export { generateLicenseKeys, signLicenseText } from './adapters/license-signature.ts';
export { createMemoryBus } from './bus/memory-bus.ts';
export { openSealer } from './adapters/sealer.ts';
