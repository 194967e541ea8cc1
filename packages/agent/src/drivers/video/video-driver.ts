import { unsupported, type AnyCommandResult } from '../../commands/command-deps.ts';
import type { DeviceCommand } from '../../commands/device-command.ts';
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

  /** Codecs are monitored only: no command runs on them. */
  runCommand(_session: VideoSession, target: InventoryDevice, command: DeviceCommand): AnyCommandResult {
    return unsupported(command, target);
  }
}
