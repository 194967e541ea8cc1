import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinkChange } from '@crosspoint/protocol';

/** One batch of changes waiting for the hub's acknowledgement. */
export interface PendingBatch {
  seq: number;
  changes: LinkChange[];
}

interface State {
  instance: string;
  nextSeq: number;
}

/**
 * The agent's outbox towards the hub, on disk: every batch of observed changes is appended (and
 * flushed) before it is sent, and dropped only when the hub acknowledges it, so a lost link or an
 * agent restart loses nothing. Bounded: past `maxChanges` pending changes the oldest batches are
 * compacted to the latest change per device — the hub's current statuses and their "since" stay
 * true, only intermediate flaps of a long outage are summarized (counted in `compacted`).
 */
export class LinkBuffer {
  private pending: PendingBatch[] = [];
  private file: FileHandle | undefined;
  compacted = 0;

  private constructor(
    private readonly dir: string,
    private state: State,
    private readonly maxChanges: number,
  ) {}

  static async open(dir: string, maxChanges = 200_000): Promise<LinkBuffer> {
    await mkdir(dir, { recursive: true });
    let state: State;
    try {
      state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as State;
      if (typeof state.instance !== 'string' || !Number.isInteger(state.nextSeq))
        throw new Error('bad state');
    } catch {
      state = { instance: randomUUID(), nextSeq: 0 };
    }
    const buffer = new LinkBuffer(dir, state, maxChanges);
    buffer.pending = await readBatches(join(dir, 'outbox.jsonl'));
    const highest = buffer.pending.at(-1)?.seq ?? -1;
    if (highest >= buffer.state.nextSeq) buffer.state.nextSeq = highest + 1;
    await buffer.saveState();
    await buffer.rewrite();
    return buffer;
  }

  get instance(): string {
    return this.state.instance;
  }

  /** Takes the next sequence number (inventory frames use one too, without being buffered). */
  async nextSeq(): Promise<number> {
    const seq = this.state.nextSeq++;
    await this.saveState();
    return seq;
  }

  async append(changes: LinkChange[]): Promise<PendingBatch> {
    const batch = { seq: await this.nextSeq(), changes };
    this.pending.push(batch);
    await this.file?.appendFile(`${JSON.stringify(batch)}\n`);
    await this.file?.datasync();
    if (this.size() > this.maxChanges) await this.compact();
    return batch;
  }

  /** Batches not yet acknowledged, oldest first, after `lastSeq`. */
  unacknowledged(lastSeq: number): PendingBatch[] {
    return this.pending.filter((b) => b.seq > lastSeq);
  }

  async acknowledge(seq: number): Promise<void> {
    const before = this.pending.length;
    this.pending = this.pending.filter((b) => b.seq > seq);
    if (this.pending.length !== before && (this.pending.length === 0 || before - this.pending.length > 100))
      await this.rewrite();
  }

  size(): number {
    return this.pending.reduce((n, b) => n + b.changes.length, 0);
  }

  async close(): Promise<void> {
    await this.rewrite();
    await this.file?.close();
    this.file = undefined;
  }

  private async compact(): Promise<void> {
    const latest = new Map<string, LinkChange>();
    let total = 0;
    for (const b of this.pending) {
      for (const c of b.changes) latest.set(c.id, c);
      total += b.changes.length;
    }
    const last = this.pending.at(-1)?.seq ?? (await this.nextSeq());
    this.compacted += total - latest.size;
    this.pending = [{ seq: last, changes: [...latest.values()].sort((a, b) => a.at - b.at) }];
    await this.rewrite();
  }

  private async rewrite(): Promise<void> {
    await this.file?.close();
    const path = join(this.dir, 'outbox.jsonl');
    const tmp = `${path}.tmp`;
    await writeFile(tmp, this.pending.map((b) => `${JSON.stringify(b)}\n`).join(''));
    await rename(tmp, path);
    this.file = await open(path, 'a');
  }

  private async saveState(): Promise<void> {
    const path = join(this.dir, 'state.json');
    await writeFile(`${path}.tmp`, JSON.stringify(this.state));
    await rename(`${path}.tmp`, path);
  }
}

/** Reads the outbox, tolerating a torn last line (a crash mid-write). */
async function readBatches(path: string): Promise<PendingBatch[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const batches: PendingBatch[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const b = JSON.parse(line) as PendingBatch;
      if (Number.isInteger(b.seq) && Array.isArray(b.changes)) batches.push(b);
    } catch {
      // torn line: the batch was never acknowledged, and its changes are also in the next inventory
    }
  }
  return batches.sort((a, b) => a.seq - b.seq);
}
