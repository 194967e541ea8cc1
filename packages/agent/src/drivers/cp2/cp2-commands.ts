import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boxNumberOf, uaEndpointOf, type InventoryDevice } from '../../inventory/inventory.ts';
import { cp2FtpPaths, firmwareVersionOf, projectExtension } from '@crosspoint/protocol';
import type { FtpTarget } from '../../adapters/ftp-transfer.ts';
import type { CommandDeps } from '../../commands/command-deps.ts';
import { DeviceError, DeviceErrorCode, isDeviceError } from '../../commands/device-error.ts';
import { readProjectSettings } from '../../commands/pccp2x.ts';
import type {
  CommandResults,
  DeviceCommand,
  ProgressListener,
  VoipLineStatus,
} from '../../commands/device-command.ts';
import type { Cp2BoxSession } from './cp2-session.ts';
import type { Cp2Client } from './cp2-client.ts';

const maxProjectBytes = 64 * 1024 * 1024;
const maxLogBytes = 16 * 1024 * 1024;
const tokenPattern = /^\S{1,64}$/;

type Run = <T>(
  label: string,
  timeoutMs: number,
  work: (client: Cp2Client, box: string, signal: AbortSignal) => Promise<T>,
) => Promise<T>;

/** Runs a device command on a CP2 box (or, for the few that apply, on a peripheral through its host). */
export async function runCp2Command(
  session: Cp2BoxSession,
  target: InventoryDevice,
  command: DeviceCommand,
  deps: CommandDeps,
  onProgress: ProgressListener = () => undefined,
): Promise<CommandResults[DeviceCommand['type']]> {
  if (target.id !== session.deviceId) {
    throw new DeviceError(
      DeviceErrorCode.Unsupported,
      `${command.type} is not available on a P-Link peripheral; run it on its host box.`,
    );
  }
  const quick = deps.commandTimeoutMs;
  const long = deps.jobTimeoutMs;
  const run: Run = (label, timeoutMs, work) =>
    session.queue.enqueue(label, timeoutMs, async (signal) => {
      await ensureReady(session, signal);
      return work(clientOf(session), session.boxName, signal);
    });
  const box = session.inventory;
  const ftpTarget = () => ({ host: box.host, port: deps.ftpPort, credentials: deps.credentialsFor(box) });

  switch (command.type) {
    case 'locate':
      return { on: await run('locate', quick, (c, name) => c.locate(name, command.on)) };
    case 'safetyMute':
      return { on: await run('safety mute', quick, (c) => c.safetyMute(command.on)) };
    case 'ftp':
      return { enabled: await run('ftp', quick, (c, name) => c.ftp(name, command.enabled)) };
    case 'setCredentials': {
      if (!tokenPattern.test(command.username) || !tokenPattern.test(command.password)) {
        throw new DeviceError(
          DeviceErrorCode.BadInput,
          'Username and password must be 1–64 characters without spaces.',
        );
      }
      const credentials = { username: command.username, password: command.password };
      if (deps.job?.resumed?.sentAt !== undefined && (await refusesStoredLogin(session, quick))) {
        // An earlier copy changed the login and this agent never stored it: the box now refuses the
        // old one. Take the new one (this repeat carries it) rather than changing it again.
        await deps.rememberStackCredentials(box.topology.stack ?? box.id, credentials);
        session.reconnect();
        await untilAtRest(session, 'credentials (resumed)', long);
        return { username: command.username };
      }
      const username = await run('credentials', quick, async (c) => {
        await deps.job?.markSent();
        return c.setCredentials(command.username, command.password);
      });
      await deps.rememberStackCredentials(box.topology.stack ?? box.id, {
        username: command.username,
        password: command.password,
      });
      return { username };
    }
    case 'restart': {
      const sentAt = deps.job?.resumed?.sentAt;
      if (sentAt !== undefined) {
        // An earlier copy told the box to restart: never twice. Done once the box is back.
        await untilAtRest(session, 'restart (resumed)', long);
        return { firmware: session.inventory.firmware, downtimeMs: deps.now() - sentAt };
      }
      return run('restart', long, async (c, _name, signal) => {
        const started = deps.now();
        session.expectRestart();
        await sendActing(deps, () => c.reset());
        await awaitRestart(session, signal);
        return { firmware: session.inventory.firmware, downtimeMs: deps.now() - started };
      });
    }
    case 'firmwareUpdate':
      return updateFirmware(session, command, deps, run, ftpTarget, onProgress);
    case 'backupConfig':
      return backup(session, deps, run, ftpTarget, onProgress);
    case 'restoreConfig': {
      const data = await readBackup(deps.backupsDir, session, command.backupId);
      await loadProject(
        session,
        data,
        `restore-${Date.now().toString(36)}${projectExtension}`,
        deps,
        run,
        ftpTarget,
        onProgress,
      );
      return { backupId: command.backupId };
    }
    case 'loadConfig': {
      const fileName = safeFileName(
        command.fileName ?? `load-${Date.now().toString(36)}${projectExtension}`,
        projectExtension,
      );
      await loadProject(session, command.project, fileName, deps, run, ftpTarget, onProgress);
      return { fileName };
    }
    case 'provisionVoip': {
      const epns = session.voipEndpoints();
      const epn = uaEndpointOf(boxNumberOf(box.topology.clink), command.line);
      if (!epns.includes(epn))
        throw new DeviceError(DeviceErrorCode.BadInput, `This box has no VoIP line ${command.line}.`);
      for (const v of [command.user, command.password, command.registrar]) {
        if (!tokenPattern.test(v))
          throw new DeviceError(
            DeviceErrorCode.BadInput,
            'VoIP user, password and registrar must be 1–64 characters without spaces.',
          );
      }
      const { line: _line, restartVoip, type: _type, ...fields } = command;
      const restartPending = await run('provision VoIP', quick, async (c, name) => {
        await c.provision(epn, fields);
        return restartVoip === true ? c.voipRestart(name) : c.voipPending(name);
      });
      return { epn, restartPending };
    }
    case 'restartVoip':
      return run('restart VoIP', quick, async (c, name) => ({
        restartPending: await c.voipRestart(name),
        lines: await readLines(c, session),
      }));
    case 'voipStatus':
      return run('VoIP status', quick, async (c, name) => {
        const restartPending = session.voipEndpoints().length > 0 ? await c.voipPending(name) : false;
        return { restartPending, lines: await readLines(c, session) };
      });
    case 'downloadLogs':
      return run('download logs', long, async (c, name) => {
        await requireFtp(c, name);
        const names = await deps.transfer.list(ftpTarget(), cp2FtpPaths.logsDir);
        const files: { name: string; data: Uint8Array }[] = [];
        for (const [i, file] of names.entries()) {
          onProgress({
            phase: 'download',
            percent: Math.round((i / Math.max(1, names.length)) * 100),
            message: file,
          });
          files.push({
            name: file,
            data: await deps.transfer.download(ftpTarget(), `${cp2FtpPaths.logsDir}/${file}`, maxLogBytes),
          });
        }
        onProgress({ phase: 'done', percent: 100 });
        return { files };
      });
  }
}

