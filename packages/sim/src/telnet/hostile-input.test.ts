import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../prng.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { TestFtp } from '../test/ftp-client.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, clientPool } from '../test/telnet-client.ts';

const base = '127.77.7';
let sim: Simulator;
const pool = clientPool();

function noise(seed: number, size: number): Buffer {
  const rnd = seededRandom(seed);
  return Buffer.from(Array.from({ length: size }, () => Math.floor(rnd() * 256)));
}

async function spray(c: TestClient, seed: number): Promise<void> {
  const data = noise(seed, 20_000);
  for (let i = 0; i < data.length; i += 997) c.socket.write(data.subarray(i, i + 997));
  await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  const site = testSite(7);
  const box = site.subnets[0]?.stacks?.[0]?.boxes[0];
  if (box) box.ftpEnabled = true;
  sim = await startSimulator({ site, timing: fastTiming });
});
afterEach(() => pool.closeAll());
afterAll(async () => {
  await sim.close();
});

describe('hostile input never breaks a device', () => {
  it('a logged-in telnet session survives random bytes and still answers', async () => {
    for (const seed of [1, 2, 3]) {
      const c = await pool.session(`${base}.10`);
      await spray(c, seed);
      c.send('');
      expect(await c.ask('BOX DSP1 UNIT SN', 'BOX DSP1 UNIT SN ', 4000)).toBe(
        'BOX DSP1 UNIT SN 0196-1743-08',
      );
    }
  });

  it('random bytes at the login prompt end in lockout or a prompt, and the box still serves others', async () => {
    const c = pool.track(await TestClient.connect(`${base}.10`, 2323));
    await c.prompt('username');
    await spray(c, 9);
    const fresh = await pool.session(`${base}.10`);
    expect(await fresh.ask('VERSION', 'VERSION ')).toBe('VERSION 8.3.15.0');
  });

  it('the BMA 360D and the FTP server survive random bytes', async () => {
    const mic = pool.track(await TestClient.connect(`${base}.30`, 3603));
    await spray(mic, 4);
    mic.send('');
    expect(await mic.ask('DANTEIP', 'DANTEIP', 4000)).toBe(`DANTEIP ${base}.30`);
    const ftp = pool.track(await TestFtp.connect(`${base}.10`, 2121));
    const raw = pool.track(await TestClient.connect(`${base}.10`, 2121));
    await spray(raw, 5);
    expect((await ftp.login()).code).toBe(230);
  });
});
