import { describe, expect, it } from 'vitest';
import {
  deviceStatus,
  proAudioStatus,
  videoStatus,
  withOverflow,
  type Fact,
  type ProAudioFacts,
  type VideoFacts,
} from './device-status.ts';
import {
  datasheetProAudioStatuses,
  groupOf,
  proAudioStatuses,
  videoStatuses,
  type ProAudioStatus,
} from './status.ts';

const at = <T>(value: T, since: number): Fact<T> => ({ value, since });

/** A healthy, fully observed box: every fact known, none a problem. */
function healthy(since = 100): ProAudioFacts {
  return {
    kind: 'pro-audio',
    reachable: at(true, since),
    loginOk: at(true, since),
    phase: at('running', since),
    configuring: at(false, since),
    unconfigured: at(false, since),
    overheating: at(false, since),
    stackMismatched: at(false, since),
    stackComplete: at(true, since),
    voipLines: { '101': at('registered', since), '102': at('disabled', since) },
    voipRestartPending: at(false, since),
    safetyMute: at(false, since),
    locate: at(false, since),
  };
}

/** The facts that make each non-healthy status true, starting at `since`. */
const conditions: Record<Exclude<ProAudioStatus, 'Healthy'>, (since: number) => Partial<ProAudioFacts>> = {
  Down: (s) => ({ reachable: at(false, s) }),
  'Login Failed': (s) => ({ loginOk: at(false, s) }),
  'Restarting...': (s) => ({ phase: at('restarting', s) }),
  'Updating Firmware': (s) => ({ phase: at('updating', s) }),
  Configuring: (s) => ({ configuring: at(true, s) }),
  Unconfigured: (s) => ({ unconfigured: at(true, s) }),
  'OVERHEATING!': (s) => ({ overheating: at(true, s) }),
  'Mismatched Stack': (s) => ({ stackMismatched: at(true, s) }),
  'Incomplete Stack': (s) => ({ stackComplete: at(false, s) }),
  'VoIP Registration Failed': (s) => ({ voipLines: { '101': at('failed', s), '102': at('registered', 1) } }),
  'VoIP Restart Pending': (s) => ({ voipRestartPending: at(true, s) }),
  'Safety Mute On': (s) => ({ safetyMute: at(true, s) }),
  'Locate Light On': (s) => ({ locate: at(true, s) }),
};
const problems = proAudioStatuses.filter((s): s is Exclude<ProAudioStatus, 'Healthy'> => s !== 'Healthy');

