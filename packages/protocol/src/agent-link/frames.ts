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

/** How the agent takes new builds: by itself ("automatically", recommended) or when asked. */
export const agentUpdateModes = ['automatic', 'manual'] as const;
export type AgentUpdateMode = (typeof agentUpdateModes)[number];

/**
 * The steps of a self-update the agent tells the hub (each one an audit entry there):
 * `downloading` the offered build; `refused` (its size, SHA-256 or signature is not the release's:
 * never installed, not retried by itself); `failed` (the download or the new build's self-test);
 * `installing` (verified and swapped in: restarting); `updated` (the new build linked);
 * `rolled-back` (the new build did not link in time or kept crashing: the previous one is back).
 */
export const agentUpdateSteps = [
  'downloading',
  'refused',
  'failed',
  'installing',
  'updated',
  'rolled-back',
] as const;
export type AgentUpdateStep = (typeof agentUpdateSteps)[number];
const AgentVersionText = Text({ maxLength: 40 });

export const AgentUpdateEvent = Type.Object(
  {
    step: Type.Enum(agentUpdateSteps),
    /** The version running when the step began, and the one it leads to. */
    from: AgentVersionText,
    to: AgentVersionText,
    at: LinkTime(),
    /** For people, in English: why it was refused, failed or rolled back. */
    reason: Type.Optional(Text({ maxLength: linkIssueLimits.reason })),
  },
  { additionalProperties: false },
);
export type AgentUpdateEvent = Static<typeof AgentUpdateEvent>;

/** The agent's update setting and whether it can update itself here, sent with heartbeats. */
export const AgentUpdateInfo = Type.Object(
  {
    mode: Type.Enum(agentUpdateModes),
    /** False when this agent cannot replace itself (run from the sources, no supervisor, no release key). */
    able: Type.Boolean(),
    reason: Type.Optional(Text({ maxLength: linkIssueLimits.reason })),
    /** The latest step of the latest update, if any. */
    last: Type.Optional(AgentUpdateEvent),
  },
  { additionalProperties: false },
);
export type AgentUpdateInfo = Static<typeof AgentUpdateInfo>;

/** A self-update step as it happens (only to a hub whose welcome says `selfUpdate: true`). */
export const AgentUpdateFrame = Type.Object(
  { type: Type.Literal('agent-update'), event: AgentUpdateEvent },
  { additionalProperties: false },
);

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
    /** Optional: the update setting and state (only to a hub whose welcome has `selfUpdate: true`). */
    update: Type.Optional(AgentUpdateInfo),
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

/**
 * Someone changed a device's configuration (a level, a mute, the login, from another session): the
 * hub backs it up. Sent only to hubs whose welcome says `configChanges: true`; bursts are merged.
 */
export const ConfigChangedFrame = Type.Object(
  {
    type: Type.Literal('config-changed'),
    deviceId: LinkText(linkTextLimits.id, 1),
    at: Type.Number(),
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
  AgentUpdateFrame,
  ConfigChangedFrame,
]);
export type AgentFrame = Static<typeof AgentFrame>;

/** The agent build a hub offers (fetched from `/agent/v1/build`). */
export const OfferedAgentBuild = Type.Object({
  version: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  /** The build's detached Ed25519 signature (base64), when it is signed. */
  signature: Type.Optional(Type.String()),
  /**
   * The same version as a single executable for Linux x64 (Node inside), when the hub has it:
   * agents that run as one fetch `/agent/v1/build?flavor=linux-x64`.
   */
  executable: Type.Optional(
    Type.Object({ sha256: Type.String(), bytes: Type.Integer(), signature: Type.Optional(Type.String()) }),
  ),
});
export type OfferedAgentBuild = Static<typeof OfferedAgentBuild>;

/** `lastSeq`: the highest sequence number already stored; the agent resends what follows. */
export const WelcomeFrame = Type.Object({
  type: Type.Literal('welcome'),
  v: Type.Integer(),
  serverId: Type.String(),
  organization: Type.String(),
  lastSeq: Type.Integer(),
  /** This hub takes health reports in heartbeats (older hubs leave it out; agents then send none). */
  health: Type.Optional(Type.Boolean()),
  /** This hub takes `config-changed` frames (older hubs leave it out; agents then send none). */
  configChanges: Type.Optional(Type.Boolean()),
  /** The hub's clock (ms since the epoch) when it said welcome. */
  now: Type.Optional(Type.Number()),
  /** The agent build this hub offers (Downloads), when it has one with a known version. */
  agentBuild: Type.Optional(OfferedAgentBuild),
  /**
   * This hub serves its build at `/agent/v1/build`, takes `agent-update` frames and heartbeats'
   * `update`, and may send `update-agent`.
   */
  selfUpdate: Type.Optional(Type.Boolean()),
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
/**
 * The hub offers a build after welcome (a new one was published while the agent was linked), or,
 * with `requested`, a person pressed Update on the Servers screen: install it now, whatever the
 * agent's update setting and even if it refused that build before.
 */
export const UpdateAgentFrame = Type.Object({
  type: Type.Literal('update-agent'),
  build: OfferedAgentBuild,
  requested: Type.Optional(Type.Boolean()),
});
export const HubFrame = Type.Union([WelcomeFrame, AckFrame, CommandFrame, UpdateAgentFrame]);
export type HubFrame = Static<typeof HubFrame>;
