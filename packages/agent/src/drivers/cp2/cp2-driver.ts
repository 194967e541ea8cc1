import { modelByCode } from '@crosspoint/protocol';
import type { AnyCommandResult, CommandDeps } from '../../commands/command-deps.ts';
import type { DeviceCommand, ProgressListener } from '../../commands/device-command.ts';
import { DeviceErrorCode, type DeviceError } from '../../commands/device-error.ts';
import type { Candidate } from '../../discovery/discovery-method.ts';
import { addressIdOf, deviceIdOf, type InventoryDevice } from '../../inventory/inventory.ts';
import type { SessionContext } from '../../sessions/session.ts';
import type { DeviceDriver, Fingerprint, FingerprintContext } from '../device-driver.ts';
import { runCp2Command } from './cp2-commands.ts';
import { Cp2Client } from './cp2-client.ts';
import { Cp2Connection } from './cp2-connection.ts';
import { Cp2BoxSession } from './cp2-session.ts';
import { peripheralDevice } from './cp2-inventory.ts';

/** CONVERGE Pro 2 and Huddle boxes: telnet, login, the shared CP2 dialect; P-Link peripherals through their host. */
export class Cp2Driver implements DeviceDriver<Cp2BoxSession> {
  readonly families = ['cp2', 'huddle'] as const;

  async fingerprint(candidate: Candidate, ctx: FingerprintContext): Promise<Fingerprint> {
    const { session } = ctx;
    let refused = false;
    for (const [i, credentials] of ctx.credentials.entries()) {
      const stream = await session.dial(candidate.host, candidate.port, session.timings.connectTimeoutMs);
      const conn = new Cp2Connection(
        stream,
        { onReply: () => undefined, onClose: () => undefined },
        { now: session.now },
      );
      try {
        await conn.login(credentials, session.timings.loginTimeoutMs);
        const devices = await identify(new Cp2Client(conn, session.timings.commandTimeoutMs), candidate, ctx);
        return i === 0 ? { devices } : { devices, credentials };
      } catch (e) {
        if ((e as DeviceError).code !== DeviceErrorCode.LoginFailed) throw e;
        refused = true;
      } finally {
        conn.close();
      }
    }
    if (!refused) throw new Error('No credentials to try.');
    return { devices: [placeholder(candidate, ctx, session)], unidentified: 'login-failed' };
  }

  openSession(device: InventoryDevice, ctx: SessionContext): Cp2BoxSession {
    return new Cp2BoxSession(device, ctx);
  }

  runCommand(
    session: Cp2BoxSession,
    target: InventoryDevice,
    command: DeviceCommand,
    deps: CommandDeps,
    onProgress?: ProgressListener,
  ): AnyCommandResult {
    return runCp2Command(session, target, command, deps, onProgress);
  }
}

/** Reads who the box is and what hangs off it: stack, C-Link index, serial, model, firmware, P-Link chain. */
async function identify(
  client: Cp2Client,
  candidate: Candidate,
  ctx: FingerprintContext,
): Promise<InventoryDevice[]> {
  const now = ctx.session.now();
  const info = await client.stackInfo();
  const self = info.boxes.find((b) => b.clink === info.self);
  if (!self)
    throw new Error(`The box at ${candidate.host} does not list itself (C-Link ${info.self}) in its stack.`);
  const [serial, firmware, model] = [
    await client.serial(self.box),
    await client.firmware(self.box),
    await client.model(self.box),
  ];
  const family = modelByCode(model)?.family === 'huddle' ? 'huddle' : 'cp2';
  const topology = {
    server: ctx.serverName,
    subnet: ctx.subnet.network,
    interface: ctx.subnet.interface,
    stack: info.stack,
    clink: info.self,
  };
  const box: InventoryDevice = {
    id: deviceIdOf(family, serial),
    family,
    model,
    serial,
    firmware,
    name: self.box,
    host: candidate.host,
    port: candidate.port,
    topology,
    firstSeen: now,
    lastSeen: now,
    status: 'Healthy',
    since: now,
  };
  const peripherals = (await client.plinks(self.box)).map((item) => peripheralDevice(box, item, now));
  return [box, ...peripherals];
}

function placeholder(
  candidate: Candidate,
  ctx: FingerprintContext,
  session: SessionContext,
): InventoryDevice {
  const now = session.now();
  return {
    id: addressIdOf('cp2', candidate.host, candidate.port),
    family: 'cp2',
    model: 'unknown',
    serial: '',
    firmware: '',
    name: '',
    host: candidate.host,
    port: candidate.port,
    topology: { server: ctx.serverName, subnet: ctx.subnet.network, interface: ctx.subnet.interface },
    firstSeen: now,
    lastSeen: now,
    status: 'Login Failed',
    since: now,
  };
}
