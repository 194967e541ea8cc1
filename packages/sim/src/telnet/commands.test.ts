import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cp2ErrorLine } from '@crosspoint/protocol';
import { startSimulator, type Simulator } from '../simulator.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, clientPool } from '../test/telnet-client.ts';

const dsp1 = '127.77.2.10';
const dsp2 = '127.77.2.11';
const huddle = '127.77.2.20';
let sim: Simulator;
const pool = clientPool();
const session = (host = dsp1, user?: string, password?: string) => pool.session(host, user, password);

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(2), timing: fastTiming });
});
afterEach(() => {
  pool.closeAll();
});
afterAll(async () => {
  await sim.close();
});

describe('EP LEVEL [C]', () => {
  it('reads and writes gain and mute by name or number, echoing the form used', async () => {
    const c = await session();
    expect(await c.ask('EP MIC 101 LEVEL GAIN')).toBe('EP MIC 101 LEVEL GAIN 0');
    expect(await c.ask('ep mic 101 level gain -5.5', 'EP MIC')).toBe('EP MIC 101 LEVEL gain -5.5');
    expect(await c.ask('EP MIC 101 1 1', 'EP MIC')).toBe('EP MIC 101 LEVEL 1 -5.5');
    expect(await c.ask('EP MIC 101 LEVEL GAIN -2 REL', 'EP MIC')).toBe('EP MIC 101 LEVEL GAIN -7.5');
    expect(await c.ask('EP MIC 101 LEVEL GAIN 99', 'EP MIC')).toBe('EP MIC 101 LEVEL GAIN 20');
    expect(await c.ask('EP MIC 101 LEVEL GAIN 1.3', 'EP MIC')).toBe('EP MIC 101 LEVEL GAIN 1.5');
    expect(await c.ask('EP MIC 101 LEVEL MUTE 2', 'EP MIC')).toBe('EP MIC 101 LEVEL MUTE 1');
    expect(await c.ask('EP MIC 101 LEVEL MUTE 2', 'EP MIC')).toBe('EP MIC 101 LEVEL MUTE 0');
    expect(await c.ask('EP MIC 101 LEVEL MAX_GAIN 6')).toBe('EP MIC 101 LEVEL MAX_GAIN 6');
    expect(await c.ask('EP MIC 101 LEVEL GAIN')).toBe('EP MIC 101 LEVEL GAIN 1.5');
    expect(await c.ask('EP MIC 101 LEVEL GAIN 12', 'EP MIC')).toBe('EP MIC 101 LEVEL GAIN 6');
    expect(await c.ask('EP MIC 101 LEVEL 8 -10')).toBe('EP MIC 101 LEVEL 8 -10');
  });

  it('addresses the second box with its EPN digit and answers aliases with the alias', async () => {
    const c = await session();
    expect(await c.ask('EP MIC 204 LEVEL MUTE 1')).toBe('EP MIC 204 LEVEL MUTE 1');
    expect(await c.ask('EP SPKR_ZN_1 LEVEL GAIN -3')).toBe('EP SPKR_ZN_1 LEVEL GAIN -3');
    expect(await c.ask('EP OUTPUT 101 LEVEL GAIN')).toBe('EP OUTPUT 101 LEVEL GAIN -3');
  });

  it.each([
    'EP MIC 113 LEVEL GAIN',
    'EP MIC 301 LEVEL GAIN',
    'EP MIC 105 LEVEL LOUD',
    'EP MIC 105 LEVEL MUTE 3',
    'EP MIC 105 LEVEL MUTE 1 REL',
    'EP MIC 105 LEVEL GAIN REL',
    'EP NOPE LEVEL GAIN',
    'EP UA 201 LEVEL GAIN',
    'EP TELCO_RX 101 LEVEL GAIN',
  ])('answers `%s` with the error line', async (cmd) => {
    const c = await session();
    expect(await c.ask(cmd, 'Error')).toBe(cp2ErrorLine);
  });

  it('ramps to a target and reports the final gain; runs macros and pushes their changes', async () => {
    const c = await session();
    const other = await session(dsp2);
    c.send('RAMP OUTPUT 102 -12 1');
    expect(await c.next('RAMP')).toBe('RAMP OUTPUT 102 -12 1');
    expect(await c.next('EP OUTPUT 102')).toBe('EP OUTPUT 102 LEVEL GAIN -12');
    expect(await other.next('EP OUTPUT 102')).toBe('EP OUTPUT 102 LEVEL GAIN -12');
    expect(await c.ask('RAMP MIC 101 -10 0', 'Error')).toBe(cp2ErrorLine);
    c.send('MCCF SYSOFF');
    expect(await c.next('MCCF')).toBe('MCCF SYSOFF');
    expect(await c.next('EP OUTPUT 101 LEVEL MUTE')).toBe('EP OUTPUT 101 LEVEL MUTE 1');
    expect(await other.next('EP OUTPUT 101 LEVEL MUTE')).toBe('EP OUTPUT 101 LEVEL MUTE 1');
    expect(await c.ask('MCCF sysoff', 'Error')).toBe(cp2ErrorLine);
  });
});

