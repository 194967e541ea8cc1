import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildProject } from '@crosspoint/sim';
import { firmwareImageHeader, imageHeaderFor, type DeviceId } from '@crosspoint/protocol';
import type { CommandProgress } from '../commands/device-command.ts';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';

/** Every device command against the simulator: typed results, statuses on the way, stable error codes. */
describe('device commands against the simulator', () => {
  let rig: Rig;
  let dsp1: DeviceId;
  let dsp2: DeviceId;
  const statusesOf = (id: DeviceId, from: number) =>
    rig.changes
      .slice(from)
      .filter((c) => c.deviceId === id)
      .map((c) => c.status);

  beforeAll(async () => {
    rig = await startRig(smallSite(3));
    dsp1 = rig.idOf('Main.DSP1');
    dsp2 = rig.idOf('Main.DSP2');
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
  });
  afterAll(async () => {
    await rig.close();
  });

  it('switches the locate light on and off', async () => {
    expect(await rig.agent.command(dsp2, { type: 'locate', on: true })).toEqual({ on: true });
    await rig.waitFor(dsp2, 'Locate Light On');
    expect(await rig.agent.command(dsp2, { type: 'locate', on: false })).toEqual({ on: false });
    await rig.waitFor(dsp2, 'Healthy');
  });

  it('switches safety mute of the stack', async () => {
    expect(await rig.agent.command(dsp1, { type: 'safetyMute', on: true })).toEqual({ on: true });
    await rig.waitFor(dsp2, 'Safety Mute On');
    expect(await rig.agent.command(dsp1, { type: 'safetyMute', on: false })).toEqual({ on: false });
    await rig.waitFor(dsp2, 'Healthy');
  });

  it('refuses file transfers while FTP is disabled, with a stable code', async () => {
    expect(await rig.agent.command(dsp2, { type: 'ftp', enabled: false })).toEqual({ enabled: false });
    await expect(rig.agent.command(dsp2, { type: 'backupConfig' })).rejects.toMatchObject({
      code: 'DEVICE_FTP_DISABLED',
    });
    await expect(rig.agent.command(dsp2, { type: 'downloadLogs' })).rejects.toMatchObject({
      code: 'DEVICE_FTP_DISABLED',
    });
    expect(await rig.agent.command(dsp2, { type: 'ftp', enabled: true })).toEqual({ enabled: true });
  });

  it('backs up the stack configuration and restores it', async () => {
    const progress: CommandProgress[] = [];
    const backup = await rig.agent.command(dsp1, { type: 'backupConfig' }, (p) => progress.push(p));
    expect(backup.bytes).toBeGreaterThan(100);
    expect(Object.keys(unzipSync(backup.data))).toHaveLength(1);
    expect(await readFile(join(rig.dataDir, 'backups', backup.backupId))).toHaveLength(backup.bytes);
    expect(progress.at(-1)).toEqual({ phase: 'done', percent: 100 });
    const from = rig.changes.length;
    expect(await rig.agent.command(dsp1, { type: 'restoreConfig', backupId: backup.backupId })).toEqual({
      backupId: backup.backupId,
    });
    await rig.waitFor(dsp1, 'Healthy');
    expect(statusesOf(dsp1, from)).toContain('Configuring');
    await expect(
      rig.agent.command(dsp1, { type: 'restoreConfig', backupId: `${dsp1}/nope.PCCP2X` }),
    ).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
  });

  it('loads a project (.PCCP2X), follows its new stack name and login, and refuses anything else', async () => {
    const project = buildProject({
      stackName: 'MainB',
      username: 'operator',
      password: 'pw-2',
      safetyMute: false,
      locateTimeoutS: 30,
      macros: { SYSON: [] },
      boxes: [],
    });
    const from = rig.changes.length;
    expect(await rig.agent.command(dsp1, { type: 'loadConfig', project, fileName: 'new.PCCP2X' })).toEqual({
      fileName: 'new.PCCP2X',
    });
    expect(rig.simDevice('Main.DSP1').credentials).toEqual({ username: 'operator', password: 'pw-2' });
    await rig.waitFor(dsp2, 'Healthy');
    expect(statusesOf(dsp2, from)).toContain('Configuring');
    await vi.waitFor(() => {
      expect(rig.agent.device(dsp2)?.path).toMatch(/ > Stack MainB > C-Link 01$/);
    });
    expect(statusesOf(dsp1, from)).not.toContain('Login Failed');
    expect(statusesOf(dsp2, from)).not.toContain('Login Failed');
    await expect(
      rig.agent.command(dsp1, { type: 'loadConfig', project: new Uint8Array([1, 2, 3]) }),
    ).rejects.toMatchObject({
      code: 'COMMAND_BAD_INPUT',
    });
  });

  it('updates firmware with progress: Updating Firmware → Restarting... → back with the new version', async () => {
    const image = new Uint8Array([...firmwareImageHeader('9.1.2.3'), ...new Uint8Array(50_000).fill(7)]);
    const progress: CommandProgress[] = [];
    const from = rig.changes.length;
    const result = await rig.agent.command(dsp2, { type: 'firmwareUpdate', image }, (p) => progress.push(p));
    expect(result).toMatchObject({ firmware: '9.1.2.3' });
    expect(rig.agent.device(dsp2)?.firmware).toBe('9.1.2.3');
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['upload', 'apply', 'restarting', 'done']);
    expect(progress.filter((p) => p.phase === 'apply').map((p) => p.percent)).toContain(100);
    await rig.waitFor(dsp2, 'Healthy');
    const seen = statusesOf(dsp2, from);
    expect(seen).toContain('Updating Firmware');
    expect(seen).toContain('Restarting...');
    expect(seen).not.toContain('Down');
    await expect(
      rig.agent.command(dsp2, { type: 'firmwareUpdate', image: new Uint8Array(10) }),
    ).rejects.toMatchObject({
      code: 'COMMAND_BAD_INPUT',
    });
  });

  it('fails an update whose image the box refuses (sim fault firmware_reject): back on its old version', async () => {
    const before = rig.agent.device(dsp2)?.firmware;
    await rig.sim.control.setFault('Main.DSP2', 'firmware_reject', true);
    const image = new Uint8Array([...firmwareImageHeader('9.9.9.9'), ...new Uint8Array(10_000).fill(3)]);
    try {
      await expect(rig.agent.command(dsp2, { type: 'firmwareUpdate', image })).rejects.toThrow(
        `The box came back with firmware ${String(before)}, not 9.9.9.9.`,
      );
    } finally {
      await rig.sim.control.clearFault('Main.DSP2', 'firmware_reject');
    }
    await rig.waitFor(dsp2, 'Healthy');
    expect(rig.agent.device(dsp2)?.firmware).toBe(before);
  });

  it('updates a P-Link peripheral through its host: off the chain while it flashes, back with the version', async () => {
    const bt = rig.idOf('Main.DSP1.p01');
    await rig.agent.command(dsp1, { type: 'ftp', enabled: true });
    const before = rig.agent.device(bt)?.firmware;
    const image = new Uint8Array([...imageHeaderFor('plink', '1.0.2.0'), ...new Uint8Array(20_000).fill(5)]);
    const progress: CommandProgress[] = [];
    const from = rig.changes.length;
    const result = await rig.agent.command(bt, { type: 'firmwareUpdate', image }, (p) => progress.push(p));
    expect(result).toMatchObject({ previous: before, firmware: '1.0.2.0' });
    expect(rig.agent.device(bt)?.firmware).toBe('1.0.2.0');
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(['upload', 'apply', 'done']);
    expect(progress.filter((p) => p.phase === 'apply').map((p) => p.percent)).toContain(100);
    await rig.waitFor(bt, 'Healthy');
    // Its host stayed up.
    expect(statusesOf(dsp1, from)).not.toContain('Restarting...');
    // A CP2 image is not a P-Link image; a refused image ends on the old version.
    await expect(
      rig.agent.command(bt, { type: 'firmwareUpdate', image: firmwareImageHeader('9.9.9.9') }),
    ).rejects.toMatchObject({ code: 'COMMAND_BAD_INPUT' });
    await rig.sim.control.setFault('Main.DSP1', 'firmware_reject', true);
    try {
      const refused = new Uint8Array([...imageHeaderFor('plink', '1.0.3.0'), ...new Uint8Array(100).fill(5)]);
      await expect(rig.agent.command(bt, { type: 'firmwareUpdate', image: refused })).rejects.toThrow(
        'The peripheral came back with firmware 1.0.2.0, not 1.0.3.0.',
      );
    } finally {
      await rig.sim.control.clearFault('Main.DSP1', 'firmware_reject');
    }
  });

  it('updates a COLLABORATE Live codec over HTTP: image accepted, restart, back with the version', async () => {
    const codec = rig.idOf('ROOM1');
    const before = rig.agent.device(codec)?.firmware;
    const image = new Uint8Array([...imageHeaderFor('video', '2.2.0.0'), ...new Uint8Array(30_000).fill(9)]);
    const progress: CommandProgress[] = [];
    const result = await rig.agent.command(codec, { type: 'firmwareUpdate', image }, (p) => progress.push(p));
    expect(result).toMatchObject({ previous: before, firmware: '2.2.0.0' });
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(['upload', 'apply', 'restarting', 'done']);
    await rig.waitFor(codec, 'Healthy');
    await expect(
      rig.agent.command(codec, { type: 'firmwareUpdate', image: imageHeaderFor('plink', '1.0.0.1') }),
    ).rejects.toMatchObject({ code: 'COMMAND_BAD_INPUT' });
    await rig.sim.control.setFault('ROOM1', 'firmware_reject', true);
    try {
      const refused = new Uint8Array([...imageHeaderFor('video', '2.3.0.0'), ...new Uint8Array(100).fill(9)]);
      await expect(rig.agent.command(codec, { type: 'firmwareUpdate', image: refused })).rejects.toThrow(
        'The codec came back with firmware 2.2.0.0, not 2.3.0.0.',
      );
    } finally {
      await rig.sim.control.clearFault('ROOM1', 'firmware_reject');
    }
  });

  it('restarts a box: Restarting..., never Down, then back (its peripherals with it)', async () => {
    const from = rig.changes.length;
    const result = await rig.agent.command(dsp1, { type: 'restart' });
    expect(result.downtimeMs).toBeGreaterThan(0);
    await rig.waitFor(dsp1, 'Healthy');
    const bt = rig.idOf('Main.DSP1.p01');
    await rig.waitFor(bt, 'Healthy');
    for (const id of [dsp1, bt]) {
      expect(statusesOf(id, from)).toContain('Restarting...');
      expect(statusesOf(id, from)).not.toContain('Down');
    }
  });

  it('provisions a VoIP line, shows the pending restart, restarts VoIP and reads registrations', async () => {
    const provision = await rig.agent.command(dsp1, {
      type: 'provisionVoip',
      line: 1,
      enabled: true,
      user: 'carol',
      password: 's3cret',
      registrar: 'pbx2.local',
    });
    expect(provision).toEqual({ epn: '101', restartPending: true });
    await rig.waitFor(dsp1, 'VoIP Restart Pending');
    const restarted = await rig.agent.command(dsp1, { type: 'restartVoip' });
    expect(restarted.restartPending).toBe(false);
    await rig.waitFor(dsp1, 'Healthy');
    const status = await rig.agent.command(dsp1, { type: 'voipStatus' });
    expect(status.lines.find((l) => l.epn === '101')?.registration).toBe('registered');
    await expect(
      rig.agent.command(dsp1, {
        type: 'provisionVoip',
        line: 9,
        enabled: true,
        user: 'x',
        password: 'y',
        registrar: 'z',
      }),
    ).rejects.toMatchObject({ code: 'COMMAND_BAD_INPUT' });
  });

  it('downloads the logs', async () => {
    const { files } = await rig.agent.command(dsp1, { type: 'downloadLogs' });
    expect(files.length).toBeGreaterThan(0);
    expect(Buffer.from(files[0]!.data).toString('utf8')).toMatch(/login/);
  });

  it('changes the stack login and keeps it, sealed, for the next sessions', async () => {
    expect(
      await rig.agent.command(dsp1, { type: 'setCredentials', username: 'admin', password: 'N3w-pass' }),
    ).toEqual({ username: 'admin' });
    expect(rig.simDevice('Main.DSP1').credentials).toEqual({ username: 'admin', password: 'N3w-pass' });
    await rig.sim.control.setFault('Main.DSP1', 'down', true);
    await rig.waitFor(dsp1, 'Down');
    await rig.sim.control.clearFault('Main.DSP1', 'down');
    await rig.waitFor(dsp1, 'Healthy');
    const journal = await readFile(join(rig.dataDir, 'store', 'agent.0.jsonl'), 'utf8').catch(() => '');
    expect(journal).not.toContain('N3w-pass');
    await expect(
      rig.agent.command(dsp1, { type: 'setCredentials', username: 'has space', password: 'x' }),
    ).rejects.toMatchObject({
      code: 'COMMAND_BAD_INPUT',
    });
  });

  it('answers with stable codes when a command cannot run', async () => {
    await expect(
      rig.agent.command('cp2-0000-0000-00' as DeviceId, { type: 'locate', on: true }),
    ).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    await expect(rig.agent.command(rig.idOf('Main.DSP1.p01'), { type: 'restart' })).rejects.toMatchObject({
      code: 'COMMAND_UNSUPPORTED',
    });
    await expect(rig.agent.command(rig.idOf('ROOM1'), { type: 'restart' })).rejects.toMatchObject({
      code: 'COMMAND_UNSUPPORTED',
    });
    await rig.sim.control.setFault('Solo.HUD1', 'down', true);
    await rig.waitFor(rig.idOf('Solo.HUD1'), 'Down');
    await expect(
      rig.agent.command(rig.idOf('Solo.HUD1'), { type: 'locate', on: true }),
    ).rejects.toMatchObject({ code: 'DEVICE_UNREACHABLE' });
    await rig.sim.control.clearFault('Solo.HUD1', 'down');
  });

  it('switches the locate light of a stand-alone mic', async () => {
    const mic = rig.idOf('CEILING1');
    expect(await rig.agent.command(mic, { type: 'locate', on: true })).toEqual({ on: true });
    await rig.waitFor(mic, 'Locate Light On');
    expect(await rig.agent.command(mic, { type: 'locate', on: false })).toEqual({ on: false });
    await rig.waitFor(mic, 'Healthy');
  });
});
