import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cp2ErrorLine, cp2LoginFailedText, firmwareImageHeader } from '@crosspoint/protocol';
import { buildProject, readProject } from '../project/pccp2x.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { TestFtp } from '../test/ftp-client.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, clientPool, failedLogin } from '../test/telnet-client.ts';

const dsp1 = '127.77.4.10';
const dsp2 = '127.77.4.11';
let sim: Simulator;
const pool = clientPool();
const session = (host = dsp1, user?: string, password?: string) => pool.session(host, user, password);
const ftp = async (host = dsp1) => pool.track(await TestFtp.connect(host, 2121));
const waitUntil = async (check: () => Promise<boolean>, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const connects = (host: string) =>
  TestClient.connect(host, 2323).then(
    (c) => {
      c.close();
      return true;
    },
    () => false,
  );

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(4), timing: fastTiming });
});
afterEach(() => {
  pool.closeAll();
});
afterAll(async () => {
  await sim.close();
});

describe('FTP [G]', () => {
  it('is refused while disabled, and serves the stack credentials once enabled', async () => {
    await expect(TestFtp.connect(dsp1, 2121)).rejects.toThrow(/ECONNREFUSED/);
    const c = await session();
    await c.ask('BOX DSP1 FTP 1', 'BOX DSP1 FTP');
    const f = await ftp();
    expect((await f.login('clearone', 'wrong')).code).toBe(530);
    expect((await f.cmd('LIST')).code).toBe(530);
    expect((await f.login()).code).toBe(230);
    expect(await f.list('/')).toMatch(/^d.* firmware\r\nd.* config\r\nd.* logs\r\n$/);
    expect(await f.list('/logs')).toMatch(/ system\.log\r\n/);
    const log = await f.retrieve('/logs/system.log');
    expect(log.reply.code).toBe(226);
    expect(log.data.toString()).toMatch(/login clearone/);
    expect((await f.store('/etc/passwd', Buffer.from('x'))).code).toBe(553);
    expect((await f.retrieve('/nope')).reply.code).toBe(550);
    expect((await f.cmd('CWD /config')).code).toBe(250);
    expect((await f.cmd('PWD')).text).toMatch(/"\/config"/);
    expect((await f.cmd('SITE x')).code).toBe(502);
  });

  it('drops FTP sessions when disabled', async () => {
    const c = await session(dsp2);
    await c.ask('BOX DSP2 FTP 1', 'BOX DSP2 FTP');
    const f = await ftp(dsp2);
    expect((await f.login()).code).toBe(230);
    await c.ask('BOX DSP2 FTP 0', 'BOX DSP2 FTP');
    await expect(f.cmd('NOOP')).rejects.toThrow(/closed/);
    await expect(TestFtp.connect(dsp2, 2121)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('firmware apply [G]', () => {
  it('Updating Firmware with progress → drop → Restarting... → back with the new version', async () => {
    const c = await session();
    const peer = await session(dsp2);
    await c.ask('BOX DSP1 FTP 1', 'BOX DSP1 FTP');
    const f = await ftp();
    await f.login();
    const image = Buffer.concat([Buffer.from(firmwareImageHeader('8.4.0.1')), Buffer.alloc(4096, 7)]);
    expect((await f.store('/firmware/cp2-8.4.0.1.bin', image)).code).toBe(226);
    expect((await f.store('/firmware/junk.bin', Buffer.from('no header'))).code).toBe(226);
    expect(await c.ask('BOX DSP1 FIRMWARE APPLY junk.bin', 'Error')).toBe(cp2ErrorLine);
    expect(await c.ask('BOX DSP1 FIRMWARE APPLY missing.bin', 'Error')).toBe(cp2ErrorLine);
    c.send('BOX DSP1 FIRMWARE APPLY cp2-8.4.0.1.bin');
    expect(await c.next('BOX DSP1 FIRMWARE APPLY')).toBe('BOX DSP1 FIRMWARE APPLY cp2-8.4.0.1.bin');
    expect(await peer.next('BOX DSP1 UNIT STATE')).toBe('BOX DSP1 UNIT STATE UPDATING');
    for (const p of [0, 25, 50, 75, 100])
      expect(await peer.next('BOX DSP1 FIRMWARE PROGRESS')).toBe(`BOX DSP1 FIRMWARE PROGRESS ${p}`);
    await c.closedWithin();
    expect(await peer.next('STACK INFO BOX 00')).toBe('STACK INFO BOX 00 0 DSP1 CP2_128V');
    expect(await connects(dsp1)).toBe(false);
    expect(await peer.next('STACK INFO BOX 00', 3000)).toBe('STACK INFO BOX 00 1 DSP1 CP2_128V');
    const back = await session();
    expect(await back.ask('BOX DSP1 UNIT FW_VERSION')).toBe('BOX DSP1 UNIT FW_VERSION 8.4.0.1');
    expect(await back.ask('BOX DSP1 UNIT STATE')).toBe('BOX DSP1 UNIT STATE READY');
    expect(sim.device('Board.DSP1')?.firmware).toBe('8.4.0.1');
  });
});

describe('configuration backup and load [G]', () => {
  it('backs up the stack as a .PCCP2X and loads a changed one: Configuring → settings and credentials replaced', async () => {
    await waitUntil(() => connects(dsp1));
    const c = await session();
    const peer = await session(dsp2);
    await c.ask('BOX DSP1 FTP 1', 'BOX DSP1 FTP');
    const f = await ftp();
    await f.login();
    const backup = await f.retrieve('/config/current.PCCP2X');
    expect(backup.reply.code).toBe(226);
    const project = readProject(backup.data);
    expect(project).toMatchObject({
      stackName: 'Board',
      username: 'clearone',
      password: 'converge',
      safetyMute: false,
    });
    expect(project.boxes.map((b) => b.name)).toEqual(['DSP1', 'DSP2']);
    const changed = buildProject({ ...project, username: 'tech', password: 'p4ss', safetyMute: true });
    expect((await f.store('/config/new.PCCP2X', Buffer.from(changed))).code).toBe(226);
    expect((await f.store('/config/bad.PCCP2X', Buffer.from('PK not really'))).code).toBe(226);
    expect(await c.ask('STACK CONFIG APPLY bad.PCCP2X', 'Error')).toBe(cp2ErrorLine);
    c.send('STACK CONFIG APPLY new.PCCP2X');
    expect(await c.next('STACK CONFIG APPLY')).toBe('STACK CONFIG APPLY new.PCCP2X');
    expect(await peer.next('BOX DSP1 UNIT STATE')).toBe('BOX DSP1 UNIT STATE CONFIGURING');
    expect(await peer.next('BOX DSP2 UNIT STATE')).toBe('BOX DSP2 UNIT STATE CONFIGURING');
    expect(await peer.next('STACK SAFETY_MUTE')).toBe('STACK SAFETY_MUTE 1');
    expect(await peer.next('BOX DSP2 UNIT STATE')).toBe('BOX DSP2 UNIT STATE READY');
    expect(await failedLogin(pool, dsp2, cp2LoginFailedText)).toBe(cp2LoginFailedText);
    await session(dsp2, 'tech', 'p4ss');
  });

  it('keeps channel levels in the backup and puts them back on load (only levels off their defaults)', async () => {
    await waitUntil(() => connects(dsp1));
    const c = await session(dsp1, 'tech', 'p4ss');
    await c.ask('BOX DSP1 FTP 1', 'BOX DSP1 FTP');
    const f = await ftp();
    await f.login('tech', 'p4ss');
    const before = readProject((await f.retrieve('/config/current.PCCP2X')).data);
    expect(before.levels).toEqual([]);
    await c.ask('EP MIC 101 LEVEL GAIN 0', 'EP MIC 101 LEVEL GAIN');
    expect(await c.ask('EP MIC 102 LEVEL GAIN -6.5', 'EP MIC 102 LEVEL GAIN')).toBe(
      'EP MIC 102 LEVEL GAIN -6.5',
    );
    await c.ask('EP OUTPUT 101 LEVEL MUTE 1', 'EP OUTPUT 101 LEVEL MUTE');
    const changed = readProject((await f.retrieve('/config/current.PCCP2X')).data);
    expect(changed.levels?.map((l) => [l.ept, l.epn, l.gain, l.mute])).toEqual([
      ['MIC', '102', -6.5, false],
      ['OUTPUT', '101', 0, true],
    ]);
    expect((await f.store('/config/before.PCCP2X', Buffer.from(buildProject(before)))).code).toBe(226);
    c.send('STACK CONFIG APPLY before.PCCP2X');
    await c.next('STACK CONFIG APPLY');
    await c.next('BOX DSP1 UNIT STATE READY');
    expect(await c.ask('EP MIC 102 LEVEL GAIN', 'EP MIC 102 LEVEL GAIN')).toBe('EP MIC 102 LEVEL GAIN 0');
    await c.ask('EP MIC 102 LEVEL GAIN -3', 'EP MIC 102 LEVEL GAIN');
    const again = readProject((await f.retrieve('/config/current.PCCP2X')).data);
    expect((await f.store('/config/again.PCCP2X', Buffer.from(buildProject(again)))).code).toBe(226);
    await c.ask('EP MIC 102 LEVEL GAIN 4', 'EP MIC 102 LEVEL GAIN');
    c.send('STACK CONFIG APPLY again.PCCP2X');
    await c.next('BOX DSP1 UNIT STATE READY');
    expect(await c.ask('EP MIC 102 LEVEL GAIN', 'EP MIC 102 LEVEL GAIN')).toBe('EP MIC 102 LEVEL GAIN -3');
  });
});
