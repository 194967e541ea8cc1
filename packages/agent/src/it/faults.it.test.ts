import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';

/** Every fault of devices.md §5.7 → the status the agent derives, and back to Healthy once cleared. */
describe('fault → status mapping against the simulator', () => {
  let rig: Rig;
  const dsp1 = () => rig.idOf('Main.DSP1');
  const dsp2 = () => rig.idOf('Main.DSP2');
  const bt = () => rig.idOf('Main.DSP1.p01');

  beforeAll(async () => {
    rig = await startRig(smallSite(2));
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
  });
  afterEach(async () => {
    await rig.sim.control.clearFaults();
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy', 6000);
  });
  afterAll(async () => {
    await rig.close();
  });

  it('down → Down at once, since the drop', async () => {
    const before = Date.now();
    await rig.sim.control.setFault('Main.DSP1', 'down', true);
    const change = await rig.waitFor(dsp1(), 'Down', 1000);
    expect(change.since).toBeGreaterThanOrEqual(before);
    expect(change.at).toBeLessThan(before + 1000);
    await rig.waitFor(bt(), 'Down');
  });

  it('hang → Down within keep-alive + timeout', async () => {
    const before = Date.now();
    await rig.sim.control.setFault('Main.DSP2', 'hang', true);
    const change = await rig.waitFor(dsp2(), 'Down', 2000);
    expect(change.at - before).toBeLessThan(150 + 300 + 300);
  });

  it('flap → Down and back, again and again', async () => {
    await rig.sim.control.setFault('Solo.HUD1', 'flap', { periodMs: 250 });
    const id = rig.idOf('Solo.HUD1');
    await rig.waitFor(id, 'Down');
    await rig.waitFor(id, 'Healthy');
    await rig.waitFor(id, 'Down');
  });

  it('bad credentials → Login Failed; the right credentials bring it back', async () => {
    await rig.sim.control.setFault('Main', 'bad_credentials', { password: 'changed' });
    await rig.waitFor(dsp1(), 'Login Failed');
    await rig.waitFor(dsp2(), 'Login Failed');
    await rig.waitFor(bt(), 'Login Failed');
    await rig.agent.setCredentials({ stack: 'Main' }, { username: 'clearone', password: 'changed' });
    await rig.waitFor(dsp1(), 'Healthy');
    await rig.agent.setCredentials({ stack: 'Main' }, { username: 'clearone', password: 'converge' });
  });

  it('overheat → OVERHEATING!', async () => {
    await rig.sim.control.setFault('Main.DSP1', 'overheat', true);
    await rig.waitFor(dsp1(), 'OVERHEATING!');
  });

  it('VoIP registration failure → VoIP Registration Failed, on that box only', async () => {
    const from = rig.changes.length;
    await rig.sim.control.setFault('Main.DSP1', 'voip_reg_fail', { line: 2 });
    await rig.waitFor(dsp1(), 'VoIP Registration Failed');
    // The stack's registration notices reach its other box too, which has no such line.
    await rig.agent.command(dsp2(), { type: 'locate', on: false });
    expect(rig.agent.device(dsp2())?.status).toBe('Healthy');
    expect(
      rig.changes
        .slice(from)
        .filter((c) => c.deviceId === dsp2())
        .map((c) => c.status),
    ).not.toContain('VoIP Registration Failed');
  });

  it('VoIP restart pending → VoIP Restart Pending', async () => {
    await rig.sim.control.setFault('Main.DSP1', 'voip_pending', true);
    await rig.waitFor(dsp1(), 'VoIP Restart Pending');
  });

  it('a box of the stack offline → Incomplete Stack on the others', async () => {
    await rig.sim.control.setFault('Main', 'stack_incomplete', { member: 'DSP2' });
    await rig.waitFor(dsp2(), 'Down');
    await rig.waitFor(dsp1(), 'Incomplete Stack');
    await rig.waitFor(bt(), 'Incomplete Stack');
  });

  it('a peripheral offline → it is Down, its stack Incomplete', async () => {
    await rig.sim.control.setFault('Main', 'stack_incomplete', { member: 'DSP1.p02' });
    await rig.waitFor(rig.idOf('Main.DSP1.p02'), 'Down');
    await rig.waitFor(dsp1(), 'Incomplete Stack');
    await rig.waitFor(dsp2(), 'Incomplete Stack');
  });

  it('a box reporting another stack → Mismatched Stack', async () => {
    await rig.sim.control.setFault('Main', 'stack_mismatch', { member: 'DSP2' });
    await rig.waitFor(dsp2(), 'Mismatched Stack');
    expect(rig.agent.device(dsp1())?.status).toBe('Healthy');
  });

  it('a peripheral reporting another stack → Mismatched Stack', async () => {
    await rig.sim.control.setFault('Main', 'stack_mismatch', { member: 'DSP1.p01' });
    await rig.waitFor(bt(), 'Mismatched Stack');
  });

  it('safety mute → Safety Mute On on every box of the stack', async () => {
    await rig.sim.control.setFault('Main', 'safety_mute', true);
    await rig.waitFor(dsp1(), 'Safety Mute On');
    await rig.waitFor(dsp2(), 'Safety Mute On');
  });

  it('locate → Locate Light On, off again after the locate timeout', async () => {
    await rig.sim.control.setFault('Main.DSP2', 'locate', true);
    await rig.waitFor(dsp2(), 'Locate Light On');
  });

  it('codec down → Down; communication service lost → Communication Service Failed', async () => {
    const codec = rig.idOf('ROOM1');
    await rig.sim.control.setFault('ROOM1', 'cs_fail', true);
    await rig.waitFor(codec, 'Communication Service Failed');
    await rig.sim.control.setFault('ROOM1', 'video_down', true);
    await rig.waitFor(codec, 'Down');
  });

  it('codec silent (hang) → Down within the poll timeout', async () => {
    await rig.sim.control.setFault('ROOM1', 'hang', true);
    await rig.waitFor(rig.idOf('ROOM1'), 'Down', 2000);
  });

  it('mic down → Down; mic silent (hang) → Down', async () => {
    await rig.sim.control.setFault('CEILING1', 'down', true);
    await rig.waitFor(rig.idOf('CEILING1'), 'Down');
    await rig.sim.control.clearFault('CEILING1', 'down');
    await rig.waitFor(rig.idOf('CEILING1'), 'Healthy');
    await rig.sim.control.setFault('CEILING1', 'hang', true);
    await rig.waitFor(rig.idOf('CEILING1'), 'Down', 2000);
  });

  it('keeps precedence: a Down box with every other fault is Down', async () => {
    await rig.sim.control.setFault('Main.DSP1', 'overheat', true);
    await rig.sim.control.setFault('Main', 'safety_mute', true);
    await rig.waitFor(dsp1(), 'OVERHEATING!');
    await rig.sim.control.setFault('Main.DSP1', 'down', true);
    await rig.waitFor(dsp1(), 'Down');
  });
});
