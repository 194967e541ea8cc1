// The agent's health report: each issue from what causes it (a failing subnet sweep against the
// simulator, for real; the others from scripted figures), and nothing reported when all is well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';
import { HealthMonitor, sweepIssues, type ProcessUsage } from './agent-health.ts';

const mb = 1_000_000;

/** A process whose CPU time and memory the test sets. */
function scriptedProcess() {
  const state: ProcessUsage & { at: number } = {
    at: 1_000_000,
    cpuMicros: 0,
    rssBytes: 80 * mb,
    heapUsedBytes: 30 * mb,
    heapLimitBytes: 4000 * mb,
  };
  return {
    state,
    usage: () => ({ ...state }),
    now: () => state.at,
    /** `seconds` pass with the agent using `percent` of a core. */
    run(seconds: number, percent: number) {
      state.at += seconds * 1000;
      state.cpuMicros += seconds * 1_000_000 * (percent / 100);
    },
  };
}

describe('health report', () => {
  it('reports CPU and memory and no issue while all is well', () => {
    const p = scriptedProcess();
    const monitor = new HealthMonitor({ sweeps: () => [], statuses: () => ['OK', 'OK'], ...p });
    p.run(30, 4);
    expect(monitor.report(0)).toEqual({ cpuPercent: 4, memoryMb: 80, backlog: 0, issues: [] });
  });

  it('CPU_HIGH after two reports in a row above the limit, MEMORY_HIGH at once', () => {
    const p = scriptedProcess();
    const monitor = new HealthMonitor({ sweeps: () => [], statuses: () => [], ...p });
    p.run(30, 97);
    expect(monitor.report(0).issues).toEqual([]);
    p.run(30, 99);
    expect(monitor.report(0).issues.map((i) => i.code)).toEqual(['CPU_HIGH']);
    p.run(30, 5);
    p.state.rssBytes = 1800 * mb;
    const memory = monitor.report(0).issues;
    expect(memory).toEqual([{ code: 'MEMORY_HIGH', reason: expect.stringMatching(/1800 MB/) as unknown }]);
  });

  it('BUFFER_GROWING when the backlog is large and grows at every report; CREDENTIALS_FAILING for many Login Failed', () => {
    const p = scriptedProcess();
    let statuses = ['OK', 'Login Failed', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK'];
    const monitor = new HealthMonitor({ sweeps: () => [], statuses: () => statuses, ...p });
    for (const backlog of [150, 300, 450]) expect(monitor.report(backlog).issues).toEqual([]);
    const growing = monitor.report(600).issues;
    expect(growing.map((i) => i.code)).toEqual(['BUFFER_GROWING']);
    expect(growing[0]?.reason).toMatch(/600 changes wait/);
    // Draining again: no longer an issue.
    expect(monitor.report(500).issues).toEqual([]);
    statuses = ['Login Failed', 'Login Failed', 'Login Failed', 'OK', 'OK', 'OK'];
    expect(monitor.report(0).issues).toEqual([
      {
        code: 'CREDENTIALS_FAILING',
        reason: expect.stringMatching(/3 of 6 devices refuse the agent's login/) as unknown,
      },
    ]);
  });

  it('a subnet where nothing answers is not failing; a sweep that broke is', () => {
    const base = { cidr: '10.0.0.0/24', interface: 'eth0', at: 0, identified: 0, loginFailed: 0 };
    expect(sweepIssues([{ ...base, candidates: 0, errors: 0 }])).toEqual([]);
    expect(sweepIssues([{ ...base, candidates: 4, identified: 3, errors: 1, firstError: 'x' }])).toEqual([]);
    expect(sweepIssues([{ ...base, candidates: 0, errors: 0, failure: 'EADDRNOTAVAIL' }])).toEqual([
      {
        code: 'SUBNET_SWEEP_FAILING',
        reason: 'Subnet sweep failing: 10.0.0.0/24 (eth0): the sweep failed: EADDRNOTAVAIL.',
      },
    ]);
  });
});

describe('health report against the simulator', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig(smallSite(17), { discover: false });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('reports SUBNET_SWEEP_FAILING when the subnet’s devices answer but cannot be identified, and clears when they can', async () => {
    const monitor = new HealthMonitor({
      sweeps: () => rig.agent.sweeps(),
      statuses: () => rig.agent.inventory().map((d) => d.status),
    });
    // Every box accepts the connection and then answers nothing (hung).
    for (const box of ['Main.DSP1', 'Main.DSP2', 'Solo.HUD1'])
      await rig.sim.control.setFault(box, 'hang', true);
    await rig.agent.rediscover();
    const [sweep] = rig.agent.sweeps();
    expect(sweep).toMatchObject({ cidr: '127.61.17.0/24', interface: 'sim17' });
    expect(sweep?.errors).toBeGreaterThan(0);
    const failing = monitor.report(0).issues;
    expect(failing).toEqual([
      {
        code: 'SUBNET_SWEEP_FAILING',
        reason: expect.stringMatching(
          /^Subnet sweep failing: 127\.61\.17\.0\/24 \(sim17\): \d+ of \d+ answering addresses could not be identified/,
        ) as unknown,
      },
    ]);

    for (const box of ['Main.DSP1', 'Main.DSP2', 'Solo.HUD1'])
      await rig.sim.control.setFault(box, 'hang', false);
    await rig.agent.rediscover();
    expect(monitor.report(0).issues).toEqual([]);
  }, 60_000);
});
