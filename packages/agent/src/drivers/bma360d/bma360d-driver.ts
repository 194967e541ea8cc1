import { bma360dDialect } from '@crosspoint/protocol';
import { unsupported, type AnyCommandResult } from '../../commands/command-deps.ts';
import type { DeviceCommand } from '../../commands/device-command.ts';
import type { Candidate } from '../../discovery/discovery-method.ts';
import { deviceIdOf, type InventoryDevice } from '../../inventory/inventory.ts';
import type { SessionContext } from '../../sessions/session.ts';
import type { DeviceDriver, Fingerprint, FingerprintContext } from '../device-driver.ts';
import { Bma360dLink, firmwareOf, serialOf } from './bma360d-link.ts';
import { Bma360dSession } from './bma360d-session.ts';

/** Stand-alone BMA 360D ceiling mics on raw TCP 3603 (bma360d-dialect.ts). */
export class Bma360dDriver implements DeviceDriver<Bma360dSession> {
  readonly families = ['bma360d'] as const;

  async fingerprint(candidate: Candidate, ctx: FingerprintContext): Promise<Fingerprint> {
    const { timings, now } = ctx.session;
    const stream = await ctx.session.dial(candidate.host, candidate.port, timings.connectTimeoutMs);
    const link = new Bma360dLink(stream, { onReply: () => undefined, onClose: () => undefined }, now);
    try {
      const serial = await link.ask(
        bma360dDialect.serial.request.format({}),
        serialOf,
        timings.commandTimeoutMs,
      );
      const firmware = await link.ask(
        bma360dDialect.version.request.format({}),
        firmwareOf,
        timings.commandTimeoutMs,
      );
      const at = now();
      const device: InventoryDevice = {
        id: deviceIdOf('bma360d', serial),
        family: 'bma360d',
        model: 'BMA360D',
        serial,
        firmware,
        name: `BMA360D-${serial}`,
        host: candidate.host,
        port: candidate.port,
        topology: { server: ctx.serverName, subnet: ctx.subnet.network, interface: ctx.subnet.interface },
        firstSeen: at,
        lastSeen: at,
        status: 'Healthy',
        since: at,
      };
      return { devices: [device] };
    } finally {
      link.close();
    }
  }

  openSession(device: InventoryDevice, ctx: SessionContext): Bma360dSession {
    return new Bma360dSession(device, ctx);
  }

  /** A mic can only be located. */
  runCommand(session: Bma360dSession, target: InventoryDevice, command: DeviceCommand): AnyCommandResult {
    return command.type === 'locate'
      ? session.locate(command.on).then((on) => ({ on }))
      : unsupported(command, target);
  }
}
