import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';

describe('discovery against the simulator', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(smallSite(1, { lockedStack: true }));
  });
  afterAll(async () => {
    await rig.close();
  });

  it('finds every device of the site and records its topology', () => {
    const inventory = rig.agent.inventory().filter((d) => !d.id.includes('@'));
    const expected = rig.sim.devices
      .filter((d) => d.stack !== 'Locked')
      .map((d) => rig.idOf(d.id))
      .sort();
    expect(inventory.map((d) => d.id).sort()).toEqual(expected);
    const paths = Object.fromEntries(inventory.map((d) => [d.name, d.path]));
    expect(paths).toMatchObject({
      DSP1: 'Server TestServer > Subnet 127.61.1.0 (sim1) > Stack Main > C-Link 00',
      DSP2: 'Server TestServer > Subnet 127.61.1.0 (sim1) > Stack Main > C-Link 01',
      HUD1: 'Server TestServer > Subnet 127.61.1.0 (sim1) > Stack Solo > C-Link 00',
    });
    const peripherals = inventory
      .filter((d) => d.family === 'plink')
      .map((d) => d.path)
      .sort();
    expect(peripherals).toEqual([
      'Server TestServer > Subnet 127.61.1.0 (sim1) > Stack Main > C-Link 00 > P-Link 01',
      'Server TestServer > Subnet 127.61.1.0 (sim1) > Stack Main > C-Link 00 > P-Link 02',
    ]);
  });

  it('fingerprints model, serial and firmware of every device', () => {
    for (const d of rig.sim.devices.filter((x) => x.stack !== 'Locked')) {
      const found = rig.agent.device(rig.idOf(d.id));
      expect(found, d.id).toMatchObject({ serial: d.serial, firmware: d.firmware, model: d.model });
    }
    const dsp1 = rig.sim.devices.find((d) => d.name === 'DSP1');
    const peripheral = rig.agent.inventory().find((d) => d.family === 'plink');
    expect(peripheral?.host).toBe(dsp1?.ip);
    expect(peripheral?.parentId).toBe(rig.idOf(dsp1?.id ?? ''));
  });

  it('brings every device to Healthy through its session', async () => {
    for (const d of rig.sim.devices.filter((x) => x.stack !== 'Locked'))
      await rig.waitFor(rig.idOf(d.id), 'Healthy');
    expect(rig.agent.sessionCount()).toBe(rig.sim.devices.filter((d) => d.kind !== 'peripheral').length);
  });

  it('keeps a box whose login is refused as Login Failed, and identifies it once told the login', async () => {
    const box = rig.simDevice('Locked.LK1');
    const placeholder = rig.agent.inventory().find((d) => d.host === box.ip);
    expect(placeholder).toMatchObject({ id: `cp2@${box.ip}:${String(box.port)}`, status: 'Login Failed' });
    await rig.agent.setCredentials('default', { username: 'owner', password: 'not-default' });
    await new Promise((r) => setTimeout(r, 300)); // the placeholder's own session logs in meanwhile
    const report = await rig.agent.rediscover();
    expect(report.found).toContain(rig.idOf('Locked.LK1'));
    expect(rig.agent.device(placeholder!.id)).toBeUndefined();
    await rig.waitFor(rig.idOf('Locked.LK1'), 'Healthy');
    expect(rig.agent.device(rig.idOf('Locked.LK1'))?.path).toMatch(/Stack Locked > C-Link 00$/);
    await rig.agent.setCredentials('default', { username: 'clearone', password: 'converge' });
  });
});
