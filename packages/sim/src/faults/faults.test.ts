import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cp2LoginFailedText } from '@crosspoint/protocol';
import { SimErrorCode } from '../errors.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, clientPool, failedLogin } from '../test/telnet-client.ts';

const dsp1 = '127.77.3.10';
const dsp2 = '127.77.3.11';
let sim: Simulator;
const pool = clientPool();
const session = (host = dsp1, user?: string, password?: string) => pool.session(host, user, password);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refused = (host: string) => expect(TestClient.connect(host, 2323)).rejects.toThrow(/ECONNREFUSED/);

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(3), timing: fastTiming });
});
afterEach(async () => {
  pool.closeAll();
  await sim.control.clearFaults();
});
afterAll(async () => {
  await sim.close();
});

describe('connection faults', () => {
  it('down: refuses connections and resets open ones; back when cleared', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'down', true);
    await c.closedWithin();
    await refused(dsp1);
    expect(sim.device('Board.DSP1')?.reachable).toBe(false);
    await sim.control.setFault('Board.DSP1', 'down', false);
    await session();
  });

  it('hang: sockets stay open but nothing is read or written until cleared', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'hang', true);
    c.send('VERSION');
    const fresh = await TestClient.connect(dsp1, 2323);
    pool.track(fresh);
    await sleep(300);
    expect(c.lines.filter((l) => l.startsWith('VERSION '))).toEqual([]);
    expect(fresh.rawText()).toBe('');
    expect(c.closed).toBe(false);
    await sim.control.setFault('Board.DSP1', 'hang', false);
    expect(await c.next('VERSION ')).toBe('VERSION 8.3.15.0');
    await fresh.prompt('username');
  });

  it('flap: alternates between refusing and accepting', async () => {
    await sim.control.setFault('Huddle.H1', 'flap', { periodMs: 60 });
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const c = await TestClient.connect('127.77.3.20', 2323).catch(() => undefined);
      seen.add(c ? 'up' : 'down');
      c?.close();
      await sleep(20);
    }
    expect(seen).toEqual(new Set(['up', 'down']));
    await sim.control.setFault('Huddle.H1', 'flap', false);
    await session('127.77.3.20');
  });

  it('bad_credentials: drops sessions and refuses the old credentials until cleared', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'bad_credentials', true);
    await c.closedWithin();
    expect(await failedLogin(pool, dsp2, cp2LoginFailedText)).toBe(cp2LoginFailedText);
    expect(sim.control.listFaults()).toEqual([{ target: 'Board', fault: 'bad_credentials', params: {} }]);
    await sim.control.setFault('Board', 'bad_credentials', false);
    await session(dsp2);
  });
});

