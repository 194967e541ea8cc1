import { mkdir, open, readFile, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * An append-only JSON-lines journal with periodic compaction into a snapshot.
 *
 * Files in `dir`: `<name>.snapshot.json` ({ generation, state }) and `<name>.<generation>.jsonl`.
 * Opening reads the snapshot and replays the journal of its generation. A torn last line (crash
 * mid-write) is dropped and cut off the file; a bad line in the middle is skipped and counted.
 * Appends are group-committed: every record waiting when a write starts goes out in one write and
 * one fsync. Compaction writes the next generation's snapshot (tmp + fsync + rename), then starts an
 * empty journal for it; a crash at any point leaves one consistent snapshot + journal pair.
 */
export interface JournalOptions<S, R> {
  dir: string;
  name: string;
  empty: () => S;
  /** Applies one record to the state (must tolerate replays of records already in the snapshot). */
  apply: (state: S, record: R) => void;
  /** Compact after this many appended records (default 5,000). */
  compactEvery?: number;
}

export interface JournalOpenReport {
  replayed: number;
  tornTail: boolean;
  skipped: number;
}

export class Journal<S, R> {
  private pending: string[] = [];
  private flushing: Promise<void> | undefined;
  private appendedSinceCompact = 0;
  private compactRequested = false;
  private closed = false;

  private constructor(
    private readonly options: JournalOptions<S, R>,
    private generation: number,
    private file: FileHandle,
    /** The live state: every appended record is applied to it at once. */
    readonly state: S,
    readonly report: JournalOpenReport,
  ) {}

  static async open<S, R>(options: JournalOptions<S, R>): Promise<Journal<S, R>> {
    await mkdir(options.dir, { recursive: true });
    const snapshotFile = join(options.dir, `${options.name}.snapshot.json`);
    let generation = 0;
    let state = options.empty();
    try {
      const snap = JSON.parse(await readFile(snapshotFile, 'utf8')) as { generation: number; state: S };
      generation = snap.generation;
      state = snap.state;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`Unreadable snapshot ${snapshotFile}: ${(e as Error).message}`, { cause: e });
    }
    const journalFile = join(options.dir, `${options.name}.${generation}.jsonl`);
    const report = await replay(journalFile, (r: R) => {
      options.apply(state, r);
    });
    await removeStaleJournals(options.dir, options.name, generation);
    const file = await open(journalFile, 'a');
    return new Journal(options, generation, file, state, report);
  }

  /** Applies the record to the state now and makes it durable; resolves once fsync'd. */
  append(record: R): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Journal is closed.'));
    this.options.apply(this.state, record);
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.appendedSinceCompact++;
    return this.flush();
  }

  /** Resolves when everything appended so far is on disk. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    // Let the current turn of the event loop add its records to this batch.
    await Promise.resolve();
    for (;;) {
      if (this.compactRequested || this.appendedSinceCompact >= (this.options.compactEvery ?? 5000)) {
        await this.compactNow();
      } else if (this.pending.length > 0) {
        const batch = this.pending.join('');
        this.pending = [];
        try {
          await this.file.write(batch);
          await this.file.datasync();
        } catch (e) {
          this.pending.unshift(batch); // kept for the next flush; the caller sees the error
          throw e;
        }
      } else {
        return;
      }
    }
  }

  /** Writes a snapshot of the current state and starts an empty journal. */
  compact(): Promise<void> {
    this.compactRequested = true;
    return this.flush();
  }

  private async compactNow(): Promise<void> {
    const { dir, name } = this.options;
    const next = this.generation + 1;
    // The state already holds every pending record, so the snapshot makes them durable too.
    const body = JSON.stringify({ generation: next, state: this.state });
    this.pending = [];
    this.compactRequested = false;
    this.appendedSinceCompact = 0;
    const snapshotFile = join(dir, `${name}.snapshot.json`);
    const tmp = `${snapshotFile}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.write(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, snapshotFile);
    await syncDir(dir);
    const old = this.file;
    this.file = await open(join(dir, `${name}.${next}.jsonl`), 'a');
    this.generation = next;
    await old.close();
    await removeStaleJournals(dir, name, next);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await this.file.close();
  }
}

async function replay(file: string, apply: (r: never) => void): Promise<JournalOpenReport> {
  const report: JournalOpenReport = { replayed: 0, tornTail: false, skipped: 0 };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return report;
    throw e;
  }
  let offset = 0;
  let goodEnd = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(offset, end);
    offset = end + 1;
    if (line.trim() === '') continue;
    try {
      apply(JSON.parse(line) as never);
      report.replayed++;
      goodEnd = offset;
    } catch {
      if (nl === -1 || offset >= text.length) report.tornTail = true;
      else report.skipped++;
    }
  }
  if (report.tornTail) {
    // Cut the torn tail so the next append starts on a clean line.
    const handle = await open(file, 'r+');
    try {
      await handle.truncate(Buffer.byteLength(text.slice(0, goodEnd), 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  return report;
}

async function removeStaleJournals(dir: string, name: string, keep: number): Promise<void> {
  const stale = (await readdir(dir)).filter(
    (f) => f.startsWith(`${name}.`) && f.endsWith('.jsonl') && f !== `${name}.${keep}.jsonl`,
  );
  await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
