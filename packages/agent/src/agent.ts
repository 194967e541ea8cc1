import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import { ftpTransfer, type FileTransfer } from './adapters/ftp-transfer.ts';
import { runDeviceCommand } from './commands/run-command.ts';
import { CommandLedger, type JobContext } from './commands/command-ledger.ts';
import type { CommandResult, DeviceCommand, ProgressListener } from './commands/device-command.ts';
import { DeviceError, DeviceErrorCode } from './commands/device-error.ts';
import type { AgentConfig } from './config.ts';
import { createSecretBox, loadOrCreateKey } from './crypto/secret-box.ts';
import { DiscoveryService, type DiscoveryReport } from './discovery/discovery-service.ts';
import type { Candidate, DiscoveryMethod } from './discovery/discovery-method.ts';
import { inSubnet, parseSubnets } from './discovery/subnet.ts';
import { SubnetService, type SubnetState } from './discovery/subnet-service.ts';
import { TcpSweepDiscovery } from './discovery/tcp-sweep.ts';
import { dialTcp, type Dialer } from './drivers/byte-stream.ts';
import { Cp2Driver } from './drivers/cp2/cp2-driver.ts';
import type { DeviceDriver, Fingerprint } from './drivers/device-driver.ts';
import { VideoDriver } from './drivers/video/video-driver.ts';
import { Bma360dDriver } from './drivers/bma360d/bma360d-driver.ts';
import { isAddressId, topologyPath, type InventoryDevice } from './inventory/inventory.ts';
import { DriverRegistry, SessionManager } from './sessions/session-manager.ts';
import { defaultTimings, type DeviceChange, type SessionContext, type SessionTimings } from './sessions/session.ts';
import { StackBoard } from './sessions/stack-board.ts';
import { Ticker } from './sessions/ticker.ts';
import { AgentStore, type DeviceCredentials } from './store/agent-store.ts';
import { SubnetStateFile } from './store/subnet-state-file.ts';

export interface StartAgentOptions {
  logger?: Logger;
  /** Session timings (tests shorten them); keep-alive defaults come from the config. */
  timings?: Partial<SessionTimings>;
  /** Resolution of the shared session clock (default 100 ms). */
  tickMs?: number;
  /** Sweep at start (default true). */
  discoverOnStart?: boolean;
  /** Extra discovery methods beside the TCP sweep (e.g. a broadcast protocol). */
  methods?: DiscoveryMethod[];
  dial?: Dialer;
  transfer?: FileTransfer;
  now?: () => number;
}

/** A device as the agent's API shows it: inventory record plus live status and topology path. */
export interface AgentDevice extends InventoryDevice {
  path: string;
  /** Set while its subnet is disabled: no session, no sweep; `status` is the last one observed. */
  unmonitored?: { cidr: string; since: number };
}

/** A subnet was enabled or disabled; `devices` are the inventory devices on it. */
export interface SubnetChange {
  subnet: SubnetState;
  devices: DeviceId[];
  at: number;
}

export interface Agent {
  /** Every known device (vanished ones included, shown Down), with its current status. */
  inventory(): AgentDevice[];
  device(id: DeviceId): AgentDevice | undefined;
  /** Status/fact changes, as they happen. Returns an unsubscribe function. */
  onChange(listener: (change: DeviceChange) => void): () => void;
  /** Sweeps the enabled subnets now (shares a sweep already running). */
  rediscover(): Promise<DiscoveryReport>;
  /** The configured subnets (--subnets) and whether each is enabled. */
  subnets(): SubnetState[];
  subnetCounts(): { enabled: number; total: number };
  /**
   * Enables or disables a configured subnet (saved in the data dir). Disabling closes the sessions
   * of its devices and stops sweeping it; enabling restarts them and sweeps it at once (`sweep`).
   * Rejects with UnknownSubnetError for a CIDR that is not configured.
   */
  setSubnetEnabled(cidr: string, enabled: boolean): Promise<{ subnet: SubnetState; sweep?: Promise<DiscoveryReport> }>;
  onSubnetChange(listener: (change: SubnetChange) => void): () => void;
  /**
   * Runs a device command; long ones report progress. Rejects with a DeviceError (stable `code`).
   * `job`: the command is a hub job run through `jobs` (it may resume an earlier copy).
   */
  command<C extends DeviceCommand>(deviceId: DeviceId, command: C, onProgress?: ProgressListener, job?: JobContext): Promise<CommandResult<C>>;
  /** Jobs from the hub, by job id: a job sent again joins, answers or resumes the first copy. */
  readonly jobs: CommandLedger;
  /** Tells the agent the login of a device or stack (e.g. after Login Failed); reconnects the sessions concerned. */
  setCredentials(target: { deviceId: DeviceId } | { stack: string } | 'default', credentials: DeviceCredentials): Promise<void>;
  /** The embedded store: buffered observations for the hub link. */
  readonly store: AgentStore;
  /** Number of live device sessions. */
  sessionCount(): number;
  close(): Promise<void>;
}

