import { boxNumberOf, uaEndpointOf, type InventoryDevice } from '../../inventory/inventory.ts';
import { cp2FtpPaths, projectExtension } from '@crosspoint/protocol';
import type { CommandDeps } from '../../commands/command-deps.ts';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type {
  CommandResults,
  DeviceCommand,
  ProgressListener,
  VoipLineStatus,
} from '../../commands/device-command.ts';
import type { Cp2BoxSession } from './cp2-session.ts';
import type { Cp2Client } from './cp2-client.ts';
import {
  backup,
  loadProject,
  readBackup,
  requireFtp,
  safeFileName,
  sendActing,
  untilAtRest,
  updateFirmware,
  updatePeripheralFirmware,
  type Run,
} from './cp2-jobs.ts';

const maxLogBytes = 16 * 1024 * 1024;
const tokenPattern = /^\S{1,64}$/;

/** Runs a device command on a CP2 box (or, for the few that apply, on a peripheral through its host). */
export async function runCp2Command(
  session: Cp2BoxSession,
  target: InventoryDevice,
  command: DeviceCommand,
  deps: CommandDeps,
  onProgress: ProgressListener = () => undefined,
): Promise<CommandResults[DeviceCommand['type']]> {
  const quick = deps.commandTimeoutMs;
  const long = deps.jobTimeoutMs;
  const run: Run = (label, timeoutMs, work) =>
    session.queue.enqueue(label, timeoutMs, async (signal) => {
      await ensureReady(session, signal);
      return work(clientOf(session), session.boxName, signal);
    });
  const box = session.inventory;
  const ftpTarget = () => ({ host: box.host, port: deps.ftpPort, credentials: deps.credentialsFor(box) });
  if (target.id !== session.deviceId) {
    // A peripheral's firmware goes through its host; nothing else runs on a peripheral.
    if (command.type === 'firmwareUpdate')
      return updatePeripheralFirmware(session, target, command, deps, run, ftpTarget, onProgress);
    throw new DeviceError(
      DeviceErrorCode.Unsupported,
      `${command.type} is not available on a P-Link peripheral; run it on its host box.`,
    );
  }

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

/** Whether the box refuses the login this agent has stored for it (checked once its session settles). */
async function refusesStoredLogin(session: Cp2BoxSession, timeoutMs: number): Promise<boolean> {
  const settled = () => session.isReady || session.facts.get('loginOk') === false;
  await session.queue
    .enqueue('credentials check', timeoutMs, (signal) => session.waitUntil(settled, signal))
    .catch(() => undefined);
  return !session.isReady && session.facts.get('loginOk') === false;
}