describe('state faults push what the agent watches', () => {
  it('overheat: pushes the temperature and reports it; CP2 only', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'overheat', { celsius: 90 });
    expect(await c.next('BOX DSP1 UNIT TEMPERATURE')).toBe('BOX DSP1 UNIT TEMPERATURE 90');
    await sim.control.setFault('Board.DSP1', 'overheat', false);
    expect(await c.next('BOX DSP1 UNIT TEMPERATURE')).toBe('BOX DSP1 UNIT TEMPERATURE 41');
    await expect(sim.control.setFault('Huddle.H1', 'overheat', true)).rejects.toMatchObject({
      code: SimErrorCode.FaultNotApplicable,
    });
  });

  it('voip_reg_fail and voip_pending: registration lines and the pending flag', async () => {
    const c = await session();
    await c.ask('EP UA 101 NOTIFICATION REG_FAILED', 'EP UA');
    await sim.control.setFault('Board.DSP1', 'voip_reg_fail', { reason: 'no answer' });
    expect(await c.next('EP UA 101 NOTIFICATION')).toBe('EP UA 101 NOTIFICATION REG_FAILED no_answer');
    expect(await c.next('EP UA 101 INQUIRE')).toBe('EP UA 101 INQUIRE REGISTRATION NOT_REGISTERED');
    await sim.control.setFault('Board.DSP1', 'voip_reg_fail', false);
    expect(await c.next('EP UA 101 INQUIRE')).toBe('EP UA 101 INQUIRE REGISTRATION REGISTERED');
    await sim.control.setFault('Board.DSP1', 'voip_pending', true);
    expect(await c.next('BOX DSP1 VOIP PENDING')).toBe('BOX DSP1 VOIP PENDING 1');
    await expect(sim.control.setFault('Board.DSP2', 'voip_pending', true)).rejects.toMatchObject({
      code: SimErrorCode.FaultNotApplicable,
    });
  });

  it('stack_incomplete on a stack takes its last box off line; on a peripheral, the peripheral', async () => {
    const c = await session();
    await sim.control.setFault('Board', 'stack_incomplete', true);
    expect(await c.next('STACK INFO BOX 01')).toBe('STACK INFO BOX 01 0 DSP2 CP2_48T');
    await refused(dsp2);
    await sim.control.clearFaults('Board');
    expect(await c.next('STACK INFO BOX 01')).toBe('STACK INFO BOX 01 1 DSP2 CP2_48T');
    await sim.control.setFault('Board.DSP1.p02', 'stack_incomplete', true);
    expect(await c.next('BOX DSP1 PLINK ITEM 02')).toMatch(/^BOX DSP1 PLINK ITEM 02 1 0 BT_EXPANDER /);
  });

  it('stack_mismatch: a peripheral or a box reports another stack name', async () => {
    const c = await session();
    await sim.control.setFault('Board', 'stack_mismatch', { stackName: 'Elsewhere' });
    expect(await c.next('BOX DSP1 PLINK ITEM 01')).toMatch(/ Elsewhere$/);
    const d2 = await session(dsp2);
    await sim.control.setFault('Board.DSP2', 'stack_mismatch', true);
    expect(await d2.next('STACK INFO NAME')).toBe('STACK INFO NAME Board-OTHER BOXES 2 SELF 01');
    expect(await d2.ask('STACK INFO', 'STACK INFO NAME')).toBe('STACK INFO NAME Board-OTHER BOXES 2 SELF 01');
  });

  it('safety_mute and locate: pushed, locate ends after the timeout', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP2', 'safety_mute', true);
    expect(await c.next('STACK SAFETY_MUTE')).toBe('STACK SAFETY_MUTE 1');
    await sim.control.setFault('Board.DSP1', 'locate', true);
    expect(await c.next('BOX DSP1 LOCATE')).toBe('BOX DSP1 LOCATE 1');
    expect(await c.next('BOX DSP1 LOCATE', 3000)).toBe('BOX DSP1 LOCATE 0');
  });
});

describe('wire faults', () => {
  it('slow: delays every reply', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'slow', { delayMs: 250, jitterMs: 0 });
    const t0 = Date.now();
    await c.ask('VERSION', 'VERSION ');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('garbage: junk around replies, every reply still recoverable', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'garbage', { rate: 1 });
    for (let i = 0; i < 8; i++)
      expect(await c.ask('BOX DSP1 UNIT SN', 'BOX DSP1 UNIT SN ')).toBe('BOX DSP1 UNIT SN 0196-1743-08');
    expect(
      c.framer.stats.overlongLines + c.framer.stats.invalidUtf8Lines + c.framer.stats.strayIac,
    ).toBeGreaterThan(0);
  });

  it('half_line: one reply arrives in several TCP writes', async () => {
    const c = await session();
    await sim.control.setFault('Board.DSP1', 'half_line', { pieces: 4, gapMs: 30 });
    const before = c.raw.length;
    expect(await c.ask('BOX DSP1 UNIT MODEL', 'BOX DSP1 UNIT MODEL ')).toBe('BOX DSP1 UNIT MODEL CP2_128V');
    expect(c.raw.length - before).toBeGreaterThanOrEqual(3);
  });

  it('refuses unknown faults and bad parameters with stable codes', async () => {
    await expect(sim.control.setFault('Board.DSP1', 'melt', true)).rejects.toMatchObject({
      code: SimErrorCode.UnknownFault,
    });
    await expect(sim.control.setFault('Board.DSP1', 'slow', { delayMs: -1 })).rejects.toMatchObject({
      code: SimErrorCode.BadFaultParams,
    });
    await expect(sim.control.setFault('nobody', 'down', true)).rejects.toMatchObject({
      code: SimErrorCode.UnknownTarget,
    });
    await expect(sim.control.setFault('Board.DSP1', 'cs_fail', true)).rejects.toMatchObject({
      code: SimErrorCode.FaultNotApplicable,
    });
  });
});
