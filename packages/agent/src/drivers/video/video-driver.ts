import { imageVersionOf } from '@crosspoint/protocol';
import { uploadCodecFirmware } from '../../adapters/codec-upload.ts';
import { unsupported, type AnyCommandResult, type CommandDeps } from '../../commands/command-deps.ts';
import type { CommandResults, DeviceCommand, ProgressListener } from '../../commands/device-command.ts';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type { Candidate } from '../../discovery/discovery-method.ts';
import { deviceIdOf, type InventoryDevice } from '../../inventory/inventory.ts';
import type { SessionContext } from '../../sessions/session.ts';
import type { DeviceDriver, Fingerprint, FingerprintContext } from '../device-driver.ts';
import { CodecStatusConnection } from './codec-status-connection.ts';
import { VideoSession } from './video-session.ts';

/** COLLABORATE Live codecs over their HTTP JSON status (video-api.ts). */
export class VideoDriver implements DeviceDriver<VideoSession> {
  readonly families = ['video'] as const;

  async fingerprint(candidate: Candidate, ctx: FingerprintContext): Promise<Fingerprint> {
    const http = new CodecStatusConnection(candidate.host, candidate.port, ctx.session.dial);
    const status = await http.fetch(ctx.session.timings.connectTimeoutMs).finally(() => {
      http.close();
    });
    const now = ctx.session.now();
    const device: InventoryDevice = {
      id: deviceIdOf('video', status.serial),
      family: 'video',
      model: status.model,
      serial: status.serial,
      firmware: status.firmware,
      name: status.name,
      host: candidate.host,
      port: candidate.port,
      topology: { server: ctx.serverName, subnet: ctx.subnet.network, interface: ctx.subnet.interface },
      firstSeen: now,
      lastSeen: now,
      status: 'Healthy',
      since: now,
    };
    return { devices: [device] };
  }

  openSession(device: InventoryDevice, ctx: SessionContext): VideoSession {
    return new VideoSession(device, ctx);
  }

  /** Codecs take a firmware update over HTTP; no other command runs on them. */
  runCommand(
    session: VideoSession,
    target: InventoryDevice,
    command: DeviceCommand,
    deps: CommandDeps,
    onProgress: ProgressListener = () => undefined,
  ): AnyCommandResult {
    if (command.type === 'firmwareUpdate')
      return updateCodecFirmware(session, target, command, deps, onProgress);
    return unsupported(command, target);
  }
}

/**
 * The image is posted to the codec (videoFirmwarePath); it installs it, restarts (unreachable)
 * and comes back: the job ends when its status reports the new version, and fails when it is back
 * with another (the image was refused) or the job's time ran out.
 */
async function updateCodecFirmware(
  session: VideoSession,
  target: InventoryDevice,
  command: Extract<DeviceCommand, { type: 'firmwareUpdate' }>,
  deps: CommandDeps,
  onProgress: ProgressListener,
): Promise<CommandResults['firmwareUpdate']> {
  const version = imageVersionOf('video', command.image);
  if (!version)
    throw new DeviceError(
      DeviceErrorCode.BadInput,
      'This is not a COLLABORATE Live firmware image (no version header).',
    );
  const started = deps.now();
  const previous = session.firmware;
  onProgress({ phase: 'upload', percent: 0 });
  try {
    await uploadCodecFirmware(target.host, target.port, command.image, deps.jobTimeoutMs);
  } catch (e) {
    throw new DeviceError(DeviceErrorCode.JobFailed, `The codec refused the image: ${(e as Error).message}`);
  }
  onProgress({ phase: 'upload', percent: 100 });
  onProgress({ phase: 'apply', percent: 0 });
  let left = false;
  for (;;) {
    if (!session.connected) {
      if (!left) onProgress({ phase: 'restarting' });
      left = true;
    } else if (session.firmware === version || left) break;
    if (deps.now() - started > deps.jobTimeoutMs)
      throw new DeviceError(DeviceErrorCode.JobFailed, 'The codec did not come back in time.');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (session.firmware !== version)
    throw new DeviceError(
      DeviceErrorCode.JobFailed,
      `The codec came back with firmware ${session.firmware}, not ${version}.`,
    );
  onProgress({ phase: 'done', percent: 100 });
  return { previous, firmware: version, durationMs: deps.now() - started };
}
