import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from './journal.ts';

type State = { items: Record<string, number> };
type Rec = { k: string; v: number };
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-journal-'));
  dirs.push(dir);
  return dir;
}
const openJournal = (dir: string, compactEvery = 1000) =>
  Journal.open<State, Rec>({
    dir,
    name: 't',
    compactEvery,
    empty: () => ({ items: {} }),
    apply: (s, r) => {
      s.items[r.k] = r.v;
    },
  });

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe(Journal.name, () => {
  it('replays appended records after a reopen', async () => {
    const dir = await tempDir();
    const j = await openJournal(dir);
    await Promise.all([j.append({ k: 'a', v: 1 }), j.append({ k: 'b', v: 2 }), j.append({ k: 'a', v: 3 })]);
    await j.close();
    const again = await openJournal(dir);
    expect(again.state.items).toEqual({ a: 3, b: 2 });
    expect(again.report).toEqual({ replayed: 3, tornTail: false, skipped: 0 });
    await again.close();
  });

  it('drops a torn last line, cuts it off and keeps appending cleanly', async () => {
    const dir = await tempDir();
    const j = await openJournal(dir);
    await j.append({ k: 'a', v: 1 });
    await j.close();
    await appendFile(join(dir, 't.0.jsonl'), '{"k":"b","v":');
    const again = await openJournal(dir);
    expect(again.report.tornTail).toBe(true);
    expect(again.state.items).toEqual({ a: 1 });
    await again.append({ k: 'c', v: 3 });
    await again.close();
    expect(await readFile(join(dir, 't.0.jsonl'), 'utf8')).toBe('{"k":"a","v":1}\n{"k":"c","v":3}\n');
    const third = await openJournal(dir);
    expect(third.state.items).toEqual({ a: 1, c: 3 });
    await third.close();
  });

  it('skips a corrupt line in the middle and counts it', async () => {
    const dir = await tempDir();
    const j = await openJournal(dir);
    await j.append({ k: 'a', v: 1 });
    await j.close();
    await appendFile(join(dir, 't.0.jsonl'), 'garbage\n{"k":"b","v":2}\n');
    const again = await openJournal(dir);
    expect(again.report).toEqual({ replayed: 2, tornTail: false, skipped: 1 });
    expect(again.state.items).toEqual({ a: 1, b: 2 });
    await again.close();
  });

  it('compacts into a snapshot and a fresh journal generation', async () => {
    const dir = await tempDir();
    const j = await openJournal(dir, 10);
    for (let i = 0; i < 25; i++) await j.append({ k: `k${i % 5}`, v: i });
    await j.close();
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['t.2.jsonl', 't.snapshot.json']);
    const again = await openJournal(dir, 10);
    expect(again.state.items).toEqual({ k0: 20, k1: 21, k2: 22, k3: 23, k4: 24 });
    expect(again.report.replayed).toBe(5);
    await again.close();
  });

  it('keeps records appended while a compaction runs', async () => {
    const dir = await tempDir();
    const j = await openJournal(dir);
    const all = [];
    for (let i = 0; i < 50; i++) {
      all.push(j.append({ k: `k${i}`, v: i }));
      if (i === 20) all.push(j.compact());
    }
    await Promise.all(all);
    await j.close();
    const again = await openJournal(dir);
    expect(Object.keys(again.state.items)).toHaveLength(50);
    await again.close();
  });
});
