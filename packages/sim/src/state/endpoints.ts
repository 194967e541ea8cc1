import { deviceModels, gainLimits, type DeviceModelCode } from '@crosspoint/protocol';

/** LEVEL block of one end point [C PD2 README: GAIN, MUTE, MIN_GAIN, MAX_GAIN]. */
export interface Level {
  gain: number;
  mute: boolean;
  minGain: number;
  maxGain: number;
}

export interface StackMember {
  model: DeviceModelCode;
  beamformers: number;
  gpio: boolean;
}

/** Channels of each end-point type on one box [G: counts from model names, devices.md §7]. */
export function channelCount(ept: string, m: StackMember): number {
  const info = deviceModels[m.model];
  switch (ept) {
    case 'MIC':
      return info.inputs;
    case 'OUTPUT':
      return info.outputs;
    case 'PROC':
    case 'FADER':
      return 8;
    case 'SGEN':
    case 'USB_RX':
    case 'USB_TX':
      return 1;
    case 'SPEAKER':
      return info.family === 'huddle' ? 2 : 0;
    case 'UA':
    case 'VOIP_RX':
    case 'VOIP_TX':
      return info.voipLines;
    case 'TELCO_RX':
    case 'TELCO_TX':
      return info.telco ? 1 : 0;
    case 'DANTE':
      return info.dante ? 8 : 0;
    case 'BFM':
      return m.beamformers;
    case 'GPIO':
      return m.gpio ? 8 : 0;
    default:
      return 0;
  }
}

/** `302` → box 3, channel 2; `1012` → box 10, channel 12 [C MAN §1.4 "BNN"]. */
export function splitEpn(epn: string): { box: number; channel: number } {
  const boxDigits = epn.length - 2;
  return { box: Number(epn.slice(0, boxDigits)), channel: Number(epn.slice(boxDigits)) };
}

const roundStep = (v: number): number => Math.round(v / gainLimits.step) * gainLimits.step;
export const clampGain = (v: number, l: Level): number =>
  Math.min(l.maxGain, Math.max(l.minGain, roundStep(v)));

/**
 * The stack-wide end-point store. Levels exist only once touched (5,000 idle boxes hold none);
 * SETTINGS values likewise.
 */
export class Endpoints {
  private levels: Map<string, Level> | undefined;
  private settings: Map<string, string> | undefined;

  constructor(private readonly members: () => readonly StackMember[]) {}

  exists(ept: string, epn: string): boolean {
    const { box, channel } = splitEpn(epn);
    const member = this.members()[box - 1];
    return member !== undefined && channel >= 1 && channel <= channelCount(ept, member);
  }

  level(ept: string, epn: string): Level {
    const key = `${ept} ${epn}`;
    const levels = (this.levels ??= new Map<string, Level>());
    let l = levels.get(key);
    if (!l) {
      l = { gain: 0, mute: false, minGain: gainLimits.min, maxGain: gainLimits.max };
      levels.set(key, l);
    }
    return l;
  }

  setting(ept: string, epn: string, param: string): string | undefined {
    return this.settings?.get(`${ept} ${epn} ${param}`);
  }

  setSetting(ept: string, epn: string, param: string, value: string): void {
    (this.settings ??= new Map<string, string>()).set(`${ept} ${epn} ${param}`, value);
  }

  /** Levels that differ from the defaults (what a project keeps), in a stable order. */
  changedLevels(): ({ ept: string; epn: string } & Level)[] {
    const out: ({ ept: string; epn: string } & Level)[] = [];
    for (const [key, l] of this.levels ?? []) {
      if (l.gain === 0 && !l.mute && l.minGain === gainLimits.min && l.maxGain === gainLimits.max) continue;
      const [ept = '', epn = ''] = key.split(' ');
      out.push({ ept, epn, ...l });
    }
    return out.sort((a, b) => a.ept.localeCompare(b.ept) || Number(a.epn) - Number(b.epn));
  }

  /** Forgets every level and setting (factory default, configuration load). */
  reset(): void {
    this.levels = undefined;
    this.settings = undefined;
  }
}
