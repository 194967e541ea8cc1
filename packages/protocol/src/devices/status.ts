import { Type } from 'typebox';

/**
 * The status vocabulary of the datasheet [C SEED2] (devices.md §3.1), in the datasheet's order and
 * wording (`OVERHEATING!`, `Restarting...`). The pure status function and its precedence-ordered
 * lists live in device-status.ts (agent side); this file has no logic.
 */

/** Every Pro Audio status the datasheet lists; Overflowed is decided by the hub from the plan. */
export const datasheetProAudioStatuses = [
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
] as const;
export type DatasheetProAudioStatus = (typeof datasheetProAudioStatuses)[number];

export const datasheetVideoStatuses = ['Down', 'Communication Service Failed', 'Healthy'] as const;
export type DatasheetVideoStatus = (typeof datasheetVideoStatuses)[number];

/** Server "Monitoring System" column [C SEED0]. */
export const serverMonitoringStatuses = ['Active', 'Issue', 'Off'] as const;
export type ServerMonitoringStatus = (typeof serverMonitoringStatuses)[number];

/** Server connection column [C SEED0]. */
export const serverConnectionStatuses = ['Connected', 'Disconnected'] as const;
export type ServerConnectionStatus = (typeof serverConnectionStatuses)[number];

/**
 * Crosspoint's own status, not the datasheet's: the device is on a subnet disabled at its agent
 * (Subnets page of the agent's UI), so nobody checks it. Counted apart on dashboards (neither Down,
 * Issues nor Healthy) and never alerted on.
 */
export const notMonitoredStatus = 'Not Monitored';

/** Device-list groups: the dashboard's three, and devices nobody monitors. */
export const deviceGroups = ['down', 'issues', 'healthy', 'unmonitored'] as const;
export type DeviceGroup = (typeof deviceGroups)[number];

/** Dashboard count labels [C SEED0]. */
export const dashboardGroups = ['Down', 'Issues', 'Healthy'] as const;
export type DashboardGroup = (typeof dashboardGroups)[number];

/** The datasheet's one-line definitions, where it gives one [C SEED2]. */
export const statusDefinitions: Partial<Record<DatasheetProAudioStatus, string>> = {
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
