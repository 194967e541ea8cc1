import { cp2Dialect, cp2FtpPaths, firmwareVersionOf, imageVersionOf } from '@crosspoint/protocol';
import {
  applyConfig,
  applyFirmware,
  applyPeripheralFirmware,
  factoryDefault,
  restartBox,
} from '../ops/lifecycle.ts';
import { readProject, type Project } from '../project/pccp2x.ts';
import { SimError } from '../errors.ts';
import type { BoxPort } from '../state/box-port.ts';
import {
  failed,
  onlineBox,
  reply,
  type CommandContext,
  type CommandResult,
  type HandlerTable,
} from './command-context.ts';

type BoxQuery = 'boxSerial' | 'boxModel' | 'boxFirmware' | 'boxMac' | 'boxIp' | 'boxTemperature' | 'boxState';
type Management =
  | 'version'
  | 'stackInfo'
  | 'plinkList'
  | 'locate'
  | 'safetyMute'
  | 'ftp'
  | 'credentials'
  | 'voipPending'
  | 'voipRestart'
  | 'reset'
  | 'factoryDefault'
  | 'firmwareApply'
  | 'plinkFirmwareApply'
  | 'configApply';

/** Answers `BOX <name> UNIT …` for an online box of the stack. */
const query =
  (answer: (b: BoxPort) => string | undefined) =>
  (c: CommandContext, p: { box: string }): CommandResult => {
    const b = onlineBox(c, p.box);
    const line = b && answer(b);
    return line === undefined ? failed : reply(line);
  };

const boxQueries: HandlerTable<BoxQuery> = {
  boxSerial: query((b) => cp2Dialect.boxSerial.reply.format({ box: b.name, serial: b.serial })),
  boxModel: query((b) => cp2Dialect.boxModel.reply.format({ box: b.name, model: b.model })),
  boxFirmware: query((b) => cp2Dialect.boxFirmware.reply.format({ box: b.name, firmware: b.firmware })),
  boxMac: query((b) => cp2Dialect.boxMac.reply.format({ box: b.name, mac: b.mac })),
  boxIp: query((b) => cp2Dialect.boxIp.reply.format({ box: b.name, ip: b.ip })),
  boxTemperature: query((b) =>
    b.info.hasTemperature
      ? cp2Dialect.boxTemperature.reply.format({ box: b.name, celsius: b.temperatureC })
      : undefined,
  ),
  boxState: query((b) => cp2Dialect.boxState.reply.format({ box: b.name, state: b.unitState })),
};

const busy = (c: CommandContext): boolean =>
  c.stack.boxes.some(
    (b) => b.unitState === 'UPDATING' || b.unitState === 'CONFIGURING' || b.unitState === 'RESTARTING',
  );

function storedFile(c: CommandContext, target: BoxPort, path: string): Buffer | undefined {
  return (target.files.get(path) ?? c.box.files.get(path))?.data;
}

function firmwareApply(c: CommandContext, p: { box: string; file: string }): CommandResult {
  const target = onlineBox(c, p.box);
  if (!target || busy(c)) return failed;
  const image = storedFile(c, target, `${cp2FtpPaths.firmwareDir}/${p.file}`);
  const version = image && firmwareVersionOf(image);
  if (!version) return failed;
  return {
    lines: [cp2Dialect.firmwareApply.reply.format(p)],
    after: () => applyFirmware(target, version, c.box.timing),
  };
}

/** `BOX <host> PLINK <nn> FIRMWARE APPLY <file>`: a P-Link image stored on the host, for an online peripheral of it. */
function plinkFirmwareApply(
  c: CommandContext,
  p: { box: string; plink: string; file: string },
): CommandResult {
  const host = onlineBox(c, p.box);
  const peripheral = host?.peripherals.find((x) => String(x.index).padStart(2, '0') === p.plink);
  if (!host || !peripheral?.online || busy(c)) return failed;
  const image = storedFile(c, host, `${cp2FtpPaths.firmwareDir}/${p.file}`);
  const version = image && imageVersionOf('plink', image);
  if (!version) return failed;
  return {
    lines: [cp2Dialect.plinkFirmwareApply.reply.format(p)],
    after: () => applyPeripheralFirmware(host, peripheral, version, c.box.timing),
  };
}

function configApply(c: CommandContext, p: { file: string }): CommandResult {
  if (busy(c)) return failed;
  const bytes = storedFile(c, c.box, `${cp2FtpPaths.configDir}/${p.file}`);
  if (!bytes) return failed;
  let project: Project;
  try {
    project = readProject(bytes);
  } catch (e) {
    if (e instanceof SimError) {
      c.box.log(e.message);
      return failed;
    }
    throw e;
  }
  return {
    lines: [cp2Dialect.configApply.reply.format(p)],
    after: () => applyConfig(c.stack, project, c.box.timing),
  };
}

const management: HandlerTable<Management> = {
  version: (c) => reply(cp2Dialect.version.reply.format({ firmware: c.box.firmware })),
  stackInfo: (c) => reply(c.stack.infoHeader(c.box), ...c.stack.boxes.map((b) => c.stack.boxLine(b))),
  plinkList: (c, p) => {
    const b = onlineBox(c, p.box);
    if (!b) return failed;
    return reply(
      cp2Dialect.plinkList.reply.format({ box: b.name, count: b.peripherals.length }),
      ...b.peripherals.map((x) => x.item()),
    );
  },
  locate: (c, p) => {
    const b = onlineBox(c, p.box);
    if (!b) return failed;
    if (p.on !== undefined) b.setLocate(p.on, c.session);
    return reply(cp2Dialect.locate.reply.format({ box: b.name, on: b.locate }));
  },
  safetyMute: (c, p) => {
    if (p.on !== undefined) c.stack.setSafetyMute(p.on, c.session);
    return reply(cp2Dialect.safetyMute.reply.format({ on: c.stack.safetyMute }));
  },
  ftp: async (c, p) => {
    const b = onlineBox(c, p.box);
    if (!b) return failed;
    if (p.on !== undefined) await b.setFtp(p.on, c.session);
    return reply(cp2Dialect.ftp.reply.format({ box: b.name, on: b.ftpEnabled }));
  },
  credentials: (c, p) => {
    c.stack.setCredentials({ username: p.username, password: p.password });
    c.box.log(`credentials changed (user ${p.username})`);
    const line = cp2Dialect.credentials.reply.format({ username: p.username });
    c.stack.broadcast(line, c.session);
    return reply(line);
  },
  voipPending: (c, p) => {
    const b = onlineBox(c, p.box);
    if (!b || b.voip.length === 0) return failed;
    return reply(cp2Dialect.voipPending.reply.format({ box: b.name, pending: b.voipPending }));
  },
  voipRestart: (c, p) => {
    const b = onlineBox(c, p.box);
    if (!b || b.voip.length === 0) return failed;
    b.log('VoIP restart');
    b.reregister(true);
    b.setVoipPending(false, c.session);
    return reply(cp2Dialect.voipRestart.reply.format({ box: b.name, pending: false }));
  },
  reset: (c) =>
    busy(c)
      ? failed
      : { lines: [cp2Dialect.reset.reply.format({})], after: () => restartBox(c.box, c.box.timing) },
  factoryDefault: (c) =>
    busy(c)
      ? failed
      : {
          lines: [cp2Dialect.factoryDefault.reply.format({})],
          after: () => factoryDefault(c.stack, c.box.timing),
        },
  firmwareApply,
  plinkFirmwareApply,
  configApply,
};

export const deviceCommands: HandlerTable<BoxQuery | Management> = { ...boxQueries, ...management };
