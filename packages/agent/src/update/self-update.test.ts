// The self-update's decisions, on real files in a temporary folder with a real Ed25519 key pair: what
// "automatically" and "manually" do, what is refused and why, that a refused or rolled-back build is
// not taken again unasked, the crash-loop and deadline roll-backs, and steps kept while the link is
// down. (agent-self-update.test.ts in the hub runs real builds in real processes.)
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentUpdateEvent, OfferedAgentBuild } from '@crosspoint/protocol';
import { SelfUpdater, type SelfUpdaterOptions } from './self-update.ts';
import { readPendingUpdate, readUpdateState } from './update-state.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const logger = pino({ level: 'silent' });

const release = (version: string, content = `// agent ${version}\n`, signer = privateKey) => {
  const bytes = Buffer.from(content);
  const build: OfferedAgentBuild = {
    version,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    signature: sign(null, bytes, signer).toString('base64'),
  };
  return { bytes, build };
};

describe('SelfUpdater', () => {
  let dir: string;
  let file: string;
  let restarts: string[];
  let reported: AgentUpdateEvent[];
  let now: number;

  const open = (o: Partial<SelfUpdaterOptions> = {}) =>
    SelfUpdater.open({
      dataDir: dir,
      version: '1.0.0',
      file,
      publicKey: publicPem,
      supervised: true,
      logger,
      restart: (why) => restarts.push(why),
      selfTest: () => Promise.resolve(),
      now: () => now,
      ...o,
    });
  const channel = (bytes: Uint8Array) => ({
    fetchBuild: () => Promise.resolve(bytes),
    report: (e: AgentUpdateEvent) => reported.push(e),
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-self-update-'));
    file = join(dir, 'crosspoint-agent.mjs');
    await writeFile(file, '// agent 1.0.0\n', { mode: 0o750 });
    restarts = [];
    reported = [];
    now = 1_000_000;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('installs a newer signed build by itself: swapped in, the old kept, a marker for the new build, a restart', async () => {
    const updater = await open();
    const { bytes, build } = release('1.1.0');
    await updater.linked(channel(bytes));
    await updater.offer(build, false);
    expect(reported.map((e) => e.step)).toEqual(['downloading', 'installing']);
    expect(restarts).toEqual(['update from 1.0.0 to 1.1.0']);
    expect(await readFile(file, 'utf8')).toBe('// agent 1.1.0\n');
    expect(await readFile(join(dir, 'crosspoint-agent.previous.mjs'), 'utf8')).toBe('// agent 1.0.0\n');
    expect(await readPendingUpdate(dir)).toMatchObject({ from: '1.0.0', to: '1.1.0', starts: 0 });
    updater.close();

    // The new build starts and links: confirmed, the marker gone, "updated" told.
    const next = await open({ version: '1.1.0' });
    await next.linked(channel(bytes));
    expect(reported.at(-1)).toMatchObject({ step: 'updated', from: '1.0.0', to: '1.1.0' });
    expect(await readPendingUpdate(dir)).toBeNull();
    expect(next.info()).toMatchObject({ mode: 'automatic', able: true, last: { step: 'updated' } });
    next.close();
  });

  it('set to manually, only announces; a person’s request installs it', async () => {
    const updater = await open();
    await updater.setMode('manual');
    const { bytes, build } = release('1.1.0');
    await updater.linked(channel(bytes));
    await updater.offer(build, false);
    expect(reported).toEqual([]);
    expect((await readUpdateState(dir)).mode).toBe('manual');
    await updater.offer(build, true);
    expect(reported.map((e) => e.step)).toEqual(['downloading', 'installing']);
    expect(restarts).toHaveLength(1);
    updater.close();
  });

  it('refuses an unsigned build, one signed by another key, and a file that is not the announced one', async () => {
    const updater = await open();
    const other = generateKeyPairSync('ed25519').privateKey;
    const cases: [OfferedAgentBuild, Uint8Array, RegExp][] = [];
    const unsigned = release('1.1.0');
    cases.push([{ ...unsigned.build, signature: undefined }, unsigned.bytes, /not signed/]);
    const foreign = release('1.2.0', '// agent 1.2.0\n', other);
    cases.push([foreign.build, foreign.bytes, /signature is not by this agent’s release key/]);
    const swapped = release('1.3.0');
    cases.push([swapped.build, Buffer.from('// something else\n'), /not the announced build/]);
    for (const [build, bytes, reason] of cases) {
      reported = [];
      await updater.linked(channel(bytes));
      await updater.offer(build, false);
      expect(reported.map((e) => e.step)).toEqual(['downloading', 'refused']);
      expect(reported[1]?.reason).toMatch(reason);
    }
    expect(restarts).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('// agent 1.0.0\n');
    // Refused builds are not tried again by themselves; a person may ask again.
    reported = [];
    await updater.linked(channel(foreign.bytes));
    await updater.offer(foreign.build, false);
    expect(reported).toEqual([]);
    await updater.offer(foreign.build, true);
    expect(reported.map((e) => e.step)).toEqual(['downloading', 'refused']);
    updater.close();
  });

  it('keeps the installed build when the new one fails its self-test', async () => {
    const updater = await open({ selfTest: () => Promise.reject(new Error('it says it is 0.9.0')) });
    const { bytes, build } = release('1.1.0');
    await updater.linked(channel(bytes));
    await updater.offer(build, false);
    expect(reported.map((e) => e.step)).toEqual(['downloading', 'failed']);
    expect(reported[1]?.reason).toMatch(/self-test: it says it is 0.9.0/);
    expect(await readFile(file, 'utf8')).toBe('// agent 1.0.0\n');
    expect(restarts).toEqual([]);
    updater.close();
  });

  it('says why it cannot update itself, and then installs nothing', async () => {
    const { bytes, build } = release('1.1.0');
    for (const [o, reason] of [
      [{ file: null }, /runs from the sources/],
      [{ publicKey: null }, /no release key/],
      [{ supervised: false }, /not run as a service/],
    ] as const) {
      const updater = await open(o);
      expect(updater.info()).toMatchObject({ able: false, reason: expect.stringMatching(reason) as unknown });
      await updater.linked(channel(bytes));
      await updater.offer(build, false);
      updater.close();
    }
    expect(reported).toEqual([]);
    expect(restarts).toEqual([]);
  });

  it('rolls back a new build that does not link before the deadline, and tells the hub once linked again', async () => {
    const first = await open({ rollbackAfterMs: 50 });
    const { bytes, build } = release('1.1.0');
    await first.linked(channel(bytes));
    await first.offer(build, false);
    first.close();
    reported = [];
    restarts = [];

    const broken = await open({ version: '1.1.0', rollbackAfterMs: 50 });
    broken.unlinked();
    await new Promise((r) => setTimeout(r, 300));
    expect(restarts).toEqual(['roll back to 1.0.0']);
    expect(await readFile(file, 'utf8')).toBe('// agent 1.0.0\n');
    expect(await readPendingUpdate(dir)).toBeNull();
    broken.close();

    const back = await open();
    expect(back.info().last).toMatchObject({ step: 'rolled-back', from: '1.1.0', to: '1.0.0' });
    await back.linked(channel(bytes));
    expect(reported).toEqual([
      expect.objectContaining({
        step: 'rolled-back',
        reason: expect.stringMatching(/did not link/) as unknown,
      }),
    ]);
    // … and the build it rolled back is not installed again by itself.
    reported = [];
    await back.offer(build, false);
    expect(reported).toEqual([]);
    back.close();
  });

  it('rolls back at once a new build that keeps crashing before it links', async () => {
    const first = await open();
    const { bytes, build } = release('1.1.0');
    await first.linked(channel(bytes));
    await first.offer(build, false);
    first.close();
    restarts = [];
    for (let i = 0; i < 3; i++) (await open({ version: '1.1.0' })).close(); // three starts, three crashes
    expect(restarts).toEqual([]);
    const fourth = await open({ version: '1.1.0' });
    expect(restarts).toEqual(['roll back to 1.0.0']);
    expect(fourth.info().last).toMatchObject({
      step: 'rolled-back',
      reason: expect.stringMatching(/started 3 times without linking/) as unknown,
    });
    expect(await readFile(file, 'utf8')).toBe('// agent 1.0.0\n');
    fourth.close();
  });
});
