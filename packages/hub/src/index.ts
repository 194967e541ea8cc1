export { loadHubConfig, hubEnvVars, HubConfigSchema, type HubConfig, type HubFlags } from './config.ts';
export { startHub, databaseTarget, defaultWebDir, type RunningHub, type StartHubOptions } from './main.ts';
export { openDatabase, migrationsFolder, type Database, type DatabaseTarget } from './db/open-database.ts';
export { DataDirLockedError } from './db/data-dir-lock.ts';
export { hubVersion } from './version.ts';
export { composeServices, type HubServices } from './compose-services.ts';
export { demoAccounts } from './services/bootstrap.service.ts';
export { cliActor } from './services/context.ts';
export { ServiceError } from './services/service-error.ts';