/**
 * The composition root of the agent's device side: store, credential sealing, drivers, sessions on
 * one shared clock, discovery. Nothing here is a singleton: several agents can run in one process.
 */
export async function startAgent(config: AgentConfig, options: StartAgentOptions = {}): Promise<Agent> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'agent' });
  const now = options.now ?? Date.now;
  const timings: SessionTimings = {
    ...defaultTimings,
    keepAliveMs: config.keepAliveMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    ...options.timings,
  };
  const subnets = config.subnets === undefined ? [] : parseSubnets(config.subnets, config.devicePort);
  const secrets = createSecretBox(await loadOrCreateKey(config.dataDir, config.credentialKey));
  const store = await AgentStore.open({ dir: join(config.dataDir, 'store'), secrets });
  const subnetService = await SubnetService.open(subnets, new SubnetStateFile(config.dataDir, logger), now);
  const monitored = (d: InventoryDevice) => subnetService.disabledSubnetOf(d.host) === undefined;
  const subnetListeners = new Set<(change: SubnetChange) => void>();
  const defaults: DeviceCredentials = { username: config.deviceUsername, password: config.devicePassword };
  const listeners = new Set<(change: DeviceChange) => void>();
  const live = new Map<DeviceId, { status: DeviceStatus; since: number }>();
  const ticker = new Ticker(options.tickMs ?? 100, now);

  const credentialsFor = (device: InventoryDevice): DeviceCredentials =>
    store.credentials(`device:${device.parentId ?? device.id}`) ??
    (device.topology.stack === undefined ? undefined : store.credentials(`stack:${device.topology.stack}`)) ??
    store.credentials('default') ??
    defaults;

  const failures = (what: string) => (e: unknown) => {
    logger.error({ err: e }, `agent store: ${what} failed`);
  };

  const sessionContext: SessionContext = {
    now,
    dial: options.dial ?? dialTcp,
    timings,
    credentialsFor,
    logger,
    stacks: new StackBoard(),
    wake: (member, at) => {
      ticker.schedule(member, at);
    },
    emit: (change) => {
      live.set(change.deviceId, { status: change.status, since: change.since });
      store
        .recordObservation({ at: change.at, deviceId: change.deviceId, status: change.status, since: change.since, changed: change.changed })
        .catch(failures('recording an observation'));
      for (const l of listeners) {
        try {
          l(change);
        } catch (e) {
          logger.warn({ err: e }, 'a change listener threw');
        }
      }
    },
    updateInventory: (devices) => {
      for (const d of devices) {
        const stored = store.device(d.id);
        const current = live.get(d.id);
        const merged = { ...d, firstSeen: stored?.firstSeen ?? d.firstSeen, status: current?.status ?? stored?.status ?? d.status, since: current?.since ?? stored?.since ?? d.since };
        store.upsertDevice(merged).catch(failures('saving a device'));
      }
    },
  };

  const drivers: DeviceDriver[] = [new Cp2Driver(), new VideoDriver(), new Bma360dDriver()];
  const registry = new DriverRegistry(drivers);
  const sessions = new SessionManager(registry, sessionContext, ticker);
  const transfer = options.transfer ?? ftpTransfer(timings.commandTimeoutMs);

  /** Credentials to try at an address: what worked there before, then the defaults, then every stack's. */
  const candidatesCredentials = (candidate: Candidate): DeviceCredentials[] => {
    const known = store.devicesAt(candidate.host, candidate.port).find((d) => !isAddressId(d.id));
    const list = [known ? credentialsFor(known) : undefined, store.credentials('default'), defaults];
    for (const scope of store.credentialScopes()) if (scope.startsWith('stack:')) list.push(store.credentials(scope));
    const seen = new Set<string>();
    return list
      .filter((c): c is DeviceCredentials => {
        if (!c) return false;
        const key = `${c.username}\u0000${c.password}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, 4);
  };

  const accept = async (fingerprint: Fingerprint, candidate: Candidate): Promise<DeviceId[]> => {
    const atAddress = store.devicesAt(candidate.host, candidate.port);
    if (fingerprint.unidentified) {
      // A known box whose login is now refused keeps its identity: its session shows Login Failed.
      const identified = atAddress.find((d) => !isAddressId(d.id));
      if (identified) return [identified.id];
    } else {
      for (const stale of atAddress.filter((d) => isAddressId(d.id))) {
        sessions.stop(stale.id);
        await store.forgetDevice(stale.id);
      }
    }
    const [main] = fingerprint.devices;
    if (fingerprint.credentials && main) await store.setCredentials(`device:${main.id}`, fingerprint.credentials);
    for (const d of fingerprint.devices) {
      const stored = store.device(d.id);
      const moved = stored && stored.parentId === undefined && (stored.host !== d.host || stored.port !== d.port);
      await store.upsertDevice({ ...d, firstSeen: stored?.firstSeen ?? d.firstSeen, status: live.get(d.id)?.status ?? stored?.status ?? d.status, since: live.get(d.id)?.since ?? stored?.since ?? d.since, missing: false });
      if (moved) sessions.stop(d.id);
      // Found by a sweep that was running when its subnet was disabled: known, but left alone.
      if (monitored(d)) sessions.ensure({ ...d });
    }
    return fingerprint.devices.map((d) => d.id);
  };

  const extraPorts = [
    ...(config.micPort > 0 ? [{ port: config.micPort, family: 'bma360d' as const }] : []),
    ...(config.videoPort > 0 ? [{ port: config.videoPort, family: 'video' as const }] : []),
  ];
  const discovery = new DiscoveryService({
    subnets: () => subnetService.enabled(),
    methods: [new TcpSweepDiscovery({ concurrency: config.discoveryConcurrency, connectTimeoutMs: timings.connectTimeoutMs, extraPorts }), ...(options.methods ?? [])],
    drivers: registry,
    session: sessionContext,
    serverName: config.serverName,
    concurrency: Math.max(1, Math.min(64, config.discoveryConcurrency)),
    devices: () => store.devices(),
    isLive: (host, port) => sessions.isLive(host, port),
    credentialsToTry: candidatesCredentials,
    accept,
    markMissing: async (ids, missing) => {
      for (const id of ids) {
        const d = store.device(id);
        if (d) await store.upsertDevice({ ...d, missing });
      }
    },
    logger,
  });

  // Everything the store knows gets a session at once: a restart loses nothing, vanished devices show
  // Down. Devices of a disabled subnet get none.
  for (const device of store.devices()) if (monitored(device)) sessions.ensure(device);
  discovery.schedule(config.discoveryIntervalS * 1000);
  if (options.discoverOnStart !== false && subnetService.enabled().length > 0) {
    discovery.run().catch((e: unknown) => {
      logger.warn({ err: e }, 'discovery at start failed');
    });
  }

  const view = (d: InventoryDevice): AgentDevice => {
    const current = live.get(d.id);
    const off = subnetService.disabledSubnetOf(d.host);
    return {
      ...d,
      status: current?.status ?? d.status,
      since: current?.since ?? d.since,
      path: topologyPath(d.topology),
      ...(off ? { unmonitored: { cidr: off.spec.cidr, since: off.disabledSince ?? 0 } } : {}),
    };
  };

  const setSubnetEnabled: Agent['setSubnetEnabled'] = async (cidr, enabled) => {
    const { subnet, changed } = await subnetService.setEnabled(cidr, enabled);
    if (!changed) return { subnet };
    const onSubnet = store.devices().filter((d) => inSubnet(d.host, subnet.spec));
    for (const d of onSubnet) {
      if (enabled) sessions.ensure(d);
      else sessions.stop(d.id);
    }
    const change: SubnetChange = { subnet, devices: onSubnet.map((d) => d.id), at: now() };
    for (const l of subnetListeners) {
      try {
        l(change);
      } catch (e) {
        logger.warn({ err: e }, 'a subnet listener threw');
      }
    }
    logger.info({ cidr, enabled, devices: onSubnet.length }, enabled ? 'subnet enabled' : 'subnet disabled');
    return enabled ? { subnet, sweep: discovery.sweepNow([subnet.spec]) } : { subnet };
  };

  const rememberStackCredentials = async (stack: string, credentials: DeviceCredentials): Promise<void> => {
    await store.setCredentials(`stack:${stack}`, credentials);
    for (const d of store.devices()) if (d.topology.stack === stack && store.credentials(`device:${d.id}`)) await store.clearCredentials(`device:${d.id}`);
  };

  const jobs = new CommandLedger(store, now, config.maxConcurrentJobs);
  let closed = false;
  return {
    store,
    jobs,
    inventory: () => store.devices().map(view),
    device: (id) => {
      const d = store.device(id);
      return d ? view(d) : undefined;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rediscover: () => discovery.run(),
    subnets: () => subnetService.list(),
    subnetCounts: () => subnetService.counts(),
    setSubnetEnabled,
    onSubnetChange(listener) {
      subnetListeners.add(listener);
      return () => subnetListeners.delete(listener);
    },
    async command(deviceId, command, onProgress, job) {
      const device = store.device(deviceId);
      if (!device) throw new DeviceError(DeviceErrorCode.NotFound, `No device ${deviceId} in this agent's inventory.`);
      const off = subnetService.disabledSubnetOf(device.host);
      if (off) throw new DeviceError(DeviceErrorCode.Unreachable, `${device.name} is on subnet ${off.spec.cidr}, which is disabled on this agent; enable it to reach the device.`);
      const session = sessions.sessionOf(device);
      if (!session) throw new DeviceError(DeviceErrorCode.Unsupported, `No driver can run commands on ${device.family} devices.`);
      return runDeviceCommand(session, device, command, {
        transfer,
        ftpPort: config.ftpPort,
        credentialsFor,
        backupsDir: join(config.dataDir, 'backups'),
        commandTimeoutMs: timings.commandTimeoutMs,
        jobTimeoutMs: timings.restartTimeoutMs,
        now,
        ...(job ? { job } : {}),
        rememberStackCredentials,
        stackReconfigured: async (stack, settings) => {
          const { stackName = stack, username, password } = settings;
          if (username !== undefined && password !== undefined) {
            await rememberStackCredentials(stackName, { username, password });
            if (stackName !== stack) await rememberStackCredentials(stack, { username, password });
          }
          // Re-read every box of the stack: new name, new login, new settings.
          for (const s of sessions.all()) if (store.device(s.deviceId)?.topology.stack === stack) s.reconnect();
        },
      }, onProgress) as Promise<CommandResult<typeof command>>;
    },
    async setCredentials(target, credentials) {
      const scope = target === 'default' ? 'default' : 'deviceId' in target ? `device:${target.deviceId}` : `stack:${target.stack}`;
      await store.setCredentials(scope, credentials);
      for (const s of sessions.all()) {
        const d = store.device(s.deviceId);
        if (!d) continue;
        if (target === 'default' || ('deviceId' in target ? d.id === target.deviceId : d.topology.stack === target.stack)) s.reconnect();
      }
    },
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
