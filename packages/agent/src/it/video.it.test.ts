import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteFile } from '@crosspoint/sim';
import { fastTimings, startRig, type Rig } from '../test/sim-harness.ts';

const port = 2408;
const site: SiteFile = {
  name: 'video',
  seed: 8,
  port,
  ftpPort: port + 1000,
  micPort: port + 2000,
  videoPort: port + 3000,
  subnets: [{ name: 'sim8', cidr: '127.61.8.0/24', codecs: [{ name: 'ROOM8', model: 'CL300' }] }],
};

describe('a codec polled slowly', () => {
  let rig: Rig;
  beforeAll(async () => {
    // A poll period far longer than the drop-detection target: the drop must still show at once.
    rig = await startRig(site, { agent: { timings: { ...fastTimings, videoPollMs: 5000 } } });
    await rig.waitFor(rig.idOf('ROOM8'), 'Healthy');
  });
  afterAll(async () => {
    await rig.close();
  });

  it('shows a dropped codec Down without waiting for the next poll', async () => {
    const before = Date.now();
    await rig.sim.control.setFault('ROOM8', 'video_down', true);
    const change = await rig.waitFor(rig.idOf('ROOM8'), 'Down', 2000);
    expect(change.at - before).toBeLessThan(1000);
  });
});