function clientOf(session: Cp2BoxSession): Cp2Client {
  const client = session.client;
  if (!client) throw new DeviceError(DeviceErrorCode.Unreachable, `${session.boxName} is not connected.`);
  return client;
}

/** A command waits for a login in progress; on a box that is away it fails at once. */
async function ensureReady(session: Cp2BoxSession, signal: AbortSignal): Promise<void> {
  if (session.connecting) await session.waitUntil(() => !session.connecting, signal);
  if (!session.isReady)
    throw new DeviceError(DeviceErrorCode.Unreachable, `${session.boxName} is not connected.`);
}

async function requireFtp(c: Cp2Client, box: string): Promise<void> {
  if (!(await c.ftp(box))) {
    throw new DeviceError(
      DeviceErrorCode.FtpDisabled,
      'File transfer (FTP) is disabled on this box: enable it first.',
    );
  }
}

async function readLines(c: Cp2Client, session: Cp2BoxSession): Promise<VoipLineStatus[]> {
  const lines: VoipLineStatus[] = [];
  for (const epn of session.voipEndpoints()) {
    await c.registration(epn);
    lines.push({ epn, registration: session.facts.line(epn) ?? 'unknown' });
  }
  return lines;
}

/** Waits for the drop that follows RESET / firmware apply, then for the box to be back and logged in. */
async function awaitRestart(session: Cp2BoxSession, signal: AbortSignal): Promise<void> {
  await session.waitUntil(() => !session.isReady, signal);
  await session.waitUntil(() => session.isReady, signal);
}

async function updateFirmware(
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
    const size = command.image.length;
    onProgress({ phase: 'upload', percent: 0 });
    await deps.transfer.upload(
      ftpTarget(),
      `${cp2FtpPaths.firmwareDir}/${fileName}`,
      command.image,
      (sent) => {
        onProgress({ phase: 'upload', percent: Math.min(100, Math.round((sent / Math.max(1, size)) * 100)) });
      },
    );
    const stop = session.onProgress((percent) => {
      onProgress({ phase: 'apply', percent });
    });
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

async function backup(
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

async function readBackup(backupsDir: string, session: Cp2BoxSession, backupId: string): Promise<Uint8Array> {
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

async function loadProject(
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
function untilAtRest(session: Cp2BoxSession, label: string, timeoutMs: number): Promise<void> {
  return session.queue.enqueue(label, timeoutMs, (signal) =>
    session.waitUntil(() => atRest(session), signal),
  );
}

/** Whether the box refuses the login this agent has stored for it (checked once its session settles). */
async function refusesStoredLogin(session: Cp2BoxSession, timeoutMs: number): Promise<boolean> {
  const settled = () => session.isReady || session.facts.get('loginOk') === false;
  await session.queue
    .enqueue('credentials check', timeoutMs, (signal) => session.waitUntil(settled, signal))
    .catch(() => undefined);
  return !session.isReady && session.facts.get('loginOk') === false;
}

/**
 * Sends what the box acts on and may drop its connection for (firmware apply, reset, project load):
 * marked as sent first (a repeat then looks at the box before sending it again), and a connection
 * that closes on the way is not a failure (the box went to do it; the caller follows it back).
 */
async function sendActing<T>(
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
function safeFileName(name: string, extension: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return base.toLowerCase().endsWith(extension.toLowerCase()) ? base : `${base}${extension}`;
}
