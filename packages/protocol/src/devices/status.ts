import { Type } from 'typebox';

/**
 * A device's status: every word it can be (the datasheet's [C SEED2], devices.md §3.1, in its
 * wording: `OVERHEATING!`, `Restarting...`; plus the hub's Overflowed and Crosspoint's Not
 * Monitored) and the one rule that groups them (Down / Issues / Healthy, and devices nobody
 * monitors). The hub's SQL, its dashboard counts and the web's badge colours all derive from
 * `groupOf` and `statusesByGroup`; the pure function from observed facts to a status is
 * device-status.ts.
 */

/**
 * Pro Audio statuses the agent derives, in precedence order (devices.md §5.7), highest first.
 * Overflowed is the hub's (`withOverflow` in device-status.ts).
 */
export const proAudioStatuses = [
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
] as const;
/** Video statuses in precedence order. */
export const videoStatuses = ['Down', 'Communication Service Failed', 'Healthy'] as const;

export type ProAudioStatus = (typeof proAudioStatuses)[number];
export type VideoStatus = (typeof videoStatuses)[number];

/** The hub's: a Pro Audio device past its organization's service plan, whatever else is true of it. */
export const overflowedStatus = 'Overflowed';

/**
 * Crosspoint's own status, not the datasheet's: the device is on a subnet disabled at its agent
 * (Subnets page of the agent's UI), so nobody checks it. Counted apart on dashboards (neither Down,
 * Issues nor Healthy) and never alerted on.
 */
export const notMonitoredStatus = 'Not Monitored';

/** Every status a device can show. */
export type DeviceStatus = ProAudioStatus | VideoStatus | typeof overflowedStatus | typeof notMonitoredStatus;
export const deviceStatuses: readonly DeviceStatus[] = [
  ...new Set<DeviceStatus>([...proAudioStatuses, ...videoStatuses, overflowedStatus, notMonitoredStatus]),
];

/** Device-list groups: the dashboard's three, and devices nobody monitors. */
export const deviceGroups = ['down', 'issues', 'healthy', 'unmonitored'] as const;
export type DeviceGroup = (typeof deviceGroups)[number];

/**
 * Statuses in which a device is not available to its room, for availability figures: it does not
 * answer (Down), is not watched (Not Monitored), or is restarting or updating. Every other status,
 * issues included, counts as available.
 */
export const unavailableStatuses: readonly DeviceStatus[] = [
  'Down',
  notMonitoredStatus,
  'Restarting...',
  'Updating Firmware',
];

/** THE grouping rule: Down and Healthy are groups of their own, Not Monitored is apart, the rest are issues. */
const groupByStatus: Readonly<Record<DeviceStatus, DeviceGroup>> = {
  Down: 'down',
  'Login Failed': 'issues',
  'Restarting...': 'issues',
  'Updating Firmware': 'issues',
  Configuring: 'issues',
  Unconfigured: 'issues',
  'OVERHEATING!': 'issues',
  'Mismatched Stack': 'issues',
  'Incomplete Stack': 'issues',
  'VoIP Registration Failed': 'issues',
  'VoIP Restart Pending': 'issues',
  'Safety Mute On': 'issues',
  'Locate Light On': 'issues',
  'Communication Service Failed': 'issues',
  Overflowed: 'issues',
  Healthy: 'healthy',
  'Not Monitored': 'unmonitored',
};

/**
 * The group of a status that is not one of `deviceStatuses` (an agent newer than its hub may
 * report one): an issue. The hub's SQL selects this group as "none of the other groups' statuses".
 */
export const unknownStatusGroup: DeviceGroup = 'issues';

const groups: ReadonlyMap<string, DeviceGroup> = new Map(Object.entries(groupByStatus));

/** The group of a device's status, as the dashboard counts it and the list filters by it. */
export function groupOf(status: string): DeviceGroup {
  return groups.get(status) ?? unknownStatusGroup;
}

const statusesIn = (group: DeviceGroup): readonly DeviceStatus[] =>
  deviceStatuses.filter((s) => groupByStatus[s] === group);

/** The statuses of each group (together, `deviceStatuses`, each once). */
export const statusesByGroup: Readonly<Record<DeviceGroup, readonly DeviceStatus[]>> = {
  down: statusesIn('down'),
  issues: statusesIn('issues'),
  healthy: statusesIn('healthy'),
  unmonitored: statusesIn('unmonitored'),
};

/** Dashboard count labels [C SEED0]. */
export const dashboardGroups = ['Down', 'Issues', 'Healthy'] as const;
export type DashboardGroup = (typeof dashboardGroups)[number];

/** The datasheet lists its statuses alphabetically, Overflowed last [C SEED2]. */
const alphabetically = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

/** Every Pro Audio status in the datasheet's order; Overflowed is decided by the hub from the plan. */
export const datasheetProAudioStatuses: readonly (ProAudioStatus | typeof overflowedStatus)[] = [
  ...[...proAudioStatuses].sort(alphabetically),
  overflowedStatus,
];
/** The video statuses in the datasheet's order. */
export const datasheetVideoStatuses: readonly VideoStatus[] = videoStatuses;

/** Server "Monitoring System" column [C SEED0]. */
export const serverMonitoringStatuses = ['Active', 'Issue', 'Off'] as const;
export type ServerMonitoringStatus = (typeof serverMonitoringStatuses)[number];

/** Server connection column [C SEED0]. */
export const serverConnectionStatuses = ['Connected', 'Disconnected'] as const;
export type ServerConnectionStatus = (typeof serverConnectionStatuses)[number];

/** The datasheet's one-line definitions, where it gives one [C SEED2]. */
export const statusDefinitions: Partial<Record<DeviceStatus, string>> = {
  'Incomplete Stack': "The device's CP2 stack has one or more devices offline.",
  'Mismatched Stack': 'The device belongs to a different stack than its parent.',
  'OVERHEATING!': 'The CP2 reports a temperature above its limit.',
  Overflowed:
    'The device overflows the maximum number of devices allowed with your subscription or service plan.',
};

export const ProAudioStatusSchema = Type.Enum(datasheetProAudioStatuses, {
  $id: 'ProAudioStatus',
  description: 'Status of a Pro Audio device (datasheet wording).',
});
export const VideoStatusSchema = Type.Enum(datasheetVideoStatuses, {
  $id: 'VideoStatus',
  description: 'Status of a video device (datasheet wording).',
});
export const DashboardGroupSchema = Type.Enum(dashboardGroups, { $id: 'DashboardGroup' });
