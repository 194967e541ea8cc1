import { cp2Dialect, defaultCredentials, defaultLocateTimeoutS, parseCp2Request } from '@crosspoint/protocol';
import type { Project } from '../project/pccp2x.ts';
import type { BoxPort, PeripheralPort, StackPort } from '../state/box-port.ts';

/**
 * Device life-cycle operations (devices.md §4, §5.6) [G]: restart, firmware apply, configuration
 * load, factory default. Each holds timers only while it runs.
 */

export interface OpTiming {
  firmwareUpdateMs: number;
  restartMs: number;
  configureMs: number;
}

/** Sessions drop, the box is unreachable for `restartMs` (Restarting...), then comes back. */
export function restartBox(box: BoxPort, timing: OpTiming, onBoot?: () => void): void {
  box.log('restarting');
  box.setUnitState('RESTARTING');
  void box.setOffline('restart', true, 'end').then(() => {
    box.later(timing.restartMs, () => {
      onBoot?.();
      box.setUnitState(box.stack.configured ? 'READY' : 'UNCONFIGURED');
      void box.setOffline('restart', false);
    });
  });
}

const progressSteps = [0, 25, 50, 75, 100];

/**
 * Updating Firmware with progress pushes → connection drop → Restarting... → back with `version`.
 * A box under `firmware_reject` writes the image, finds it bad, and comes back with the version it had.
 */
export function applyFirmware(box: BoxPort, version: string, timing: OpTiming): void {
  box.log(`firmware update to ${version}`);
  box.setUnitState('UPDATING');
  const rejected = box.rejectsFirmware;
  const each = timing.firmwareUpdateMs / (progressSteps.length - 1);
  progressSteps.forEach((percent, i) => {
    const step = () => {
      box.push(cp2Dialect.firmwareProgress.reply.format({ box: box.name, percent }));
      if (percent === 100)
        restartBox(box, timing, () => {
          if (rejected) box.log(`firmware ${version} failed its check; kept ${box.firmware}`);
          else box.firmware = version;
        });
    };
    if (i === 0) step();
    else box.later(each * i, step);
  });
}

/**
 * A P-Link peripheral's update through its host [I: PLD says BFM2 units are upgraded "using a
 * regular P-Link cable"; G: the steps]: progress pushes while the host streams the image down the
 * chain, then the peripheral leaves the chain while it flashes (`restartMs`) and comes back with
 * `version` (the old one under the host's `firmware_reject`). The host stays up.
 */
export function applyPeripheralFirmware(
  host: BoxPort,
  p: PeripheralPort,
  version: string,
  timing: OpTiming,
): void {
  const plink = String(p.index).padStart(2, '0');
  host.log(`P-Link ${plink} firmware update to ${version}`);
  const rejected = host.rejectsFirmware;
  const each = timing.firmwareUpdateMs / (progressSteps.length - 1);
  progressSteps.forEach((percent, i) => {
    const step = () => {
      host.push(cp2Dialect.plinkFirmwareProgress.reply.format({ box: host.name, plink, percent }));
      if (percent < 100) return;
      p.setFlashing(true);
      host.later(timing.restartMs, () => {
        if (!rejected) p.firmware = version;
        p.setFlashing(false);
      });
    };
    if (i === 0) step();
    else host.later(each * i, step);
  });
}

/** Only EP … LEVEL lines may be macro steps (the simulator's macros touch levels only). */
const levelLinesOnly = (macros: Record<string, string[]>): Map<string, string[]> =>
  new Map(
    Object.entries(macros).map(([name, lines]) => [
      name,
      lines.filter((l) => {
        const r = parseCp2Request(l)?.name;
        return r === 'level' || r === 'levelAlias';
      }),
    ]),
  );

/** Configuring on every box → stack settings replaced (names, credentials, safety mute, macros) → Ready. */
export function applyConfig(stack: StackPort, project: Project, timing: OpTiming): void {
  for (const b of stack.boxes) b.setUnitState('CONFIGURING');
  const first = stack.boxes[0];
  if (!first) return;
  first.log(`configuration load: stack ${project.stackName}`);
  first.later(timing.configureMs, () => {
    stack.name = project.stackName;
    stack.setCredentials({ username: project.username, password: project.password });
    stack.locateTimeoutS = project.locateTimeoutS;
    stack.macros = levelLinesOnly(project.macros);
    stack.configured = true;
    stack.endpoints.reset();
    for (const l of project.levels ?? []) {
      if (!stack.endpoints.exists(l.ept, l.epn)) continue;
      Object.assign(stack.endpoints.level(l.ept, l.epn), {
        gain: l.gain,
        mute: l.mute,
        minGain: l.minGain,
        maxGain: l.maxGain,
      });
    }
    if (project.aliases) stack.aliases = new Map(Object.entries(project.aliases));
    for (const v of project.voip ?? []) {
      const line = stack.boxByName(v.box)?.voip.find((l) => l.line === v.line);
      if (line)
        Object.assign(line, {
          enabled: v.enabled,
          user: v.user,
          password: v.password,
          registrar: v.registrar,
        });
    }
    stack.setSafetyMute(project.safetyMute);
    for (const b of stack.boxes) b.setUnitState('READY');
  });
}

/** Every box restarts; the stack comes back Unconfigured with factory credentials. */
export function factoryDefault(stack: StackPort, timing: OpTiming): void {
  stack.configured = false;
  stack.setCredentials({ ...defaultCredentials });
  stack.setSafetyMute(false);
  stack.locateTimeoutS = defaultLocateTimeoutS;
  stack.macros = new Map();
  stack.aliases = new Map();
  stack.endpoints.reset();
  for (const b of stack.boxes) {
    b.files.clear();
    restartBox(b, timing);
  }
}
