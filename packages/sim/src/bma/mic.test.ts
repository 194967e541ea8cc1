import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bma360dErrorLine, videoStatusPath } from '@crosspoint/protocol';
import { startSimulator, type Simulator } from '../simulator.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, clientPool } from '../test/telnet-client.ts';

const micIp = '127.77.5.30';
const codecUrl = `http://127.77.5.40:8080${videoStatusPath}`;
let sim: Simulator;
const pool = clientPool();
const mic = async () => pool.track(await TestClient.connect(micIp, 3603));

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(5), timing: fastTiming });
});
afterEach(async () => {
  pool.closeAll();
  await sim.control.clearFaults();
});
afterAll(async () => {
  await sim.close();
});

describe('BMA 360D on TCP 3603 [C commands]', () => {
  it('answers its commands without login', async () => {
    const c = await mic();
    expect(await c.ask('DANTEIP', 'DANTEIP')).toBe(`DANTEIP ${micIp}`);
    expect(await c.ask('DANTEMAC', 'MACADDR')).toMatch(/^MACADDR ([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
    expect(await c.ask('BFZONE 3 0', 'BFZONE')).toBe('BFZONE 3 0');
    expect(await c.ask('BFZONE 3', 'BFZONE')).toBe('BFZONE 3 0');
    expect(await c.ask('BEAMREPORT', 'BEAMREPORT')).toMatch(/^BEAMREPORT [01]{12}$/);
    expect(await c.ask('GAIN 1 V -6', 'GAIN')).toBe('GAIN 1 V -6');
    expect(await c.ask('MUTE 2 S 2', 'MUTE')).toBe('MUTE 2 S 1');
    expect(await c.ask('LOCATE Mic1 1', 'LOCATE')).toBe('LOCATE Mic1 1');
    expect(await c.ask('VERSION', 'VERSION')).toBe('VERSION 1.3.0.2');
    expect(await c.ask('BFZONE 13 1', 'ERROR')).toBe(bma360dErrorLine);
    expect(await c.ask('HELLO', 'ERROR')).toBe(bma360dErrorLine);
  });

  it('streams beam reports when asked and takes wire faults', async () => {
    const c = await mic();
    await c.ask('BREPORT 2', 'BREPORT');
    await c.next(/^BEAMREPORT/);
    await c.next(/^BEAMREPORT/);
    expect(await c.ask('BREPORT 0', 'BREPORT')).toBe('BREPORT 0');
    await sim.control.setFault('Mic1', 'down', true);
    await c.closedWithin();
    await expect(TestClient.connect(micIp, 3603)).rejects.toThrow(/ECONNREFUSED/);
    await sim.control.setFault('Mic1', 'down', false);
    const again = await mic();
    expect(await again.ask('LOCATE Mic1 2', 'LOCATE')).toBe('LOCATE Mic1 2');
    await sim.control.setFault('Mic1', 'locate', true);
    expect(await again.next('LOCATE')).toBe('LOCATE Mic1 1');
  });
});

describe('COLLABORATE Live status over HTTP [G]', () => {
  it('serves its status; cs_fail and video_down are visible', async () => {
    const ok = (await (await fetch(codecUrl)).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ model: 'CL600', name: 'Codec1', csRegistered: true });
    await sim.control.setFault('Codec1', 'cs_fail', true);
    expect(((await (await fetch(codecUrl)).json()) as { csRegistered: boolean }).csRegistered).toBe(false);
    await sim.control.setFault('Codec1', 'video_down', true);
    await expect(fetch(codecUrl)).rejects.toThrow();
    await sim.control.setFault('Codec1', 'video_down', false);
    expect((await fetch(codecUrl)).status).toBe(200);
    expect((await fetch(codecUrl.replace(videoStatusPath, '/nope'))).status).toBe(404);
    await expect(sim.control.setFault('Codec1', 'garbage', true)).rejects.toMatchObject({
      code: 'SIM_FAULT_NOT_APPLICABLE',
    });
  });
});
