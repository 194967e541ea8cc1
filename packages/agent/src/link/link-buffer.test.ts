import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkBuffer } from './link-buffer.ts';

const change = (id: string, status: string, at: number) => ({ id, status, since: at, at });

describe(LinkBuffer.name, () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'cp-link-'));
    dirs.push(d);
    return d;
  };

  it('keeps unacknowledged batches across a restart, with the same instance and rising numbers', async () => {
    const d = await dir();
    const a = await LinkBuffer.open(d);
    const first = await a.append([change('x', 'Down', 1)]);
    const second = await a.append([change('y', 'Healthy', 2)]);
    await a.acknowledge(first.seq);
    const instance = a.instance;
    await a.close();

    const b = await LinkBuffer.open(d);
    expect(b.instance).toBe(instance);
    expect(b.unacknowledged(-1)).toEqual([second]);
    expect(await b.nextSeq()).toBeGreaterThan(second.seq);
    await b.close();
  });

  it('survives a torn last line from a crash mid-write', async () => {
    const d = await dir();
    const a = await LinkBuffer.open(d);
    await a.append([change('x', 'Down', 1)]);
    await a.close();
    await appendFile(join(d, 'outbox.jsonl'), '{"seq":7,"changes":[{"id":"y"');
    const b = await LinkBuffer.open(d);
    expect(b.unacknowledged(-1).map((x) => x.changes[0]?.id)).toEqual(['x']);
    await b.close();
  });

  it('when full, keeps the latest change of every device (current state stays true)', async () => {
    const d = await dir();
    const a = await LinkBuffer.open(d, 10);
    for (let i = 0; i < 12; i++)
      await a.append([change(`dev${String(i % 3)}`, i % 2 ? 'Down' : 'Healthy', i)]);
    expect(a.size()).toBeLessThanOrEqual(10);
    const kept = a.unacknowledged(-1).flatMap((b) => b.changes);
    for (const dev of ['dev0', 'dev1', 'dev2']) {
      const last = kept.filter((c) => c.id === dev).at(-1);
      const expected = [...Array(12).keys()].filter((i) => `dev${String(i % 3)}` === dev).at(-1) ?? -1;
      expect(last?.at).toBe(expected);
    }
    expect(a.compacted).toBeGreaterThan(0);
    await a.close();
  });
});
