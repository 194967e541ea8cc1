import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DeviceId } from '@crosspoint/protocol';
import { createSecretBox } from '../crypto/secret-box.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import { AgentStore } from './agent-store.ts';

const secrets = createSecretBox(randomBytes(32));
const dirs: string[] = [];
async function openStore(dir?: string, maxObservations?: number) {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'cp-store-')));
  if (!dir) dirs.push(d);
  return { dir: d, store: await AgentStore.open({ dir: d, secrets, maxObservations }) };
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const box = (serial: string): InventoryDevice => ({
  id: `cp2-${serial}` as DeviceId,
  family: 'cp2',
  model: 'CONVERGE Pro 2 128',
  serial,
  firmware: '8.3.15.0',
  name: 'DSP1',
  host: '127.20.1.10',
  port: 2323,
  topology: { server: 'srv', subnet: '127.20.1.0', interface: 'lo', stack: 'S', clink: '00' },
  firstSeen: 1,
  lastSeen: 1,
  status: 'Healthy',
  since: 1,
});

describe(AgentStore.name, () => {
  it('keeps inventory, credentials and observations across a restart', async () => {
    const { dir, store } = await openStore();
    await store.upsertDevice(box('0001-0001-01'));
    await store.setCredentials('stack:S', { username: 'clearone', password: 's3cret!' });
    await store.recordObservation({
      at: 5,
      deviceId: box('0001-0001-01').id,
      status: 'Down',
      since: 5,
      changed: { reachable: false },
    });
    await store.close();

    const again = (await openStore(dir)).store;
    expect(again.devices()).toHaveLength(1);
    expect(again.device(box('0001-0001-01').id)?.status).toBe('Down');
    expect(again.credentials('stack:S')).toEqual({ username: 'clearone', password: 's3cret!' });
    expect(again.pendingObservations().map((o) => o.seq)).toEqual([1]);
    await again.close();
    expect(await readFile(join(dir, 'agent.0.jsonl'), 'utf8')).not.toContain('s3cret');
  });

  it('survives a torn last journal line', async () => {
    const { dir, store } = await openStore();
    await store.upsertDevice(box('0001-0001-01'));
    await store.close();
    await appendFile(join(dir, 'agent.0.jsonl'), '{"t":"device","d":{"id":"cp2-0002');
    const again = (await openStore(dir)).store;
    expect(again.openReport.tornTail).toBe(true);
    expect(again.devices().map((d) => d.serial)).toEqual(['0001-0001-01']);
    await again.upsertDevice(box('0003-0003-03'));
    await again.close();
    const third = (await openStore(dir)).store;
    expect(third.devices()).toHaveLength(2);
    await third.close();
  });

  it('keeps everything through a compaction', async () => {
    const { dir, store } = await openStore();
    for (let i = 0; i < 20; i++) await store.upsertDevice(box(`0000-0000-${String(i).padStart(2, '0')}`));
    await store.setCredentials('default', { username: 'u', password: 'p' });
    await store.compact();
    await store.close();
    const again = (await openStore(dir)).store;
    expect(again.devices()).toHaveLength(20);
    expect(again.credentials('default')).toEqual({ username: 'u', password: 'p' });
    await again.close();
  });

  it('bounds buffered observations and forgets acknowledged ones', async () => {
    const { store } = await openStore(undefined, 3);
    const id = box('0001-0001-01').id;
    for (let i = 0; i < 5; i++)
      await store.recordObservation({ at: i, deviceId: id, status: 'Healthy', since: i, changed: {} });
    expect(store.pendingObservations().map((o) => o.seq)).toEqual([3, 4, 5]);
    expect(store.droppedObservations).toBe(2);
    await store.acknowledgeObservations(4);
    expect(store.pendingObservations().map((o) => o.seq)).toEqual([5]);
    await store.close();
  });
});
