import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';

describe('the agent store across restarts', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(smallSite(4));
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
  });
  afterAll(async () => {
    await rig.close();
  });

  it('keeps the inventory and buffered observations, and reconnects every device without a sweep', async () => {
    const before = rig.agent.inventory().map((d) => ({ id: d.id, path: d.path, firmware: d.firmware }));
    const observed = rig.agent.store.pendingObservations().length;
    expect(observed).toBeGreaterThan(0);
    const agent = await rig.restartAgent();
    expect(agent.inventory().map((d) => ({ id: d.id, path: d.path, firmware: d.firmware }))).toEqual(before);
    expect(agent.store.pendingObservations().length).toBeGreaterThanOrEqual(observed);
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
  });

  it('keeps a device that vanished, marked missing and Down, and takes it back when it returns', async () => {
    const id = rig.idOf('Solo.HUD1');
    await rig.sim.control.setFault('Solo.HUD1', 'down', true);
    await rig.waitFor(id, 'Down');
    const report = await rig.agent.rediscover();
    expect(report.missing).toContain(id);
    expect(rig.agent.device(id)).toMatchObject({ status: 'Down', missing: true });
    await rig.sim.control.clearFault('Solo.HUD1', 'down');
    await rig.waitFor(id, 'Healthy');
    await rig.agent.rediscover();
    expect(rig.agent.device(id)?.missing).toBe(false);
  });

  it('starts despite a torn last journal line', async () => {
    await rig.agent.close();
    const dir = join(rig.dataDir, 'store');
    const journal = (await readdir(dir)).find((f) => f.endsWith('.jsonl'));
    await appendFile(join(dir, journal ?? 'agent.0.jsonl'), '{"t":"device","d":{"id":"cp2-99');
    const agent = await rig.restartAgent();
    expect(agent.store.openReport.tornTail).toBe(true);
    expect(agent.inventory()).toHaveLength(rig.sim.devices.length);
  });
});
