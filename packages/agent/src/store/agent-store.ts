import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import type { SecretBox } from '../crypto/secret-box.ts';
import { isAddressId, type InventoryDevice } from '../inventory/inventory.ts';
import { Journal, type JournalOpenReport } from './journal.ts';
import type { CommandEntry, CommandJournal } from '../commands/command-ledger.ts';

export interface DeviceCredentials {
  username: string;
  password: string;
}

/** A status change kept for the hub link: replayed in order once a hub is reachable. */
export interface Observation {
  seq: number;
  /** When the agent observed the change (ms since the epoch). */
  at: number;
  deviceId: DeviceId;
  status: DeviceStatus;
  since: number;
  /** The facts that changed, by name. */
  changed: Record<string, unknown>;
}

interface StoreState {
  devices: Record<string, InventoryDevice>;
  /** Sealed credentials by scope (`default`, `stack:<name>`, `device:<id>`); null once cleared. */
  credentials: Record<string, string | null>;
  observations: Observation[];
  nextSeq: number;
  ackedSeq: number;
  droppedObservations: number;
  /** Commands from the hub by job id (absent in stores written before they were kept). */
  commands?: Record<string, CommandEntry>;
}

type StoreRecord =
  | { t: 'device'; d: InventoryDevice }
  | { t: 'cred'; scope: string; sealed: string | null }
  | { t: 'obs'; o: Observation }
  | { t: 'ack'; upTo: number }
  | { t: 'forget'; id: string }
  | { t: 'cmd'; c: CommandEntry };

export interface AgentStoreOptions {
  dir: string;
  secrets: SecretBox;
  /** Observations kept for the hub link; the oldest are dropped (and counted) beyond this. */
  maxObservations?: number;
  compactEvery?: number;
}

/**
 * The agent's embedded store: inventory, device credentials (sealed), and observations buffered
 * for the hub link. Every change is journaled and fsync'd before its promise resolves, so an agent
 * restart loses nothing it acknowledged.
 */
export class AgentStore implements CommandJournal {
  /** Devices reached directly (not through a host) by `host:port`: discovery asks per answering address. */
  private readonly byAddress = new Map<string, Set<DeviceId>>();

  private constructor(
    private readonly journal: Journal<StoreState, StoreRecord>,
    private readonly secrets: SecretBox,
  ) {
    for (const d of Object.values(journal.state.devices)) this.index(d);
  }

  private index(d: InventoryDevice): void {
    if (d.parentId !== undefined) return;
    const key = `${d.host}:${d.port}`;
    let ids = this.byAddress.get(key);
    if (!ids) this.byAddress.set(key, (ids = new Set()));
    ids.add(d.id);
  }

  private unindex(d: InventoryDevice | undefined): void {
    if (d) this.byAddress.get(`${d.host}:${d.port}`)?.delete(d.id);
  }

  /** Directly reached devices recorded at this address (normally one; a placeholder may sit beside it). */
  devicesAt(host: string, port: number): InventoryDevice[] {
    const ids = this.byAddress.get(`${host}:${port}`);
    return ids ? [...ids].flatMap((id) => this.journal.state.devices[id] ?? []) : [];
  }

  /** Scopes that hold credentials (`default`, `stack:<name>`, `device:<id>`). */
  credentialScopes(): string[] {
    return Object.entries(this.journal.state.credentials).flatMap(([scope, sealed]) =>
      sealed === null ? [] : [scope],
    );
  }

  static async open(options: AgentStoreOptions): Promise<AgentStore> {
    const max = options.maxObservations ?? 50_000;
    const journal = await Journal.open<StoreState, StoreRecord>({
      dir: options.dir,
      name: 'agent',
      compactEvery: options.compactEvery,
      empty: () => ({
        devices: {},
        credentials: {},
        observations: [],
        nextSeq: 1,
        ackedSeq: 0,
        droppedObservations: 0,
      }),
      apply: (state, record) => {
        applyRecord(state, record, max);
      },
    });
    return new AgentStore(journal, options.secrets);
  }

  get openReport(): JournalOpenReport {
    return this.journal.report;
  }

  devices(): InventoryDevice[] {
    return Object.values(this.journal.state.devices);
  }

  device(id: DeviceId): InventoryDevice | undefined {
    return this.journal.state.devices[id];
  }

  upsertDevice(device: InventoryDevice): Promise<void> {
    this.unindex(this.journal.state.devices[device.id]);
    this.index(device);
    return this.journal.append({ t: 'device', d: device });
  }

