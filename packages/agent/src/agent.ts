import { join } from 'node:path';
import pino from 'pino';
import { ftpTransfer } from './adapters/ftp-transfer.ts';
import type { DeviceId } from '@crosspoint/protocol';
import type { Agent, StartAgentOptions } from './agent-api.ts';
import { CommandDispatch } from './commands/command-dispatch.ts';
import { CommandLedger } from './commands/command-ledger.ts';
import type { AgentConfig } from './config.ts';
import { LoginBook } from './credentials/login-book.ts';
import { LoginChanges } from './credentials/login-changes.ts';
import { createSecretBox, loadOrCreateKey } from './crypto/secret-box.ts';
import { DiscoveryService } from './discovery/discovery-service.ts';
import { FingerprintIntake } from './discovery/fingerprint-intake.ts';
import { MonitoredSubnets } from './discovery/monitored-subnets.ts';
import { parseSubnets } from './discovery/subnet.ts';
import { SubnetService } from './discovery/subnet-service.ts';
import { sweepExtraPorts, TcpSweepDiscovery } from './discovery/tcp-sweep.ts';
import { Bma360dDriver } from './drivers/bma360d/bma360d-driver.ts';
import { dialTcp } from './drivers/byte-stream.ts';
import { Cp2Driver } from './drivers/cp2/cp2-driver.ts';
import { VideoDriver } from './drivers/video/video-driver.ts';
import { LiveInventory } from './inventory/live-inventory.ts';
import { DriverRegistry, SessionManager } from './sessions/session-manager.ts';
import { sessionTimings, type SessionContext } from './sessions/session.ts';
import { StackBoard } from './sessions/stack-board.ts';
import { Ticker } from './sessions/ticker.ts';
import { AgentStore } from './store/agent-store.ts';
import { SubnetStateFile } from './store/subnet-state-file.ts';

/**
 * The composition root of the agent's device side: store, credential sealing, drivers, sessions on
 * one shared clock, discovery, command dispatch. It constructs and wires; the logic lives in the
 * parts. Nothing here is a singleton: several agents can run in one process.
 */
export async function startAgent(config: AgentConfig, options: StartAgentOptions = {}): Promise<Agent> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'agent' });
  const now = options.now ?? Date.now;
  const timings = sessionTimings(config, options.timings);
  const secrets = createSecretBox(await loadOrCreateKey(config.dataDir, config.credentialKey));
  const store = await AgentStore.open({ dir: join(config.dataDir, 'store'), secrets });
  const specs = config.subnets === undefined ? [] : parseSubnets(config.subnets, config.devicePort);
  const subnets = await SubnetService.open(specs, new SubnetStateFile(config.dataDir, logger), now);
  const inventory = new LiveInventory(store, subnets, logger);
  const ticker = new Ticker(options.tickMs ?? 100, now);
  const registry = new DriverRegistry([new Cp2Driver(), new VideoDriver(), new Bma360dDriver()]);
  const logins = new LoginBook(store, { username: config.deviceUsername, password: config.devicePassword });

  // Configuration changes come in bursts (a fader moved is many level lines): each device's is told
  // once things are quiet for a moment.
  const configListeners = new Set<(deviceId: DeviceId) => void>();
  const configQuiet = new Map<DeviceId, NodeJS.Timeout>();
  const configChanged = (deviceId: DeviceId) => {
    clearTimeout(configQuiet.get(deviceId));
    const timer = setTimeout(() => {
      configQuiet.delete(deviceId);
      for (const l of configListeners) l(deviceId);
    }, options.configQuietMs ?? 2000);
    timer.unref();
    configQuiet.set(deviceId, timer);
  };
  const sessionContext: SessionContext = {
    configChanged,
    now,
    dial: options.dial ?? dialTcp,
    timings,
    credentialsFor: (device) => logins.for(device),
    logger,
    stacks: new StackBoard(),
    wake: (member, at) => ticker.schedule(member, at),
    emit: (change) => inventory.observe(change),
    updateInventory: (devices) => inventory.learn(devices),
  };
  const sessions = new SessionManager(registry, sessionContext, ticker);
  const loginChanges = new LoginChanges(store, sessions);

  const intake = new FingerprintIntake(store, inventory, sessions, subnets);
  const discovery = new DiscoveryService({
    subnets: () => subnets.enabled(),
    methods: [
      new TcpSweepDiscovery({
        concurrency: config.discoveryConcurrency,
        connectTimeoutMs: timings.connectTimeoutMs,
        extraPorts: sweepExtraPorts(config),
      }),
      ...(options.methods ?? []),
    ],
    drivers: registry,
    session: sessionContext,
    serverName: config.serverName,
    concurrency: Math.max(1, Math.min(64, config.discoveryConcurrency)),
    devices: () => store.devices(),
    isLive: (host, port) => sessions.isLive(host, port),
    credentialsToTry: (candidate) => logins.toTry(candidate),
    accept: (fingerprint, candidate) => intake.accept(fingerprint, candidate),
    markMissing: (ids, missing) => intake.markMissing(ids, missing),
    logger,
  });
  const monitored = new MonitoredSubnets(subnets, store, sessions, discovery, logger, now);
  const commands = new CommandDispatch(store, subnets, sessions, {
    transfer: options.transfer ?? ftpTransfer(timings.commandTimeoutMs),
    ftpPort: config.ftpPort,
    credentialsFor: (device) => logins.for(device),
    backupsDir: join(config.dataDir, 'backups'),
    commandTimeoutMs: timings.commandTimeoutMs,
    jobTimeoutMs: timings.restartTimeoutMs,
    now,
    rememberStackCredentials: (stack, credentials) => loginChanges.rememberStack(stack, credentials),
    stackReconfigured: (stack, settings) => loginChanges.stackReconfigured(stack, settings),
  });

  monitored.resume();
  discovery.schedule(config.discoveryIntervalS * 1000);
  if (options.discoverOnStart !== false && subnets.enabled().length > 0) {
    discovery.run().catch((e: unknown) => {
      logger.warn({ err: e }, 'discovery at start failed');
    });
  }

  let closed = false;
  return {
    store,
    jobs: new CommandLedger(store, now, config.maxConcurrentJobs),
    inventory: () => inventory.list(),
    device: (id) => inventory.get(id),
    onChange: (listener) => inventory.changes.add(listener),
    onConfigChange: (listener) => {
      configListeners.add(listener);
      return () => configListeners.delete(listener);
    },
    rediscover: () => discovery.run(),
    subnets: () => subnets.list(),
    subnetCounts: () => subnets.counts(),
    sweeps: () => discovery.sweeps(subnets.enabled()),
    setSubnetEnabled: (cidr, enabled) => monitored.setEnabled(cidr, enabled),
    onSubnetChange: (listener) => monitored.changes.add(listener),
    command: (deviceId, command, onProgress, job) => commands.run(deviceId, command, onProgress, job),
    setCredentials: (target, credentials) => loginChanges.set(target, credentials),
    sessionCount: () => sessions.size,
    async close() {
      if (closed) return;
      closed = true;
      await discovery.close();
      sessions.closeAll();
      ticker.close();
      await store.compact();
      await store.close();
    },
  };
}
