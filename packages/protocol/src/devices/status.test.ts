import { describe, expect, it } from 'vitest';
import {
  datasheetProAudioStatuses,
  deviceGroups,
  deviceStatuses,
  groupOf,
  proAudioStatuses,
  statusesByGroup,
  unknownStatusGroup,
  videoStatuses,
} from './status.ts';

describe('device statuses', () => {
  it('are the Pro Audio and video statuses, Overflowed and Not Monitored, each once', () => {
    expect(new Set(deviceStatuses)).toEqual(
      new Set([...proAudioStatuses, ...videoStatuses, 'Overflowed', 'Not Monitored']),
    );
    expect(new Set(deviceStatuses).size).toBe(deviceStatuses.length);
  });

  it.each(deviceStatuses)('%s is in exactly one group, the one groupOf gives', (status) => {
    const inGroups = deviceGroups.filter((g) => statusesByGroup[g].includes(status));
    expect(inGroups).toEqual([groupOf(status)]);
  });

  it('groups Down, Healthy and Not Monitored apart and every other status as an issue', () => {
    expect(statusesByGroup).toEqual({
      down: ['Down'],
      issues: deviceStatuses.filter((s) => !['Down', 'Healthy', 'Not Monitored'].includes(s)),
      healthy: ['Healthy'],
      unmonitored: ['Not Monitored'],
    });
  });

  it('counts a status it does not know (a newer agent) as an issue', () => {
    expect(unknownStatusGroup).toBe('issues');
    expect(groupOf('Warning')).toBe('issues');
    expect(groupOf('')).toBe('issues');
    expect(groupOf('toString')).toBe('issues');
  });

  it("lists the Pro Audio statuses in the datasheet's order", () => {
    expect(datasheetProAudioStatuses).toEqual([
      'Configuring',
      'Down',
      'Healthy',
      'Incomplete Stack',
      'Locate Light On',
      'Login Failed',
      'Mismatched Stack',
      'OVERHEATING!',
      'Restarting...',
      'Safety Mute On',
      'Unconfigured',
      'Updating Firmware',
      'VoIP Registration Failed',
      'VoIP Restart Pending',
      'Overflowed',
    ]);
  });
});
