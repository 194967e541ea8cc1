import type { CreateAlertRuleRequest, DeviceRow } from '@crosspoint/protocol';

/**
 * The demo as a small integrator's real business (issue #25): the support organization "Demo AV
 * Integrators" looks after four clients, each with its own agent and a site of named rooms in a
 * location tree (region › site › building › floor › room), boxes named the way installers name
 * them, two alert rules, and one plan near its limit. `crosspoint demo` simulates each site's
 * devices (packages/cli/src/demo-site.ts); the hub side (clients, servers, locations, rules) is
 * seeded by BootstrapService.seedDemoBusiness and devices are placed in their rooms as they arrive.
 */
export interface DemoClientSpec {
  name: string;
  reference: string;
  /** The plan's device limit: the bank's is below its device count, so Overflow shows. */
  maxDevices: number;
  /** The server account its agent links with (password: demoAccounts.agent.password). */
  agentName: string;
  region: string;
  site: string;
  building: string;
  /** Floors and their rooms; each room gets a stack (its boxes named `<Room>-DSP<n>`). */
  floors: { name: string; rooms: string[] }[];
  /** Simulated devices on this client's subnet (boxes, peripherals, mics and codecs). */
  devices: number;
  /** Seed of the simulated site (the same devices at every start). */
  seed: number;
}

/** Globex keeps the demo's original two subnets and agent; the others each get one subnet. */
export const demoClients: readonly DemoClientSpec[] = [
  {
    name: 'Globex Corporation',
    reference: 'DEMO-001',
    maxDevices: 100,
    agentName: 'Globex HQ agent',
    region: 'North America',
    site: 'Springfield campus',
    building: 'Globex Tower',
    floors: [
      { name: 'Floor 4', rooms: ['Boardroom 4.12', 'Huddle 4.03', 'Huddle 4.05', 'Training 4.20'] },
      { name: 'Floor 7', rooms: ['Executive Boardroom', 'Conference 7.01', 'Conference 7.02'] },
      { name: 'Floor 1', rooms: ['Town Hall', 'Reception', 'Briefing Centre'] },
    ],
    devices: 40,
    seed: 7,
  },
  {
    name: 'Northwind Bank',
    reference: 'NWB-2211',
    maxDevices: 12,
    agentName: 'Northwind DC agent',
    region: 'Europe',
    site: 'City branch',
    building: 'Northwind House',
    floors: [
      { name: 'Floor 2', rooms: ['Board Room', 'Client Suite 2.1', 'Client Suite 2.2', 'Trading Floor'] },
    ],
    devices: 14,
    seed: 11,
  },
  {
    name: 'Riverside University',
    reference: 'RU-0450',
    maxDevices: 60,
    agentName: 'Riverside campus agent',
    region: 'North America',
    site: 'Main campus',
    building: 'Science Hall',
    floors: [
      { name: 'Ground floor', rooms: ['Lecture Hall A', 'Lecture Hall B'] },
      { name: 'Floor 1', rooms: ['Seminar 1.10', 'Seminar 1.12', 'Senate Room'] },
    ],
    devices: 20,
    seed: 12,
  },
  {
    name: 'St. Mary’s Hospital',
    reference: 'SMH-0031',
    maxDevices: 40,
    agentName: 'St Marys agent',
    region: 'Europe',
    site: 'Hospital campus',
    building: 'East Wing',
    floors: [{ name: 'Floor 3', rooms: ['Tumour Board Room', 'Teaching Room 3.4', 'Telehealth Studio'] }],
    devices: 12,
    seed: 13,
  },
];

/** `Boardroom 4.12` → `Boardroom-4.12`: the stack and box names the simulated devices carry. */
export const roomToken = (room: string): string =>
  room
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The alert rules every demo client starts with. */
export const demoAlertRules: CreateAlertRuleRequest[] = [
  {
    // Short enough that someone trying the demo sees the email while still looking (a real site
    // would wait a few minutes, so a box restarting does not page anyone).
    name: 'Device down for 30 seconds',
    condition: { kind: 'device_status', statuses: ['Down'] },
    delayS: 30,
    channels: ['email'],
  },
  {
    name: 'Overheating or safety mute',
    condition: { kind: 'device_status', statuses: ['OVERHEATING!', 'Safety Mute On'] },
    delayS: 60,
    channels: ['email'],
  },
];

/** The room a device belongs in: its name or the stack it is connected through carries the room's token. */
export function roomOf(
  device: Pick<DeviceRow, 'name' | 'connections'>,
  tokens: string[],
): string | undefined {
  const names = [device.name, ...device.connections.filter((c) => c.kind === 'stack').map((c) => c.name)];
  return tokens.find((token) => names.some((n) => n === token || n.startsWith(`${token}-`)));
}
