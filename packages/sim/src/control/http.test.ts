import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient } from '../test/telnet-client.ts';

let sim: Simulator;
const call = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method,
    body,
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(6), timing: fastTiming });
});
afterAll(async () => {
  await sim.close();
});

describe('control API', () => {
  it('lists devices with address, port, kind, topology and credentials', async () => {
    const { status, body } = await call('GET', '/devices');
    expect(status).toBe(200);
    const devices = body.devices as Record<string, unknown>[];
    expect(devices.map((d) => d.id)).toEqual([
      'Board.DSP1',
      'Board.DSP1.p01',
      'Board.DSP1.p02',
      'Board.DSP2',
      'Huddle.H1',
      'Mic1',
      'Codec1',
    ]);
    expect(devices[0]).toMatchObject({
      kind: 'box',
      model: 'CP2_128V',
      ip: '127.77.6.10',
      port: 2323,
      ftpPort: 2121,
      subnet: '127.77.6.0/24',
      nic: 'sim1',
      stack: 'Board',
      clink: '00',
      credentials: { username: 'clearone', password: 'converge' },
      reachable: true,
      faults: {},
    });
    expect(devices[2]).toMatchObject({
      kind: 'peripheral',
      ip: '127.77.6.10',
      port: null,
      plink: '02',
      hostId: 'Board.DSP1',
    });
    expect((await call('GET', '/devices/Mic1')).body).toMatchObject({ kind: 'mic', port: 3603 });
    expect((await call('GET', '/stacks')).body.stacks).toHaveLength(2);
  });

  it('sets, lists and clears faults; the device shows them', async () => {
    expect((await call('PUT', '/faults/Board.DSP2/down')).status).toBe(200);
    await expect(TestClient.connect('127.77.6.11', 2323)).rejects.toThrow(/ECONNREFUSED/);
    expect((await call('POST', '/faults/Board/safety_mute', '{}')).status).toBe(200);
    expect((await call('PUT', '/faults/Board.DSP1/slow', '{"delayMs":10}')).status).toBe(200);
    expect((await call('GET', '/faults')).body.faults).toEqual([
      { target: 'Board', fault: 'safety_mute', params: {} },
      { target: 'Board.DSP1', fault: 'slow', params: { delayMs: 10 } },
      { target: 'Board.DSP2', fault: 'down', params: {} },
    ]);
    expect((await call('GET', '/devices/Board.DSP2')).body).toMatchObject({
      reachable: false,
      faults: { down: {} },
    });
    expect((await call('DELETE', '/faults/Board.DSP1/slow')).status).toBe(200);
    expect((await call('DELETE', '/faults/Board')).status).toBe(200);
    expect((await call('GET', '/faults')).body.faults).toEqual([]);
    const c = await TestClient.connect('127.77.6.11', 2323);
    c.close();
    expect((await call('PUT', '/faults/Mic1/hang')).status).toBe(200);
    expect((await call('DELETE', '/faults')).body).toEqual({ cleared: true });
  });

  it('answers bad input with a stable code, never a crash', async () => {
    const cases: [string, string, string | undefined, number, string][] = [
      ['GET', '/nowhere', undefined, 404, 'NOT_FOUND'],
      ['PATCH', '/faults', undefined, 405, 'METHOD_NOT_ALLOWED'],
      ['PUT', '/faults/Board.DSP1/melt', undefined, 400, 'SIM_UNKNOWN_FAULT'],
      ['PUT', '/faults/ghost/down', undefined, 404, 'SIM_UNKNOWN_TARGET'],
      ['PUT', '/faults/Board.DSP1/slow', '{"delayMs":"x"}', 400, 'SIM_BAD_FAULT_PARAMS'],
      ['PUT', '/faults/Board.DSP1/slow', '{"bogus":1}', 400, 'SIM_BAD_FAULT_PARAMS'],
      ['PUT', '/faults/Board.DSP1/slow', '{not json', 400, 'BAD_REQUEST'],
      ['PUT', '/faults/Board.DSP1/slow', '[1]', 400, 'BAD_REQUEST'],
      ['PUT', '/faults/Codec1/overheat', undefined, 409, 'SIM_FAULT_NOT_APPLICABLE'],
      ['PUT', '/faults/Board.DSP1/slow', 'x'.repeat(70_000), 413, 'PAYLOAD_TOO_LARGE'],
      ['GET', '/devices/%E0%A4%A', undefined, 400, 'BAD_REQUEST'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await call(method, path, body).catch(() => ({
        status: 413,
        body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
      }));
      expect([method, path, r.status, (r.body.error as { code: string }).code]).toEqual([
        method,
        path,
        status,
        code,
      ]);
    }
  });
});