describe('VoIP user agent [C forms]', () => {
  it('acknowledges subscriptions and refuses extra arguments', async () => {
    const c = await session();
    expect(await c.ask('EP UA 101 NOTIFCATION STATE_CHANGE', 'EP UA')).toBe(
      'EP UA 101 NOTIFICATION STATE_CHANGE',
    );
    expect(await c.ask('EP UA 101 NOTIFICATION STATE_CHANGE IDLE', 'Error')).toBe(cp2ErrorLine);
    expect(await c.ask('EP UA 101 NOTIFICATION BOGUS', 'Error')).toBe(cp2ErrorLine);
    expect(await c.ask('EP UA 201 NOTIFICATION ERROR', 'Error')).toBe(cp2ErrorLine);
  });

  it('drives a call: hook, dial, inquire, hang up, with notifications to subscribers only', async () => {
    const c = await session();
    const quiet = await session(dsp2);
    for (const t of ['STATE_CHANGE', 'INDICATION']) await c.ask(`EP UA 101 NOTIFICATION ${t}`, 'EP UA');
    c.send('EP UA 101 KEY KEY_HOOK 1');
    expect(await c.next('EP UA 101 NOTIFICATION')).toBe('EP UA 101 NOTIFICATION STATE_CHANGE PL 1;DIALTONE');
    expect(await c.next('EP UA 101 KEY')).toBe('EP UA 101 KEY KEY_HOOK 1');
    c.send('EP UA 101 KEY KEY_CALL 5551234');
    expect(await c.next('EP UA 101 NOTIFICATION INDICATION')).toBe(
      'EP UA 101 NOTIFICATION INDICATION PL 1;INPROCESS;5551234',
    );
    expect(await c.next('EP UA 101 NOTIFICATION STATE_CHANGE')).toBe(
      'EP UA 101 NOTIFICATION STATE_CHANGE PL 1;ACTIVE',
    );
    expect(await c.ask('EP UA 101 INQUIRE ACTIVE_PARTIES', 'EP UA 101 INQUIRE')).toBe(
      'EP UA 101 INQUIRE ACTIVE_PARTIES 1',
    );
    expect(await c.ask('EP UA 101 INQUIRE DIGITS_DIALED_SINCE_OFF_HOOK', 'EP UA 101 INQUIRE')).toBe(
      'EP UA 101 INQUIRE DIGITS_DIALED_SINCE_OFF_HOOK 5551234',
    );
    c.send('EP UA 101 KEY KEY_HOOK 0');
    expect(await c.next('EP UA 101 NOTIFICATION')).toBe('EP UA 101 NOTIFICATION STATE_CHANGE PL 1;IDLE');
    c.send('EP UA 101 KEY KEY_DO_NOT_DISTURB 1');
    expect(await c.next('EP UA 101 NOTIFICATION')).toBe('EP UA 101 NOTIFICATION INDICATION PL NA;DND:ON');
    expect(await c.ask('EP UA 101 INQUIRE DND_STATUS', 'EP UA 101 INQUIRE')).toBe(
      'EP UA 101 INQUIRE DND_STATUS 1',
    );
    expect(await c.ask('EP UA 101 KEY KEY_FLY', 'Error')).toBe(cp2ErrorLine);
    expect(await c.ask('EP UA 101 SETTINGS AUTO_ANSWER 1')).toBe('EP UA 101 SETTINGS AUTO_ANSWER 1');
    expect(await c.ask('EP UA 101 SETTINGS AUTO_ANSWER')).toBe('EP UA 101 SETTINGS AUTO_ANSWER 1');
    expect(quiet.lines.some((l) => l.includes('NOTIFICATION'))).toBe(false);
  });

  it('answers telco hook and settings on a T box', async () => {
    const c = await session(dsp2);
    expect(await c.ask('EP TELCO_RX 201 INQUIRE HOOK', 'EP TELCO_RX')).toBe('EP TELCO_RX 201 INQUIRE HOOK 0');
    expect(await c.ask('EP TELCO_RX 201 KEY KEY_HOOK 1')).toBe('EP TELCO_RX 201 KEY KEY_HOOK 1');
    expect(await c.ask('EP TELCO_RX 201 INQUIRE HOOK', 'EP TELCO_RX')).toBe('EP TELCO_RX 201 INQUIRE HOOK 1');
    expect(await c.ask('EP TELCO_RX 201 SETTINGS RING_ENABLE 1')).toBe(
      'EP TELCO_RX 201 SETTINGS RING_ENABLE 1',
    );
    expect(await c.ask('EP TELCO_RX 201 SETTINGS AUTO_ANSWER_RINGS 3')).toBe(
      'EP TELCO_RX 201 SETTINGS AUTO_ANSWER_RINGS 3',
    );
    expect(await c.ask('EP TELCO_RX 101 INQUIRE HOOK', 'Error')).toBe(cp2ErrorLine);
  });

  it('provisions a line: restart pending until VOIP RESTART re-registers it [G]', async () => {
    const c = await session();
    const watcher = await session(dsp2);
    await c.ask('EP UA 102 NOTIFICATION REG_SUCCEED', 'EP UA');
    expect(await c.ask('EP UA 102 INQUIRE REGISTRATION', 'EP UA 102 INQUIRE')).toBe(
      'EP UA 102 INQUIRE REGISTRATION DISABLED',
    );
    expect(await c.ask('EP UA 102 PROVISION 1 2002 secret pbx.local', 'EP UA')).toBe(
      'EP UA 102 PROVISION 1 2002 pbx.local',
    );
    expect(await watcher.next('BOX DSP1 VOIP PENDING')).toBe('BOX DSP1 VOIP PENDING 1');
    expect(await c.ask('BOX DSP1 VOIP PENDING')).toBe('BOX DSP1 VOIP PENDING 1');
    c.send('BOX DSP1 VOIP RESTART');
    expect(await c.next('EP UA 102 NOTIFICATION')).toBe('EP UA 102 NOTIFICATION REG_SUCCEED pbx.local');
    expect(await c.next('BOX DSP1 VOIP PENDING')).toBe('BOX DSP1 VOIP PENDING 0');
    expect(await watcher.next('EP UA 102 INQUIRE REGISTRATION')).toBe(
      'EP UA 102 INQUIRE REGISTRATION REGISTERED',
    );
    expect(await c.ask('BOX DSP2 VOIP PENDING', 'Error')).toBe(cp2ErrorLine);
  });
});

