import { Type, type Static } from 'typebox';

/**
 * Where a device sits, step by step from its agent: the agent's server account, the subnet (and
 * the interface it is reached through), then for CONVERGE Pro 2 devices the stack, the box's C-Link
 * number and a peripheral's P-Link number. Data, not words: the web app says it in the user's
 * language ("Connections" column, the device's page).
 */
export const ConnectionStep = Type.Object(
  {
    kind: Type.Enum(['server', 'subnet', 'stack', 'clink', 'plink', 'other'] as const, {
      description: '`other`: a step this hub does not know (from a newer agent), shown as it came.',
    }),
    name: Type.String({
      description:
        'Server account, subnet address, stack name, C-Link or P-Link number, or the step as it came.',
    }),
    interface: Type.Optional(
      Type.String({ description: 'Subnets: the network interface of the agent that reaches it.' }),
    ),
  },
  { additionalProperties: false },
);
export type ConnectionStep = Static<typeof ConnectionStep>;

/** What an agent knows of where a device sits. */
export interface DevicePlace {
  server: string;
  subnet: string;
  interface: string;
  stack?: string | undefined;
  clink?: string | undefined;
  plink?: string | undefined;
}

// On the agent link, a device's `path` is a list of text segments (the first the server account,
// then `Subnet <address> (<interface>)`, `Stack <name>`, `C-Link <n>`, `P-Link <n>`): the encoding
// agents have always sent. These two functions are its only writer and reader.

/** The agent link's `path` segments of a device. */
export function linkPathOf(place: DevicePlace): string[] {
  const parts = [place.server, `Subnet ${place.subnet} (${place.interface})`];
  if (place.stack !== undefined) parts.push(`Stack ${place.stack}`);
  if (place.clink !== undefined) parts.push(`C-Link ${place.clink}`);
  if (place.plink !== undefined) parts.push(`P-Link ${place.plink}`);
  return parts;
}

const prefixed: [ConnectionStep['kind'], RegExp][] = [
  ['subnet', /^Subnet (.+) \((.*)\)$/],
  ['stack', /^Stack (.*)$/],
  ['clink', /^C-Link (.*)$/],
  ['plink', /^P-Link (.*)$/],
];

/** The steps of a device's link `path`: the first segment is its server account. */
export function connectionStepsOf(path: readonly string[]): ConnectionStep[] {
  return path.map((segment, i) => {
    if (i === 0) return { kind: 'server', name: segment };
    for (const [kind, pattern] of prefixed) {
      const m = pattern.exec(segment);
      if (m)
        return kind === 'subnet'
          ? { kind, name: m[1] ?? '', interface: m[2] ?? '' }
          : { kind, name: m[1] ?? '' };
    }
    return { kind: 'other', name: segment };
  });
}
