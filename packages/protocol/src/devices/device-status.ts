import { overflowedStatus, type DeviceStatus, type ProAudioStatus, type VideoStatus } from './status.ts';

/**
 * The ONE pure status function: observed facts of a device → its status and since when.
 *
 * Precedence (devices.md §5.7): Down > Login Failed > Restarting... > Updating Firmware >
 * Configuring > Unconfigured > OVERHEATING! > Mismatched Stack > Incomplete Stack >
 * VoIP Registration Failed > VoIP Restart Pending > Safety Mute On > Locate Light On > Healthy.
 * Video devices: Down > Communication Service Failed > Healthy. Overflowed is decided by the hub
 * from the service plan and overrides everything (`withOverflow`).
 *
 * "since" is when the winning condition began, read from the facts' own change times, so the
 * function needs no history and gives the same answer on the agent and on the hub. The wording of
 * the statuses is the datasheet's [C SEED2]; the statuses, their precedence lists and their groups
 * are status.ts.
 */

/** A fact observed about a device, with the time (ms since the epoch) its value last changed. */
export interface Fact<T> {
  readonly value: T;
  readonly since: number;
}

/** Registration of one VoIP line. Only `failed` is a problem; `disabled`/`unregistered` are deliberate. */
export type VoipRegistration = 'registered' | 'failed' | 'unregistered' | 'disabled';

/** Where a box is in its own life cycle, as the agent observes it or drives it (firmware job, RESET). */
export type DevicePhase = 'running' | 'updating' | 'restarting';

/** What the agent knows about a CONVERGE Pro 2 / Huddle box or a P-Link peripheral. Absent = not known (no problem). */
export interface ProAudioFacts {
  readonly kind: 'pro-audio';
  /** TCP session up (for a peripheral: listed online by its host, whose session is up). */
  readonly reachable: Fact<boolean>;
  readonly loginOk?: Fact<boolean>;
  readonly phase?: Fact<DevicePhase>;
  readonly configuring?: Fact<boolean>;
  readonly unconfigured?: Fact<boolean>;
  /** Temperature above the model's threshold (the session turns readings into this flag). */
  readonly overheating?: Fact<boolean>;
  /** Reports a stack other than its parent's. */
  readonly stackMismatched?: Fact<boolean>;
  /** Every member of its stack (boxes and P-Link peripherals) is online. */
  readonly stackComplete?: Fact<boolean>;
  /** Registration per VoIP line, keyed by line (e.g. UA endpoint number "101"). */
  readonly voipLines?: Readonly<Record<string, Fact<VoipRegistration>>>;
  readonly voipRestartPending?: Fact<boolean>;
  readonly safetyMute?: Fact<boolean>;
  readonly locate?: Fact<boolean>;
}

/** What the agent knows about a COLLABORATE Live codec. */
export interface VideoFacts {
  readonly kind: 'video';
  readonly reachable: Fact<boolean>;
  /** Registered with its COLLABORATE Space communication service. */
  readonly csRegistered?: Fact<boolean>;
}

export type DeviceFacts = ProAudioFacts | VideoFacts;

export interface StatusResult<S extends DeviceStatus = DeviceStatus> {
  readonly status: S;
  /** When the winning condition began (ms since the epoch). */
  readonly since: number;
}

type Rule<F> = (facts: F) => number | undefined;

/** A boolean fact that is a problem when true: its since when true, else undefined. */
const whenTrue = (f: Fact<boolean> | undefined): number | undefined =>
  f?.value === true ? f.since : undefined;
const whenFalse = (f: Fact<boolean> | undefined): number | undefined =>
  f?.value === false ? f.since : undefined;

function earliestFailedLine(lines: ProAudioFacts['voipLines']): number | undefined {
  let earliest: number | undefined;
  for (const line of Object.values(lines ?? {})) {
    if (line.value === 'failed' && (earliest === undefined || line.since < earliest)) earliest = line.since;
  }
  return earliest;
}

/** Rules in precedence order; each answers "since when does this condition hold", or undefined. */
const proAudioRules: readonly (readonly [ProAudioStatus, Rule<ProAudioFacts>])[] = [
  // A restart the agent expects (firmware job, RESET) makes the box unreachable by design: it shows
  // Restarting..., not Down. The session bounds that phase with a deadline, after which Down wins.
  ['Down', (f) => (f.phase?.value === 'restarting' ? undefined : whenFalse(f.reachable))],
  ['Login Failed', (f) => whenFalse(f.loginOk)],
  ['Restarting...', (f) => (f.phase?.value === 'restarting' ? f.phase.since : undefined)],
  ['Updating Firmware', (f) => (f.phase?.value === 'updating' ? f.phase.since : undefined)],
  ['Configuring', (f) => whenTrue(f.configuring)],
  ['Unconfigured', (f) => whenTrue(f.unconfigured)],
  ['OVERHEATING!', (f) => whenTrue(f.overheating)],
  ['Mismatched Stack', (f) => whenTrue(f.stackMismatched)],
  ['Incomplete Stack', (f) => whenFalse(f.stackComplete)],
  ['VoIP Registration Failed', (f) => earliestFailedLine(f.voipLines)],
  ['VoIP Restart Pending', (f) => whenTrue(f.voipRestartPending)],
  ['Safety Mute On', (f) => whenTrue(f.safetyMute)],
  ['Locate Light On', (f) => whenTrue(f.locate)],
];

const videoRules: readonly (readonly [VideoStatus, Rule<VideoFacts>])[] = [
  ['Down', (f) => whenFalse(f.reachable)],
  ['Communication Service Failed', (f) => whenFalse(f.csRegistered)],
];

/** Healthy since the latest change of any fact: the moment the last condition cleared (or observation began). */
function latestChange(facts: DeviceFacts): number {
  let latest = facts.reachable.since;
  for (const [key, value] of Object.entries(facts) as [string, unknown][]) {
    if (key === 'voipLines') {
      for (const line of Object.values(value as Record<string, Fact<unknown>>))
        latest = Math.max(latest, line.since);
    } else if (typeof value === 'object' && value !== null && 'since' in value) {
      latest = Math.max(latest, (value as Fact<unknown>).since);
    }
  }
  return latest;
}

function firstMatch<F, S extends DeviceStatus>(
  rules: readonly (readonly [S, Rule<F>])[],
  facts: F,
): StatusResult<S> | undefined {
  for (const [status, rule] of rules) {
    const since = rule(facts);
    if (since !== undefined) return { status, since };
  }
  return undefined;
}

export function proAudioStatus(facts: ProAudioFacts): StatusResult<ProAudioStatus> {
  return firstMatch(proAudioRules, facts) ?? { status: 'Healthy', since: latestChange(facts) };
}

export function videoStatus(facts: VideoFacts): StatusResult<VideoStatus> {
  return firstMatch(videoRules, facts) ?? { status: 'Healthy', since: latestChange(facts) };
}

/** The status of any device from its facts. */
export function deviceStatus(facts: DeviceFacts): StatusResult<ProAudioStatus | VideoStatus> {
  return facts.kind === 'video' ? videoStatus(facts) : proAudioStatus(facts);
}

/**
 * Applies the hub's plan decision: a device past its organization's device limit shows Overflowed
 * (since the device became overflowed), whatever else is true of it.
 */
export function withOverflow(result: StatusResult, overflowed: Fact<boolean> | undefined): StatusResult {
  return overflowed?.value === true ? { status: overflowedStatus, since: overflowed.since } : result;
}
