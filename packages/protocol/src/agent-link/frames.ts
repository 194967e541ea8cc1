import { Type, type Static } from 'typebox';
import { MultilineText, Text } from '../text.ts';

/**
 * The agent ⇄ hub link: versioned JSON frames over one WebSocket the agent opens to
 * `/agent/v1` (docs/agent-protocol.md). The agent authenticates in the upgrade request with HTTP
 * Basic credentials of its agent server account: `<account name>@<organization code>` and password.
 */
export const linkProtocolVersion = 1;

/** WebSocket close codes the hub uses, each with a human reason. */
export const LinkClose = {
  BadCredentials: 4001,
  Disabled: 4003,
  Malformed: 4400,
  UnsupportedVersion: 4426,
  Replaced: 4409,
  ShuttingDown: 4503,
} as const;

/**
 * Longest text of each device field on the link (UTF-16 units). The agent's drivers cut what
 * devices report to these (`cleanDeviceText`), the hub refuses or repairs longer.
 */
export const linkTextLimits = {
  id: 120,
  family: 40,
  model: 60,
  serial: 60,
  firmware: 40,
  name: 120,
  ip: 64,
  parentId: 120,
  pathSegment: 80,
  status: 40,
} as const;
/** Most path segments of a device. */
export const linkPathMaxSegments = 8;
/** Latest time a frame may carry, in ms since the epoch (JavaScript's own limit; PostgreSQL stores it). */
export const linkMaxTime = 8_640_000_000_000_000;
/** Highest sequence number (the hub stores it as a 32-bit integer: 13 years of 200 ms batches). */
export const linkMaxSeq = 2_147_483_647;

/** Device text on the link: no control characters nor unpaired surrogates (text.ts), bounded. */
const LinkText = (maxLength: number, minLength = 0) =>
  Text(minLength > 0 ? { minLength, maxLength } : { maxLength });
const LinkTime = (description?: string) =>
  Type.Number({ minimum: 0, maximum: linkMaxTime, ...(description ? { description } : {}) });
const LinkSeq = Type.Integer({ minimum: 0, maximum: linkMaxSeq });
const DeviceStatusName = LinkText(linkTextLimits.status, 1);

/** A device as the agent reports it: compact keys, because a full resync of 1,000 must stay < 100 KB. */
export const LinkDevice = Type.Object(
  {
    id: LinkText(linkTextLimits.id, 1),
    family: LinkText(linkTextLimits.family),
    model: LinkText(linkTextLimits.model),
    serial: LinkText(linkTextLimits.serial),
    firmware: LinkText(linkTextLimits.firmware),
    name: LinkText(linkTextLimits.name),
    ip: LinkText(linkTextLimits.ip),
    parentId: Type.Optional(LinkText(linkTextLimits.parentId)),
    /** Server › Subnet (iface) › Stack › C-Link NN › P-Link NN, as display segments. */
    path: Type.Array(LinkText(linkTextLimits.pathSegment), { maxItems: linkPathMaxSegments }),
    status: DeviceStatusName,
    since: LinkTime('ms since the epoch: when the status condition began.'),
  },
  { additionalProperties: false },
);
export type LinkDevice = Static<typeof LinkDevice>;

/** How many of the agent's configured subnets it monitors. */
const SubnetCounts = Type.Object({
  enabled: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
});

export const HelloFrame = Type.Object(
  {
    type: Type.Literal('hello'),
    v: Type.Integer({ minimum: 1 }),
    agentVersion: Text({ maxLength: 40 }),
    /** Random id of the agent's store: sequence numbers count within it. */
    instance: Text({ minLength: 8, maxLength: 64 }),
    subnets: SubnetCounts,
  },
  { additionalProperties: false },
);

/** The full list after (re)connecting: devices the hub knows but this list lacks are gone from the agent. */
export const InventoryFrame = Type.Object(
  {
    type: Type.Literal('inventory'),
    seq: LinkSeq,
    devices: Type.Array(LinkDevice, { maxItems: 20_000 }),
  },
  { additionalProperties: false },
);

/** One observed status change; `at` is when the agent saw it (buffered changes keep their times). */
export const LinkChange = Type.Object(
  {
    id: LinkText(linkTextLimits.id, 1),
    status: DeviceStatusName,
    since: LinkTime(),
    at: LinkTime(),
    device: Type.Optional(LinkDevice),
  },
  { additionalProperties: false },
);
export type LinkChange = Static<typeof LinkChange>;

export const DeltasFrame = Type.Object(
  {
    type: Type.Literal('deltas'),
    seq: LinkSeq,
    changes: Type.Array(LinkChange, { minItems: 1, maxItems: 5_000 }),
  },
  { additionalProperties: false },
);