describe(proAudioStatus.name, () => {
  it('is Healthy when nothing is wrong, since the latest change of any fact', () => {
    expect(proAudioStatus(healthy(100))).toEqual({ status: 'Healthy', since: 100 });
    const f = {
      ...healthy(100),
      locate: at(false, 700),
      voipLines: { '101': at('registered' as const, 900) },
    };
    expect(proAudioStatus(f)).toEqual({ status: 'Healthy', since: 900 });
  });

  it('is Healthy with only reachability known', () => {
    expect(proAudioStatus({ kind: 'pro-audio', reachable: at(true, 5) })).toEqual({
      status: 'Healthy',
      since: 5,
    });
  });

  it.each(problems)('shows %s alone, since the condition began', (status) => {
    expect(proAudioStatus({ ...healthy(100), ...conditions[status](500) })).toEqual({ status, since: 500 });
  });

  // Every ordered pair: the higher-precedence condition wins and keeps its own since.
  const pairs = problems.flatMap((a, i) => problems.slice(i + 1).map((b) => [a, b] as const));
  // Restarting.../Updating Firmware share one fact (phase); Down vs Restarting... has its own test below.
  const exclusive = (a: string, b: string) =>
    (a === 'Down' && b === 'Restarting...') || (a === 'Restarting...' && b === 'Updating Firmware');
  it.each(pairs.filter(([a, b]) => !exclusive(a, b)))('%s wins over %s', (winner, loser) => {
    const facts = { ...healthy(100), ...conditions[loser](300), ...conditions[winner](700) };
    expect(proAudioStatus(facts)).toEqual({ status: winner, since: 700 });
    const reversed = { ...healthy(100), ...conditions[winner](300), ...conditions[loser](700) };
    expect(proAudioStatus(reversed)).toEqual({ status: winner, since: 300 });
  });

  it("ranks every datasheet status but the hub's Overflowed", () => {
    expect(datasheetProAudioStatuses.filter((s) => s !== 'Overflowed').sort()).toEqual(
      [...proAudioStatuses].sort(),
    );
  });

  it('keeps the precedence of devices.md §5.7', () => {
    expect(proAudioStatuses).toEqual([
      'Down',
      'Login Failed',
      'Restarting...',
      'Updating Firmware',
      'Configuring',
      'Unconfigured',
      'OVERHEATING!',
      'Mismatched Stack',
      'Incomplete Stack',
      'VoIP Registration Failed',
      'VoIP Restart Pending',
      'Safety Mute On',
      'Locate Light On',
      'Healthy',
    ]);
  });

  it('shows Restarting..., not Down, while an expected restart makes the box unreachable', () => {
    const facts = { ...healthy(), reachable: at(false, 800), phase: at('restarting' as const, 600) };
    expect(proAudioStatus(facts)).toEqual({ status: 'Restarting...', since: 600 });
    expect(proAudioStatus({ ...facts, phase: at('running' as const, 900) })).toEqual({
      status: 'Down',
      since: 800,
    });
    expect(proAudioStatus({ ...facts, phase: at('updating' as const, 900) })).toEqual({
      status: 'Down',
      since: 800,
    });
  });

  it('dates VoIP Registration Failed from the earliest line still failing', () => {
    const facts = {
      ...healthy(),
      voipLines: {
        '101': at('failed' as const, 900),
        '102': at('failed' as const, 400),
        '103': at('registered' as const, 1000),
        '104': at('unregistered' as const, 50),
      },
    };
    expect(proAudioStatus(facts)).toEqual({ status: 'VoIP Registration Failed', since: 400 });
  });

  it('does not treat unregistered or disabled lines as failures', () => {
    const facts = {
      ...healthy(100),
      voipLines: { '101': at('unregistered' as const, 200), '102': at('disabled' as const, 300) },
    };
    expect(proAudioStatus(facts)).toEqual({ status: 'Healthy', since: 300 });
  });

  it('treats unknown facts as no problem', () => {
    expect(proAudioStatus({ kind: 'pro-audio', reachable: at(true, 1), safetyMute: at(true, 3) })).toEqual({
      status: 'Safety Mute On',
      since: 3,
    });
  });
});

describe(videoStatus.name, () => {
  const codec = (reachable: boolean, cs: boolean | undefined): VideoFacts => ({
    kind: 'video',
    reachable: at(reachable, 10),
    ...(cs === undefined ? {} : { csRegistered: at(cs, 20) }),
  });

  it.each([
    [true, true, 'Healthy', 20],
    [true, undefined, 'Healthy', 10],
    [true, false, 'Communication Service Failed', 20],
    [false, false, 'Down', 10],
    [false, true, 'Down', 10],
  ] as const)('reachable=%s cs=%s → %s', (reachable, cs, status, since) => {
    expect(videoStatus(codec(reachable, cs))).toEqual({ status, since });
  });

  it('ranks Down over Communication Service Failed', () => {
    expect(videoStatuses).toEqual(['Down', 'Communication Service Failed', 'Healthy']);
  });
});

describe(deviceStatus.name, () => {
  it('dispatches on the kind of device', () => {
    expect(deviceStatus({ kind: 'video', reachable: at(true, 1), csRegistered: at(false, 2) }).status).toBe(
      'Communication Service Failed',
    );
    expect(deviceStatus({ ...healthy(), locate: at(true, 7) })).toEqual({
      status: 'Locate Light On',
      since: 7,
    });
  });
});

describe(withOverflow.name, () => {
  it('overrides every status while the device is overflowed, since it overflowed', () => {
    const down = { status: 'Down' as const, since: 1 };
    expect(withOverflow(down, at(true, 50))).toEqual({ status: 'Overflowed', since: 50 });
    expect(withOverflow(down, at(false, 50))).toBe(down);
    expect(withOverflow(down, undefined)).toBe(down);
  });
});

describe(groupOf.name, () => {
  it('groups statuses as the dashboard counts them', () => {
    expect(groupOf('Down')).toBe('down');
    expect(groupOf('Healthy')).toBe('healthy');
    for (const s of [
      ...problems.filter((p) => p !== 'Down'),
      'Communication Service Failed',
      'Overflowed',
    ] as const) {
      expect(groupOf(s)).toBe('issues');
    }
    expect(groupOf('Not Monitored')).toBe('unmonitored');
  });
});
