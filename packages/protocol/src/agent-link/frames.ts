import { Type, type Static } from 'typebox';

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

const DeviceStatusName = Type.String({ minLength: 1, maxLength: 40 });

/** A device as the agent reports it: compact keys, because a full resync of 1,000 must stay < 100 KB. */
export const LinkDevice = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120 }),
    family: Type.String({ maxLength: 40 }),
    model: Type.String({ maxLength: 60 }),
    serial: Type.String({ maxLength: 60 }),
    firmware: Type.String({ maxLength: 40 }),
    name: Type.String({ maxLength: 120 }),
    ip: Type.String({ maxLength: 64 }),
    parentId: Type.Optional(Type.String({ maxLength: 120 })),
    /** Server › Subnet (iface) › Stack › C-Link NN › P-Link NN, as display segments. */
    path: Type.Array(Type.String({ maxLength: 80 }), { maxItems: 8 }),
    status: DeviceStatusName,
    since: Type.Number({ description: 'ms since the epoch: when the status condition began.' }),
  },
  { additionalProperties: false },
);
export type LinkDevice = Static<typeof LinkDevice>;

/** How many of the agent's configured subnets it monitors. */
const SubnetCounts = Type.Object({ enabled: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) });

export const HelloFrame = Type.Object(
  {
    type: Type.Literal('hello'),
    v: Type.Integer({ minimum: 1 }),
    agentVersion: Type.String({ maxLength: 40 }),
    /** Random id of the agent's store: sequence numbers count within it. */
    instance: Type.String({ minLength: 8, maxLength: 64 }),
    subnets: SubnetCounts,
  },
  { additionalProperties: false },
);

/** The full list after (re)connecting: devices the hub knows but this list lacks are gone from the agent. */
export const InventoryFrame = Type.Object(
  {
    type: Type.Literal('inventory'),
    seq: Type.Integer({ minimum: 0 }),
    devices: Type.Array(LinkDevice, { maxItems: 20_000 }),
  },
  { additionalProperties: false },
);

/** One observed status change; `at` is when the agent saw it (buffered changes keep their times). */
export const LinkChange = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 120 }),
    status: DeviceStatusName,
    since: Type.Number(),
    at: Type.Number(),
    device: Type.Optional(LinkDevice),
  },
  { additionalProperties: false },
);
export type LinkChange = Static<typeof LinkChange>;

export const DeltasFrame = Type.Object(
  {
    type: Type.Literal('deltas'),
    seq: Type.Integer({ minimum: 0 }),
    changes: Type.Array(LinkChange, { minItems: 1, maxItems: 5_000 }),
  },
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
  },
  { additionalProperties: false },
);

export const CommandResultFrame = Type.Object(
  {
    type: Type.Literal('command-result'),
    commandId: Type.String({ maxLength: 64 }),
    ok: Type.Boolean(),
    result: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Object({ code: Type.String({ maxLength: 64 }), message: Type.String({ maxLength: 2000 }) })),
  },
  { additionalProperties: false },
);

export const JobProgressFrame = Type.Object(
  {
    type: Type.Literal('job-progress'),
    commandId: Type.String({ maxLength: 64 }),
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    phase: Type.String({ maxLength: 80 }),
  },
  { additionalProperties: false },
);

export const AgentFrame = Type.Union([HelloFrame, InventoryFrame, DeltasFrame, HeartbeatFrame, CommandResultFrame, JobProgressFrame]);
export type AgentFrame = Static<typeof AgentFrame>;

/** `lastSeq`: the highest sequence number already stored; the agent resends what follows. */
export const WelcomeFrame = Type.Object({
  type: Type.Literal('welcome'),
  v: Type.Integer(),
  serverId: Type.String(),
  organization: Type.String(),
  lastSeq: Type.Integer(),
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