/**
 * Issues an agent reports, each with a stable code (docs/agent-install.md explains each). The link
 * takes any code of this shape, so a newer agent's codes reach an older hub as they are.
 */
export const agentIssueCodes = [
  'SUBNET_SWEEP_FAILING',
  'BUFFER_GROWING',
  'CLOCK_SKEW',
  'CREDENTIALS_FAILING',
  'CPU_HIGH',
  'MEMORY_HIGH',
] as const;
export type AgentIssueCode = (typeof agentIssueCodes)[number];
export const linkIssueLimits = { code: 40, reason: 300, issues: 20 } as const;

export const AgentIssue = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', maxLength: linkIssueLimits.code }),
    /** For people: what is wrong, with the numbers (in English; the hub shows it as sent). */
    reason: Text({ minLength: 1, maxLength: linkIssueLimits.reason }),
  },
  { additionalProperties: false },
);
export type AgentIssue = Static<typeof AgentIssue>;

/**
 * How the agent itself is doing, sent with heartbeats to hubs whose welcome says `health: true`
 * (so an older hub never meets the field). Monitoring is `issue` while `issues` is not empty.
 */
export const AgentHealth = Type.Object(
  {
    /** The agent process's CPU since the last report, in % of one core. */
    cpuPercent: Type.Number({ minimum: 0, maximum: 100_000 }),
    /** Its resident memory, in MB. */
    memoryMb: Type.Number({ minimum: 0, maximum: 10_000_000 }),
    /** Changes waiting for the hub's acknowledgement (on disk and queued). */
    backlog: Type.Integer({ minimum: 0 }),
    issues: Type.Array(AgentIssue, { maxItems: linkIssueLimits.issues }),
  },
  { additionalProperties: false },
);
export type AgentHealth = Static<typeof AgentHealth>;

export const HeartbeatFrame = Type.Object(
  {
    type: Type.Literal('heartbeat'),
    at: Type.Number(),
    monitoring: Type.Union([Type.Literal('active'), Type.Literal('issue'), Type.Literal('off')]),
    sessions: Type.Integer({ minimum: 0 }),
    /**
     * Optional: present when the counts changed since `hello` (a subnet enabled or disabled in the
     * agent's UI), so the hub need not wait for a reconnect to show them.
     */
    subnets: Type.Optional(SubnetCounts),
    /** Optional: the agent's health report (only to a hub whose welcome has `health: true`). */
    health: Type.Optional(AgentHealth),
  },
  { additionalProperties: false },
);

export const CommandResultFrame = Type.Object(
  {
    type: Type.Literal('command-result'),
    commandId: Text({ maxLength: 64 }),
    ok: Type.Boolean(),
    result: Type.Optional(Type.Unknown()),
    error: Type.Optional(
      Type.Object({ code: Text({ maxLength: 64 }), message: MultilineText({ maxLength: 2000 }) }),
    ),
  },
  { additionalProperties: false },
);

export const JobProgressFrame = Type.Object(
  {
    type: Type.Literal('job-progress'),
    commandId: Text({ maxLength: 64 }),
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    phase: Text({ maxLength: 80 }),
  },
  { additionalProperties: false },
);

export const AgentFrame = Type.Union([
  HelloFrame,
  InventoryFrame,
  DeltasFrame,
  HeartbeatFrame,
  CommandResultFrame,
  JobProgressFrame,
]);
export type AgentFrame = Static<typeof AgentFrame>;

/** `lastSeq`: the highest sequence number already stored; the agent resends what follows. */
export const WelcomeFrame = Type.Object({
  type: Type.Literal('welcome'),
  v: Type.Integer(),
  serverId: Type.String(),
  organization: Type.String(),
  lastSeq: Type.Integer(),
  /** This hub takes health reports in heartbeats (older hubs leave it out; agents then send none). */
  health: Type.Optional(Type.Boolean()),
  /** The hub's clock (ms since the epoch) when it said welcome. */
  now: Type.Optional(Type.Number()),
  /** The agent build this hub offers (Downloads), when it has one with a known version. */
  agentBuild: Type.Optional(
    Type.Object({ version: Type.String(), sha256: Type.String(), bytes: Type.Integer() }),
  ),
});
/** Everything up to `seq` is stored: the agent may drop it from its buffer. */
export const AckFrame = Type.Object({ type: Type.Literal('ack'), seq: Type.Integer() });
export const CommandFrame = Type.Object({
  type: Type.Literal('command'),
  commandId: Type.String(),
  deviceId: Type.String(),
  command: Type.Record(Type.String(), Type.Unknown()),
  deadline: Type.Number(),
});
export const HubFrame = Type.Union([WelcomeFrame, AckFrame, CommandFrame]);
export type HubFrame = Static<typeof HubFrame>;
