import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  agentUpdateModes,
  agentUpdateSteps,
  type AgentUpdateEvent,
  type AgentUpdateMode,
} from '@crosspoint/protocol';

/** What the agent keeps of its updates in its store (`update.json`). */
export interface UpdateState {
  mode: AgentUpdateMode;
  /** Builds (SHA-256) that were refused or rolled back: not installed again by themselves. */
  refused: string[];
  /** The latest step of the latest update. */
  last: AgentUpdateEvent | null;
  /** Steps the hub has not been told yet (a roll-back happens while the link is down). */
  unreported: AgentUpdateEvent[];
}

/**
 * Written just before the new build is swapped in, read by the new build at its start: it must link
 * to the hub before `deadline` (and not crash more than a few times), or the previous build comes back.
 */
export interface PendingUpdate {
  from: string;
  to: string;
  sha256: string;
  /** The running file and the copy of the build it replaced. */
  file: string;
  previous: string;
  deadline: number;
  /** How many times the new build has started under this marker. */
  starts: number;
}

const stateFile = (dataDir: string) => join(dataDir, 'update.json');
const pendingFile = (dataDir: string) => join(dataDir, 'update-pending.json');

const defaultState = (): UpdateState => ({ mode: 'automatic', refused: [], last: null, unreported: [] });

const isEvent = (e: unknown): e is AgentUpdateEvent => {
  const v = e as Partial<AgentUpdateEvent> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    agentUpdateSteps.includes(v.step as AgentUpdateEvent['step']) &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    typeof v.at === 'number'
  );
};

/** The saved state; a missing or unreadable file is the default (automatic, nothing refused). */
export async function readUpdateState(dataDir: string): Promise<UpdateState> {
  const raw = await readJson(stateFile(dataDir));
  if (typeof raw !== 'object' || raw === null) return defaultState();
  const v = raw as Partial<Record<keyof UpdateState, unknown>>;
  return {
    mode: agentUpdateModes.includes(v.mode as AgentUpdateMode) ? (v.mode as AgentUpdateMode) : 'automatic',
    refused: Array.isArray(v.refused)
      ? v.refused.filter((s): s is string => typeof s === 'string').slice(-50)
      : [],
    last: isEvent(v.last) ? v.last : null,
    unreported: Array.isArray(v.unreported) ? v.unreported.filter(isEvent).slice(-20) : [],
  };
}

export async function writeUpdateState(dataDir: string, state: UpdateState): Promise<void> {
  await writeJsonAtomically(stateFile(dataDir), state);
}

export async function readPendingUpdate(dataDir: string): Promise<PendingUpdate | null> {
  const raw = (await readJson(pendingFile(dataDir))) as Partial<PendingUpdate> | null;
  if (
    typeof raw !== 'object' ||
    raw === null ||
    typeof raw.from !== 'string' ||
    typeof raw.to !== 'string' ||
    typeof raw.sha256 !== 'string' ||
    typeof raw.file !== 'string' ||
    typeof raw.previous !== 'string' ||
    typeof raw.deadline !== 'number'
  )
    return null;
  return { ...(raw as PendingUpdate), starts: typeof raw.starts === 'number' ? raw.starts : 0 };
}

export async function writePendingUpdate(dataDir: string, pending: PendingUpdate | null): Promise<void> {
  if (pending === null) await rm(pendingFile(dataDir), { force: true });
  else await writeJsonAtomically(pendingFile(dataDir), pending);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Beside the file, synced, then renamed over it: a crash leaves the old file or the new one, never half. */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const tmp = `${path}.tmp-${String(process.pid)}`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

const writeJsonAtomically = (path: string, value: unknown) =>
  writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
