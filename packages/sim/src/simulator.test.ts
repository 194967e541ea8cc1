import { describe, expect, it } from 'vitest';
import { SimErrorCode } from './errors.ts';
import { generateSite } from './site/generate.ts';
import { startSimulator } from './simulator.ts';
import { TestClient, loggedIn } from './test/telnet-client.ts';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe(startSimulator.name, () => {
  it('starts a generated site, holds no timers while idle, and frees every address on close', async () => {
    const before = timers();
    const sim = await startSimulator({
      site: generateSite({ devices: 300, seed: 11, subnetBase: '127.78' }),
    });
    try {
      expect(sim.devices.filter((d) => d.kind !== 'peripheral')).toHaveLength(300);
      expect(timers()).toBeLessThanOrEqual(before);
      const box = sim.devices.find((d) => d.kind === 'box');
      if (!box?.port) throw new Error('no box');
      const c = await loggedIn(box.ip, box.port);
      expect(await c.ask('VERSION', 'VERSION ')).toMatch(/^VERSION \d+\.\d+\.\d+\.\d+$/);
      c.close();
      expect(timers()).toBeLessThanOrEqual(before);
    } finally {
      await sim.close();
    }
    const box = sim.devices.find((d) => d.kind === 'box');
    await expect(TestClient.connect(box?.ip ?? '', box?.port ?? 0)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('fails with SIM_LISTEN_FAILED when an address is taken, leaving nothing behind', async () => {
    const site = generateSite({ devices: 20, seed: 2, subnetBase: '127.79' });
    const first = await startSimulator({ site });
    try {
      await expect(startSimulator({ site })).rejects.toMatchObject({ code: SimErrorCode.ListenFailed });
      const box = first.devices.find((d) => d.kind === 'box');
      const c = await loggedIn(box?.ip ?? '', box?.port ?? 0);
      c.close();
    } finally {
      await first.close();
    }
    const again = await startSimulator({ site });
    await again.close();
  });

  it('uses port 23 only when it can bind it, else the site port', async () => {
    const site = generateSite({ devices: 3, seed: 4, subnetBase: '127.80', port: 2424 });
    const sim = await startSimulator({ site: { ...site, preferPort23: true } });
    try {
      const expected = process.getuid?.() === 0 ? 23 : 2424;
      expect(sim.telnetPort).toBe(expected);
      const box = sim.devices.find((d) => d.kind === 'box');
      expect(box?.port).toBe(expected);
      (await loggedIn(box?.ip ?? '', expected)).close();
    } finally {
      await sim.close();
    }
  });

  it('refuses an invalid site with SIM_SITE_INVALID', async () => {
    await expect(startSimulator({ site: { subnets: [] } })).rejects.toMatchObject({
      code: SimErrorCode.SiteInvalid,
    });
    await expect(startSimulator({ site: 'not a site' })).rejects.toMatchObject({
      code: SimErrorCode.SiteInvalid,
    });
  });
});
