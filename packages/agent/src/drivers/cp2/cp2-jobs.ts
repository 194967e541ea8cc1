import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cp2FtpPaths, firmwareVersionOf, imageVersionOf, projectExtension } from '@crosspoint/protocol';
import type { FtpTarget } from '../../adapters/ftp-transfer.ts';
import type { CommandDeps } from '../../commands/command-deps.ts';
import { DeviceError, DeviceErrorCode, isDeviceError } from '../../commands/device-error.ts';
import { readProjectSettings } from '../../commands/pccp2x.ts';
import type { CommandResults, DeviceCommand, ProgressListener } from '../../commands/device-command.ts';
import type { InventoryDevice } from '../../inventory/inventory.ts';
import type { Cp2BoxSession } from './cp2-session.ts';
import type { Cp2Client } from './cp2-client.ts';

// The long jobs on a CP2 box (firmware update, configuration backup and load) and the steps they
// share with the other commands: FTP checks, sending what the box acts on, following it back to rest.

const maxProjectBytes = 64 * 1024 * 1024;

export type Run = <T>(
  label: string,
  timeoutMs: number,
  work: (client: Cp2Client, box: string, signal: AbortSignal) => Promise<T>,
) => Promise<T>;

export async function requireFtp(c: Cp2Client, box: string): Promise<void> {
  if (!(await c.ftp(box))) {
    throw new DeviceError(
      DeviceErrorCode.FtpDisabled,
      'File transfer (FTP) is disabled on this box: enable it first.',
    );
  }
}

export async function updateFirmware(
  session: Cp2BoxSession,
  command: Extract<DeviceCommand, { type: 'firmwareUpdate' }>,
  deps: CommandDeps,
  run: Run,
  ftpTarget: () => FtpTarget,
  onProgress: ProgressListener,
): Promise<CommandResults['firmwareUpdate']> {
  const version = firmwareVersionOf(command.image);
  if (!version)
    throw new DeviceError(DeviceErrorCode.BadInput, 'This is not a CP2 firmware image (no version header).');
  const fileName = safeFileName(command.fileName ?? `cp2-${version}.bin`, '.bin');
  const resumed = deps.job?.resumed;
  if (resumed) {
    // An earlier copy may have applied it: the job ends on what the box reports once it is back,
    // and the image is sent again only if the box does not run the new version.
    if (resumed.sentAt !== undefined)
      await untilAtRest(session, 'firmware update (resumed)', deps.jobTimeoutMs);
    if (session.isReady && session.inventory.firmware === version) {
      onProgress({ phase: 'done', percent: 100 });
      return {
        previous: resumed.before?.firmware ?? version,
        firmware: version,
        durationMs: deps.now() - resumed.startedAt,
      };
    }
  }
  return run('firmware update', deps.jobTimeoutMs, async (c, name, signal) => {
    const started = resumed?.startedAt ?? deps.now();
    const previous = resumed?.before?.firmware ?? session.inventory.firmware;
    await requireFtp(c, name);
    const stop = await uploadImage(session, deps, ftpTarget, fileName, command.image, onProgress);
    try {
      session.expectRestart();
      await sendActing(deps, () => c.firmwareApply(name, fileName), { firmware: previous });
      onProgress({ phase: 'apply', percent: 0 });
      await session.waitUntil(() => !session.isReady, signal);
      onProgress({ phase: 'restarting' });
      await session.waitUntil(() => session.isReady, signal);
    } finally {
      stop();
    }
    const firmware = session.inventory.firmware;
    if (firmware !== version) {
      throw new DeviceError(
        DeviceErrorCode.JobFailed,
        `The box came back with firmware ${firmware}, not ${version}.`,
      );
    }
    onProgress({ phase: 'done', percent: 100 });
    return { previous, firmware, durationMs: deps.now() - started };
  });
}

/**
 * A P-Link peripheral's firmware, through its host [I: PLD, "using a regular P-Link cable"; G: the
 * verbs]: the image goes to the host by FTP, the host is told to send it down the chain to the
 * peripheral (`PLINK <nn> FIRMWARE APPLY`), the peripheral leaves the chain while it flashes and
 * comes back; the job ends when it is back with the new version, and fails when it is back with
 * another one (the image was refused).
 */