  /**
   * Forgets an address-keyed placeholder (a device that answered but was never identified) once the
   * real device behind it is known. Identified devices are never forgotten.
   */
  forgetDevice(id: DeviceId): Promise<void> {
    if (!isAddressId(id))
      return Promise.reject(new Error(`Only unidentified placeholders may be forgotten (${id}).`));
    this.unindex(this.journal.state.devices[id]);
    return this.journal.append({ t: 'forget', id });
  }

  setCredentials(scope: string, credentials: DeviceCredentials): Promise<void> {
    const sealed = this.secrets.seal(JSON.stringify(credentials), scope);
    return this.journal.append({ t: 'cred', scope, sealed });
  }

  clearCredentials(scope: string): Promise<void> {
    return this.journal.append({ t: 'cred', scope, sealed: null });
  }

  credentials(scope: string): DeviceCredentials | undefined {
    const sealed = this.journal.state.credentials[scope];
    return sealed === undefined || sealed === null
      ? undefined
      : (JSON.parse(this.secrets.open(sealed, scope)) as DeviceCredentials);
  }

  /** Buffers a status change for the hub link and records it on the device. */
  recordObservation(o: Omit<Observation, 'seq'>): Promise<Observation> {
    // Spelled out rather than `{ ...o, seq }`: every spread copy got a hidden class of its own
    // (~280 bytes each, and up to 50,000 are kept while no hub acknowledges them).
    const observation: Observation = {
      seq: this.journal.state.nextSeq,
      at: o.at,
      deviceId: o.deviceId,
      status: o.status,
      since: o.since,
      changed: o.changed,
    };
    return this.journal.append({ t: 'obs', o: observation }).then(() => observation);
  }

  /** Observations not yet acknowledged by a hub, oldest first. */
  pendingObservations(limit = Number.POSITIVE_INFINITY): Observation[] {
    const { observations, ackedSeq } = this.journal.state;
    return observations.filter((o) => o.seq > ackedSeq).slice(0, limit);
  }

  /** The hub has stored everything up to `seq`: those observations may go. */
  acknowledgeObservations(upTo: number): Promise<void> {
    return this.journal.append({ t: 'ack', upTo });
  }

  get droppedObservations(): number {
    return this.journal.state.droppedObservations;
  }

  commandEntry(id: string): CommandEntry | undefined {
    return this.journal.state.commands?.[id];
  }

  /** Keeps (or updates) what the agent knows of a command from the hub. */
  recordCommand(entry: CommandEntry): Promise<void> {
    return this.journal.append({ t: 'cmd', c: entry });
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  compact(): Promise<void> {
    return this.journal.compact();
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

/** Idempotent: replaying a record already reflected in the snapshot changes nothing. */
function applyRecord(state: StoreState, record: StoreRecord, maxObservations: number): void {
  switch (record.t) {
    case 'device':
      state.devices[record.d.id] = { ...record.d, topology: { ...record.d.topology } };
      return;
    case 'cred':
      state.credentials[record.scope] = record.sealed;
      return;
    case 'obs': {
      const o = record.o;
      if (o.seq < state.nextSeq) return;
      state.nextSeq = o.seq + 1;
      state.observations.push(o);
      const device = state.devices[o.deviceId];
      if (device) {
        device.status = o.status;
        device.since = o.since;
      }
      const excess = state.observations.length - maxObservations;
      if (excess > 0) {
        state.observations.splice(0, excess);
        state.droppedObservations += excess;
      }
      return;
    }
    case 'forget':
      Reflect.deleteProperty(state.devices, record.id);
      return;
    case 'cmd':
      keepCommand((state.commands ??= {}), record.c);
      return;
    case 'ack':
      state.ackedSeq = Math.max(state.ackedSeq, record.upTo);
      state.observations = state.observations.filter((x) => x.seq > state.ackedSeq);
      return;
  }
}

/** Ended commands are kept two days (longer than any job's deadline), at most `maxEndedCommands`. */
const endedCommandMs = 48 * 3600_000;
const maxEndedCommands = 2000;

function keepCommand(commands: Record<string, CommandEntry>, entry: CommandEntry): void {
  commands[entry.id] = entry;
  const ended = Object.values(commands).filter((c) => c.finishedAt !== undefined);
  if (
    ended.length <= maxEndedCommands &&
    !ended.some((c) => (c.finishedAt ?? 0) < entry.startedAt - endedCommandMs)
  )
    return;
  ended.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  ended.forEach((c, i) => {
    if (i < ended.length - maxEndedCommands || (c.finishedAt ?? 0) < entry.startedAt - endedCommandMs)
      Reflect.deleteProperty(commands, c.id);
  });
}