describe('management verbs [G]', () => {
  it('answers identity and health queries for any online box of the stack', async () => {
    const c = await session();
    expect(await c.ask('BOX DSP2 UNIT SN')).toMatch(/^BOX DSP2 UNIT SN \d{4}-\d{4}-\d{2}$/);
    expect(await c.ask('BOX DSP1 UNIT MODEL')).toBe('BOX DSP1 UNIT MODEL CP2_128V');
    expect(await c.ask('BOX DSP1 UNIT FW_VERSION')).toBe('BOX DSP1 UNIT FW_VERSION 8.3.15.0');
    expect(await c.ask('BOX DSP1 UNIT IP')).toBe(`BOX DSP1 UNIT IP ${dsp1}`);
    expect(await c.ask('BOX DSP1 UNIT MAC')).toMatch(/^BOX DSP1 UNIT MAC ([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
    expect(await c.ask('BOX DSP1 UNIT TEMPERATURE')).toBe('BOX DSP1 UNIT TEMPERATURE 41');
    expect(await c.ask('BOX DSP1 UNIT STATE')).toBe('BOX DSP1 UNIT STATE READY');
    expect(await c.ask('BOX dsp1 UNIT SN', 'Error')).toBe(cp2ErrorLine);
    expect(await c.ask('BOX H1 UNIT SN', 'Error')).toBe(cp2ErrorLine);
    const h = await session(huddle);
    expect(await h.ask('BOX H1 UNIT TEMPERATURE', 'Error')).toBe(cp2ErrorLine);
  });

  it('lists the stack over C-Link and the P-Link chain of a box', async () => {
    const c = await session(dsp2);
    c.send('STACK INFO');
    expect(await c.next('STACK INFO NAME')).toBe('STACK INFO NAME Board BOXES 2 SELF 01');
    expect(await c.next('STACK INFO BOX')).toBe('STACK INFO BOX 00 1 DSP1 CP2_128V');
    expect(await c.next('STACK INFO BOX')).toBe('STACK INFO BOX 01 1 DSP2 CP2_48T');
    c.send('BOX DSP1 PLINK LIST');
    expect(await c.next('BOX DSP1 PLINK COUNT')).toBe('BOX DSP1 PLINK COUNT 2');
    expect(await c.next('BOX DSP1 PLINK ITEM')).toMatch(
      /^BOX DSP1 PLINK ITEM 01 1 1 BFM2 \S+ 1\.0\.3\.12 Board$/,
    );
    expect(await c.next('BOX DSP1 PLINK ITEM')).toMatch(
      /^BOX DSP1 PLINK ITEM 02 1 1 BT_EXPANDER \S+ 1\.0\.1\.18 Board$/,
    );
    expect(await c.ask('BOX DSP2 PLINK LIST', 'BOX DSP2 PLINK')).toBe('BOX DSP2 PLINK COUNT 0');
  });

  it('turns locate on, pushes it, and turns it off after the locate timeout', async () => {
    const c = await session();
    const other = await session(dsp2);
    expect(await c.ask('BOX DSP1 LOCATE')).toBe('BOX DSP1 LOCATE 0');
    expect(await c.ask('BOX DSP1 LOCATE 1')).toBe('BOX DSP1 LOCATE 1');
    expect(await other.next('BOX DSP1 LOCATE')).toBe('BOX DSP1 LOCATE 1');
    expect(await c.next('BOX DSP1 LOCATE', 3000)).toBe('BOX DSP1 LOCATE 0');
    expect(await other.next('BOX DSP1 LOCATE')).toBe('BOX DSP1 LOCATE 0');
  });

  it('switches safety mute stack-wide and FTP per box', async () => {
    const c = await session();
    const other = await session(dsp2);
    expect(await c.ask('STACK SAFETY_MUTE 1')).toBe('STACK SAFETY_MUTE 1');
    expect(await other.next('STACK SAFETY_MUTE')).toBe('STACK SAFETY_MUTE 1');
    expect(await other.ask('STACK SAFETY_MUTE 0')).toBe('STACK SAFETY_MUTE 0');
    expect(await c.ask('BOX DSP2 FTP')).toBe('BOX DSP2 FTP 0');
    expect(await c.ask('BOX DSP2 FTP 1')).toBe('BOX DSP2 FTP 1');
    expect(await other.next('BOX DSP2 FTP')).toBe('BOX DSP2 FTP 1');
    expect(await c.ask('BOX DSP2 FTP 0')).toBe('BOX DSP2 FTP 0');
  });

  it('changes the stack credentials for new logins on every box', async () => {
    const c = await session();
    expect(await c.ask('STACK CREDENTIALS admin s3cret', 'STACK')).toBe('STACK CREDENTIALS admin');
    expect(sim.device('Board.DSP2')?.credentials).toEqual({ username: 'admin', password: 's3cret' });
    const again = await session(dsp2, 'admin', 's3cret');
    expect(await again.ask('STACK CREDENTIALS clearone converge', 'STACK')).toBe(
      'STACK CREDENTIALS clearone',
    );
  });

  it('restarts on RESET: reply, drop, unreachable, back', async () => {
    const c = await session(huddle);
    expect(await c.ask('RESET')).toBe('RESET');
    await c.closedWithin();
    await expect(TestClient.connect(huddle, 2323)).rejects.toThrow(/ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, fastTiming.restartMs + 100));
    const back = await session(huddle);
    expect(await back.ask('BOX H1 UNIT STATE')).toBe('BOX H1 UNIT STATE READY');
  });

  it('factory default: the stack comes back Unconfigured with factory credentials', async () => {
    const c = await session(huddle);
    await c.ask('STACK CREDENTIALS x y', 'STACK');
    const fresh = await session(huddle, 'x', 'y');
    expect(await fresh.ask('FACTORYDEFAULT')).toBe('FACTORYDEFAULT');
    await fresh.closedWithin();
    await new Promise((r) => setTimeout(r, fastTiming.restartMs + 100));
    const back = await session(huddle);
    expect(await back.ask('BOX H1 UNIT STATE')).toBe('BOX H1 UNIT STATE UNCONFIGURED');
    expect(await back.ask('MCCF SYSON', 'Error')).toBe(cp2ErrorLine);
  });
});
