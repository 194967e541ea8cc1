import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import type { SiteFile } from '@crosspoint/sim';
import type { DeviceId } from '@crosspoint/protocol';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { TcpProxy } from '../test/tcp-proxy.ts';

const port = 2405;
const site: SiteFile = {
  name: 'robustness',
  seed: 5,
  port,
  ftpPort: port + 1000,
  micPort: port + 2000,
  videoPort: port + 3000,
  subnets: [
    {
      name: 'sim5',
      cidr: '127.61.5.0/24',
      stacks: [{ name: 'Rough', boxes: [{ name: 'DSP1', model: 'CP2_128' }] }],
    },
  ],
};

/**
 * Bad bytes over real sockets: the box is reached through a proxy on 127.61.6.10 that can inject
 * bytes or go silent; a second address there accepts connections and never answers.
 */
describe('robustness against bad peers', () => {
  let rig: Rig;
  let proxy: TcpProxy;
  let mute: Server;
  let box: DeviceId;
  const downs = () => rig.changes.filter((c) => c.deviceId === box && c.status === 'Down').length;
  const toggleLocate = async (times: number) => {
    for (let i = 0; i < times; i++) {
      expect(await rig.agent.command(box, { type: 'locate', on: i % 2 === 0 })).toEqual({ on: i % 2 === 0 });
    }
  };

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: '127.61.6.10', port }, { host: '127.61.5.10', port });
    mute = createServer(() => undefined);
    await new Promise<void>((resolve) => mute.listen(port, '127.61.6.20', resolve));
    rig = await startRig(site, { subnets: `127.61.6.0/24:${port}@proxy` });
    box = rig.idOf('Rough.DSP1');
    await rig.waitFor(box, 'Healthy');
  });
  afterAll(async () => {
    await rig.close();
    await proxy.close();
    await new Promise<void>((resolve) => mute.close(() => resolve()));
  });

  it('reports a peer that accepts but never answers as a clear discovery error, and carries on', async () => {
    const report = await rig.agent.rediscover();
    const error = report.subnets[0]?.errors.find((e) => e.host === '127.61.6.20');
    expect(error?.message).toMatch(/login|answer|within/i);
    expect(rig.agent.device(box)?.status).toBe('Healthy');
  });

  it('survives a 64 KiB line, invalid UTF-8, stray IAC and split lines mid-session', async () => {
    const before = downs();
    proxy.inject(`=> ${'A'.repeat(64 * 1024)}\r\n`);
    proxy.inject(Buffer.from([0x3d, 0x3e, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0xfd, 0x80, 0x0d, 0x0a]));
    proxy.inject('=> BOX DSP1 LOC');
    proxy.inject('ATE 0\n\r');
    proxy.inject(Buffer.from([0xff, 0xf1, 0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0]));
    await toggleLocate(4);
    expect(downs()).toBe(before);
    expect(rig.agent.device(box)?.status).toBe('Healthy');
  });

  it('keeps working through garbage, split writes and slow replies from the device', async () => {
    const before = downs();
    await rig.sim.control.setFault('Rough.DSP1', 'garbage', { rate: 0.5 });
    await toggleLocate(6);
    await rig.sim.control.clearFault('Rough.DSP1', 'garbage');
    await rig.sim.control.setFault('Rough.DSP1', 'half_line', { pieces: 7, gapMs: 2 });
    await toggleLocate(4);
    await rig.sim.control.clearFault('Rough.DSP1', 'half_line');
    await rig.sim.control.setFault('Rough.DSP1', 'slow', { delayMs: 60, jitterMs: 40 });
    await toggleLocate(2);
    await rig.sim.control.clearFault('Rough.DSP1', 'slow');
    expect(downs()).toBe(before);
  });

  it('recovers from unterminated junk: a lost reply times out, the next command works', async () => {
    await rig.sim.control.setFault('Rough.DSP1', 'garbage', { rate: 1, kinds: ['unterminated'] });
    const result = await rig.agent.command(box, { type: 'locate', on: true }).catch((e: unknown) => e);
    expect(
      result === undefined ||
        (result as { on?: boolean }).on === true ||
        (result as { code?: string }).code === 'DEVICE_TIMEOUT',
    ).toBe(true);
    await rig.sim.control.clearFault('Rough.DSP1', 'garbage');
    await toggleLocate(2);
  });

  it('notices a peer gone silent as Down, and recovers when it answers again', async () => {
    proxy.silent = true;
    await rig.waitFor(box, 'Down', 2000);
    await new Promise((r) => setTimeout(r, 600)); // reconnects meet a silent peer: login times out, still Down
    expect(rig.agent.device(box)?.status).toBe('Down');
    proxy.silent = false;
    await rig.waitFor(box, 'Healthy', 4000);
    await toggleLocate(2);
  });
});