/**
 * Stores a firmware image on the box by FTP (upload progress), then follows the box's progress
 * lines as the apply phase; returns the function that stops following them.
 */
async function uploadImage(
  session: Cp2BoxSession,
  deps: CommandDeps,
  ftpTarget: () => FtpTarget,
  fileName: string,
  image: Uint8Array,
  onProgress: ProgressListener,
): Promise<() => void> {
  const size = image.length;
  onProgress({ phase: 'upload', percent: 0 });
  await deps.transfer.upload(ftpTarget(), `${cp2FtpPaths.firmwareDir}/${fileName}`, image, (sent) => {
    onProgress({ phase: 'upload', percent: Math.min(100, Math.round((sent / Math.max(1, size)) * 100)) });
  });
  return session.onProgress((percent) => {
    onProgress({ phase: 'apply', percent });
  });
}

export async function updatePeripheralFirmware(
  session: Cp2BoxSession,
  target: InventoryDevice,
  command: Extract<DeviceCommand, { type: 'firmwareUpdate' }>,
  deps: CommandDeps,
  run: Run,
  ftpTarget: () => FtpTarget,
  onProgress: ProgressListener,
): Promise<CommandResults['firmwareUpdate']> {
  const version = imageVersionOf('plink', command.image);
  if (!version)
    throw new DeviceError(
      DeviceErrorCode.BadInput,
      'This is not a P-Link firmware image (no version header).',
    );
  const fileName = safeFileName(command.fileName ?? `plink-${version}.bin`, '.bin');
  const before = session.peripheral(target.id);
  if (!before)
    throw new DeviceError(DeviceErrorCode.Unreachable, 'The host does not list this peripheral now.');
  if (deps.job?.resumed && before.online && before.firmware === version) {
    // An earlier copy of the job updated it before the agent restarted.
    onProgress({ phase: 'done', percent: 100 });
    return { previous: deps.job.resumed.before?.firmware ?? version, firmware: version, durationMs: 0 };
  }
  return run('P-Link firmware update', deps.jobTimeoutMs, async (c, name, signal) => {
    const started = deps.now();
    await requireFtp(c, name);
    const stop = await uploadImage(session, deps, ftpTarget, fileName, command.image, onProgress);
    let left = false;
    try {
      await sendActing(deps, () => c.plinkFirmwareApply(name, before.plink, fileName), {
        firmware: before.firmware,
      });
      onProgress({ phase: 'apply', percent: 0 });
      // Off the chain while it flashes, then back: with the version, or with another (refused).
      for (;;) {
        if (signal.aborted) throw signal.reason as Error;
        const now = session.peripheral(target.id);
        if (now && !now.online) left = true;
        if (now?.online && (left || now.firmware === version)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      stop();
    }
    const firmware = session.peripheral(target.id)?.firmware ?? '';
    if (firmware !== version)
      throw new DeviceError(
        DeviceErrorCode.JobFailed,
        `The peripheral came back with firmware ${firmware}, not ${version}.`,
      );
    onProgress({ phase: 'done', percent: 100 });
    return { previous: before.firmware, firmware, durationMs: deps.now() - started };
  });
}

export async function backup(
  session: Cp2BoxSession,
  deps: CommandDeps,
  run: Run,
  ftpTarget: () => FtpTarget,
  onProgress: ProgressListener,
): Promise<CommandResults['backupConfig']> {
  return run('backup configuration', deps.jobTimeoutMs, async (c, name) => {
    await requireFtp(c, name);
    onProgress({ phase: 'download', percent: 0 });
    const data = await deps.transfer.download(ftpTarget(), cp2FtpPaths.currentConfig, maxProjectBytes);
    readProjectSettings(data);
    const stamp = new Date(deps.now()).toISOString().replace(/[:.]/g, '-');
    const fileName = `${session.inventory.topology.stack ?? session.boxName}-${stamp}${projectExtension}`;
    const dir = join(deps.backupsDir, session.deviceId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, fileName), data, { mode: 0o600 });
    onProgress({ phase: 'done', percent: 100 });
    return { backupId: `${session.deviceId}/${fileName}`, fileName, bytes: data.length, data };
  });
}

export async function readBackup(
  backupsDir: string,
  session: Cp2BoxSession,
  backupId: string,
): Promise<Uint8Array> {
  const [device, file, ...rest] = backupId.split('/');
  if (
    device !== session.deviceId ||
    !file ||
    rest.length > 0 ||
    safeFileName(file, projectExtension) !== file
  ) {
    throw new DeviceError(DeviceErrorCode.BadInput, `No backup ${backupId} for this box.`);
  }
  try {
    return new Uint8Array(await readFile(join(backupsDir, device, file)));
  } catch (e) {
    throw new DeviceError(DeviceErrorCode.NotFound, `No backup ${backupId} for this box.`, { cause: e });
  }
}

export async function loadProject(
  session: Cp2BoxSession,
  project: Uint8Array,
  fileName: string,
  deps: CommandDeps,
  run: Run,
  ftpTarget: () => FtpTarget,
  onProgress: ProgressListener,
): Promise<void> {
  const settings = readProjectSettings(project);
  const stack = session.inventory.topology.stack ?? session.boxName;
  const applied = async () => {
    await deps.stackReconfigured(stack, settings);
    onProgress({ phase: 'done', percent: 100 });
  };
  if (deps.job?.resumed?.sentAt !== undefined) {
    // An earlier copy applied a project: once the stack is at rest, it is done if the stack carries
    // the project's name (the agent follows its new login); otherwise it is loaded again.
    await untilAtRest(session, 'load configuration (resumed)', deps.jobTimeoutMs);
    if (settings.stackName === undefined || session.inventory.topology.stack === settings.stackName)
      return applied();
  }
  await run('load configuration', deps.jobTimeoutMs, async (c, name, signal) => {
    await requireFtp(c, name);
    onProgress({ phase: 'upload', percent: 0 });
    await deps.transfer.upload(ftpTarget(), `${cp2FtpPaths.configDir}/${fileName}`, project, (sent) => {
      onProgress({
        phase: 'upload',
        percent: Math.min(100, Math.round((sent / Math.max(1, project.length)) * 100)),
      });
    });
    await sendActing(deps, () => c.configApply(fileName));
    onProgress({ phase: 'configuring' });
    await session.waitUntil(() => session.facts.get('configuring') === true || !session.isReady, signal);
    await session.waitUntil(() => session.facts.get('configuring') !== true || !session.isReady, signal);
  });
  await applied();
}

/** The box is back from what it was doing (an update, a restart, a load): logged in, read, idle. */
function atRest(session: Cp2BoxSession): boolean {
  const phase = session.facts.get('phase');
  return (
    session.isReady &&
    phase !== 'updating' &&
    phase !== 'restarting' &&
    session.facts.get('configuring') !== true
  );
}

/** Waits in the box's queue (after whatever runs there) until it is at rest; DEVICE_TIMEOUT after `timeoutMs`. */
export function untilAtRest(session: Cp2BoxSession, label: string, timeoutMs: number): Promise<void> {
  return session.queue.enqueue(label, timeoutMs, (signal) =>
    session.waitUntil(() => atRest(session), signal),
  );
}

/**
 * Sends what the box acts on and may drop its connection for (firmware apply, reset, project load):
 * marked as sent first (a repeat then looks at the box before sending it again), and a connection
 * that closes on the way is not a failure (the box went to do it; the caller follows it back).
 */
export async function sendActing<T>(
  deps: CommandDeps,
  send: () => Promise<T>,
  before?: Record<string, string>,
): Promise<T | undefined> {
  await deps.job?.markSent(before);
  try {
    return await send();
  } catch (e) {
    if (isDeviceError(e) && e.code === DeviceErrorCode.SessionClosed) return undefined;
    throw e;
  }
}

/** A plain file name with the expected extension: no folders, no odd characters. */
export function safeFileName(name: string, extension: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return base.toLowerCase().endsWith(extension.toLowerCase()) ? base : `${base}${extension}`;
}
