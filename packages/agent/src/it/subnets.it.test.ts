import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteFile } from '@crosspoint/sim';
import type { DeviceId } from '@crosspoint/protocol';
import { dialTcp, type Dialer } from '../drivers/byte-stream.ts';
import { startRig, type Rig } from '../test/sim-harness.ts';

const kept = '127.61.9.0/24';
const toggled = '127.61.10.0/24';

/** Two subnets: one stays enabled throughout, the other is disabled and enabled again. */
const site: SiteFile = {
  name: 'agent-test-subnets',
  seed: 9,
  port: 2409,
  ftpPort: 3409,
  micPort: 4409,
  videoPort: 5409,
  subnets: [
    { name: 'sim9', cidr: kept, stacks: [{ name: 'Kept', boxes: [{ name: 'K1', model: 'CP2_128' }] }] },
    {
      name: 'sim10',
      cidr: toggled,
      stacks: [{ name: 'Lab', boxes: [{ name: 'L1', model: 'HUDDLE' }] }],
      mics: [{ name: 'LABMIC' }],
    },
  ],
};

/** Every connection a device session opens, by host, and whether it has been closed since. */
function recordingDialer(): { dial: Dialer; opened: { host: string; closed: Promise<void> }[] } {
  const opened: { host: string; closed: Promise<void> }[] = [];
  const dial: Dialer = async (host, port, timeoutMs) => {
    const stream = await dialTcp(host, port, timeoutMs);
    opened.push({ host, closed: new Promise((resolve) => stream.on('close', () => resolve())) });
    return stream;
  };
  return { dial, opened };
}

describe('enabling and disabling subnets', () => {
  let rig: Rig;
  let dials = recordingDialer();
  const onToggled = (host: string) => host.startsWith('127.61.10.');
  let keptIds: DeviceId[];
  let toggledIds: DeviceId[];

  beforeAll(async () => {
    rig = await startRig(site, { agent: { dial: dials.dial } });
    keptIds = ['Kept.K1'].map((s) => rig.idOf(s));
    toggledIds = ['Lab.L1', 'LABMIC'].map((s) => rig.idOf(s));
    for (const id of [...keptIds, ...toggledIds]) await rig.waitFor(id, 'Healthy');
  });
  afterAll(async () => {
    await rig.close();
  });

  it('disabling a subnet closes the sessions of its devices and stops sweeping it', async () => {
    expect(rig.agent.subnetCounts()).toEqual({ enabled: 2, total: 2 });
    const sessionsBefore = rig.agent.sessionCount();
    const heard: string[] = [];
    const off = rig.agent.onSubnetChange((c) =>
      heard.push(`${c.subnet.spec.cidr} ${String(c.subnet.enabled)} ${c.devices.length}`),
    );

    const { subnet, sweep } = await rig.agent.setSubnetEnabled(toggled, false);
    off();
    expect(subnet).toMatchObject({ enabled: false, disabledSince: expect.any(Number) as number });
    expect(sweep).toBeUndefined();
    expect(heard).toEqual([`${toggled} false 2`]);
    expect(rig.agent.sessionCount()).toBe(sessionsBefore - toggledIds.length);
    // Every connection to the disabled subnet's devices is closed: no more keep-alives or polls.
    await Promise.all(dials.opened.filter((o) => onToggled(o.host)).map((o) => o.closed));

    const report = await rig.agent.rediscover();
    expect(report.subnets.map((s) => s.cidr)).toEqual([kept]);
    expect(report.missing).toEqual([]);
    // Still listed, marked unmonitored with their last status (not Down, not missing).
    for (const id of toggledIds) {
      expect(rig.agent.device(id)).toMatchObject({ status: 'Healthy', unmonitored: { cidr: toggled } });
      expect(rig.agent.device(id)?.missing).not.toBe(true);
    }
    expect(rig.agent.device(keptIds[0] as DeviceId)?.unmonitored).toBeUndefined();
    await expect(rig.agent.command(toggledIds[0] as DeviceId, { type: 'locate', on: true })).rejects.toThrow(
      /disabled on this agent/,
    );
  });

  it('keeps the subnet disabled across a restart: no sessions, no sweep, no connections to it', async () => {
    dials = recordingDialer();
    const agent = await rig.restartAgent({ dial: dials.dial });
    expect(agent.subnets().map((s) => [s.spec.cidr, s.enabled])).toEqual([
      [kept, true],
      [toggled, false],
    ]);
    expect(agent.subnetCounts()).toEqual({ enabled: 1, total: 2 });
    expect(agent.sessionCount()).toBe(keptIds.length);
    const report = await agent.rediscover();
    expect(report.subnets.map((s) => s.cidr)).toEqual([kept]);
    for (const id of keptIds) await rig.waitFor(id, 'Healthy');
    expect(dials.opened.filter((o) => onToggled(o.host))).toEqual([]);
    expect(dials.opened.length).toBeGreaterThan(0);
  });

  it('re-enabling sweeps the subnet at once and brings its devices back', async () => {
    const before = rig.changes.length;
    const { subnet, sweep } = await rig.agent.setSubnetEnabled(toggled, true);
    expect(subnet).toEqual({ spec: expect.objectContaining({ cidr: toggled }) as unknown, enabled: true });
    const report = await sweep;
    expect(report?.subnets.map((s) => s.cidr)).toEqual([toggled]);
    expect(report?.found).toEqual(expect.arrayContaining(toggledIds));
    // Fresh sessions report what they find (the hub learns the devices are monitored again).
    for (const id of toggledIds) {
      await rig.waitFor(id, 'Healthy');
      expect(rig.changes.slice(before).some((c) => c.deviceId === id)).toBe(true);
      expect(rig.agent.device(id)?.unmonitored).toBeUndefined();
    }
    expect(rig.agent.sessionCount()).toBe(keptIds.length + toggledIds.length);
    expect(dials.opened.some((o) => onToggled(o.host))).toBe(true);
    expect(rig.agent.subnetCounts()).toEqual({ enabled: 2, total: 2 });
  });

  it('refuses a subnet that is not configured, and treats a repeat as no change', async () => {
    await expect(rig.agent.setSubnetEnabled('10.9.9.0/24', false)).rejects.toThrow(
      'No subnet 10.9.9.0/24 is configured',
    );
    const { sweep } = await rig.agent.setSubnetEnabled(toggled, true);
    expect(sweep).toBeUndefined();
  });
});
