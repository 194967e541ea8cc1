import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { loadHubConfig, type HubConfig } from '../config.ts';
import { startHub, type RunningHub } from '../main.ts';
import type { DatabaseTarget } from '../db/open-database.ts';
import { tempDir } from './temp-dir.ts';
import { captureMail } from './mail-capture.ts';
import type { Clock } from '../services/context.ts';
import type { ThrottlePolicy } from '../services/auth.service.ts';
import type { StartHubOptions } from '../main.ts';

const testSecretKey = '7e57'.repeat(16);

/**
 * Test hubs run the nightly configuration backup only when a test calls `sweep`, and take no backup
 * before firmware updates (fake agents expect the update as their first command); tests of
 * configuration versions pass their own.
 */
export const testConfigurationTuning: StartHubOptions['configurations'] = {
  tickMs: 0,
  backupBefore: ['loadConfig', 'restoreConfig'],
};

export interface HubUnderTest extends RunningHub {
  /** fetch() against the running hub. */
  get(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts a real hub on 127.0.0.1:0 with an in-memory PGlite (or the given database) and a tiny
 * web folder, unless `webDir` is given.
 */
export async function startHubForTest(
  options: {
    database?: DatabaseTarget;
    webDir?: string;
    config?: Partial<HubConfig>;
    clock?: Clock;
    throttle?: ThrottlePolicy;
    alerts?: StartHubOptions['alerts'];
    jobLeaseMs?: number;
    smsVerification?: StartHubOptions['smsVerification'];
    fileLimits?: StartHubOptions['fileLimits'];
    liveAccessCheckMs?: number;
    campaignTickMs?: number;
    configurations?: StartHubOptions['configurations'];
    collaborateSpace?: StartHubOptions['collaborateSpace'];
  } = {},
): Promise<HubUnderTest> {
  let webDir = options.webDir;
  let cleanup: (() => Promise<void>) | undefined;
  if (!webDir) {
    const dir = await tempDir('cp-web');
    await writeFile(
      join(dir.path, 'index.html'),
      '<!doctype html><title>Crosspoint test shell</title><div id="root"></div>',
    );
    webDir = dir.path;
    cleanup = dir.remove;
  }
  // One key for every test hub: hubs sharing a database (restarts, several hubs) open each other's secrets, and nothing is written to ./data.
  const config = {
    ...loadHubConfig({ port: '0', logLevel: 'silent' }, {}),
    webDir,
    secretKey: testSecretKey,
    ...options.config,
  };
  const hub = await startHub(config, {
    logger: pino({ level: 'silent' }),
    database: options.database ?? { kind: 'pglite', dataDir: null },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
    ...(options.jobLeaseMs ? { jobLeaseMs: options.jobLeaseMs } : {}),
    ...(options.smsVerification ? { smsVerification: options.smsVerification } : {}),
    ...(options.fileLimits ? { fileLimits: options.fileLimits } : {}),
    ...(options.liveAccessCheckMs ? { liveAccessCheckMs: options.liveAccessCheckMs } : {}),
    ...(options.campaignTickMs !== undefined ? { campaignTickMs: options.campaignTickMs } : {}),
    configurations: options.configurations ?? testConfigurationTuning,
    ...(options.collaborateSpace ? { collaborateSpace: options.collaborateSpace } : {}),
  });
  captureMail(hub.services.mail);
  return {
    ...hub,
    get: (path, init) => fetch(`${hub.url}${path}`, init),
    close: async () => {
      await hub.close();
      await cleanup?.();
    },
  };
}
