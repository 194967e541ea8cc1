import { Type, type Static } from 'typebox';
import { modelsOfFamily } from '@crosspoint/protocol';

/**
 * The site file (JSON or YAML): subnets → stacks → boxes (C-Link order) → P-Link chains, plus
 * stand-alone BMA 360D mics and COLLABORATE Live codecs (devices.md §5.1). Everything but names and
 * models has a default; addresses are assigned in order from .10 of each subnet when omitted.
 */

const closed = { additionalProperties: false } as const;

/** Names travel as one token on the wire (box names are case-sensitive [C MAN]). */
export const NameToken = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });
const Secret = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' });
const LoopbackIp = Type.String({ pattern: '^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$' });
const Firmware = Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$' });
const Serial = Type.String({ pattern: '^\\d{4}-\\d{4}-\\d{2}$' });
const Mac = Type.String({ pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const TelnetOptions = Type.Object(
  {
    /** Send IAC WILL ECHO / WILL SGA on connect (devices.md §5.3, default on). */
    negotiate: Type.Optional(Type.Boolean()),
    /** Echo input lines back (off by default). */
    echo: Type.Optional(Type.Boolean()),
    /** End of line the box writes. */
    lineEnding: Type.Optional(Type.Enum(['crlf', 'lfcr'] as const)),
  },
  closed,
);

const Peripheral = Type.Object(
  {
    id: Type.Optional(Id),
    model: Type.Enum(modelsOfFamily('plink')),
    serial: Type.Optional(Serial),
    firmware: Type.Optional(Firmware),
  },
  closed,
);

const PlinkChain = Type.Object(
  {
    longDistance: Type.Optional(Type.Boolean()),
    devices: Type.Array(Peripheral, { minItems: 1, maxItems: 8 }),
  },
  closed,
);

const VoipLine = Type.Object(
  {
    line: Type.Integer({ minimum: 1, maximum: 5 }),
    enabled: Type.Optional(Type.Boolean()),
    user: NameToken,
    password: Type.Optional(Secret),
    registrar: NameToken,
  },
  closed,
);

const Box = Type.Object(
  {
    id: Type.Optional(Id),
    name: NameToken,
    model: Type.Enum([...modelsOfFamily('cp2'), ...modelsOfFamily('huddle')]),
    ip: Type.Optional(LoopbackIp),
    serial: Type.Optional(Serial),
    firmware: Type.Optional(Firmware),
    mac: Type.Optional(Mac),
    temperatureC: Type.Optional(Type.Number({ minimum: -20, maximum: 150 })),
    ftpEnabled: Type.Optional(Type.Boolean()),
    telnet: Type.Optional(TelnetOptions),
    voip: Type.Optional(Type.Array(VoipLine, { maxItems: 5 })),
    plink: Type.Optional(Type.Array(PlinkChain, { maxItems: 4 })),
  },
  closed,
);

const Stack = Type.Object(
  {
    name: NameToken,
    username: Type.Optional(Secret),
    password: Type.Optional(Secret),
    safetyMute: Type.Optional(Type.Boolean()),
    /** Seconds [C PD2 PCCP2X `LocateTimeout="30"`]. */
    locateTimeoutS: Type.Optional(Type.Number({ minimum: 0.05, maximum: 3600 })),
    /** false → the stack has no project: its boxes are Unconfigured. */
    configured: Type.Optional(Type.Boolean()),
    /** Channel labels: `SPKR_ZN_1: "OUTPUT 101"`. */
    aliases: Type.Optional(Type.Record(NameToken, Type.String({ pattern: '^[A-Za-z_]+ \\d{3,4}$' }))),
    /** Macros run by `MCCF <name>`: each a list of command lines (EP … LEVEL writes). */
    macros: Type.Optional(
      Type.Record(NameToken, Type.Array(Type.String({ maxLength: 200 }), { maxItems: 64 })),
    ),
    boxes: Type.Array(Box, { minItems: 1, maxItems: 16 }),
  },
  closed,
);

const Mic = Type.Object(
  {
    id: Type.Optional(Id),
    name: NameToken,
    ip: Type.Optional(LoopbackIp),
    serial: Type.Optional(Serial),
    firmware: Type.Optional(Firmware),
    mac: Type.Optional(Mac),
  },
  closed,
);

const Codec = Type.Object(
  {
    id: Type.Optional(Id),
    name: NameToken,
    model: Type.Enum(modelsOfFamily('video')),
    ip: Type.Optional(LoopbackIp),
    serial: Type.Optional(Serial),
    firmware: Type.Optional(Firmware),
    mac: Type.Optional(Mac),
    csRegistered: Type.Optional(Type.Boolean()),
  },
  closed,
);

const Subnet = Type.Object(
  {
    /** Interface name shown in the topology: `Subnet 127.20.1.0 (sim1)`. */
    name: NameToken,
    /** One /24 of 127.0.0.0/8. */
    cidr: Type.String({ pattern: '^127\\.\\d{1,3}\\.\\d{1,3}\\.0/24$' }),
    stacks: Type.Optional(Type.Array(Stack)),
    mics: Type.Optional(Type.Array(Mic)),
    codecs: Type.Optional(Type.Array(Codec)),
  },
  closed,
);

export const SiteFile = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    /** Seed of the injected garbage and other randomness. */
    seed: Type.Optional(Type.Integer()),
    /** Telnet port of every box (23 needs privileges; default 2323). */
    port: Type.Optional(Port),
    /** Try port 23 first and fall back to `port` when it cannot be bound. */
    preferPort23: Type.Optional(Type.Boolean()),
    ftpPort: Type.Optional(Port),
    micPort: Type.Optional(Port),
    videoPort: Type.Optional(Port),
    telnet: Type.Optional(TelnetOptions),
    subnets: Type.Array(Subnet, { minItems: 1, maxItems: 255 }),
  },
  closed,
);

export type SiteFile = Static<typeof SiteFile>;
export type SiteSubnet = Static<typeof Subnet>;
export type SiteStack = Static<typeof Stack>;
export type SiteBox = Static<typeof Box>;
export type SitePeripheral = Static<typeof Peripheral>;
export type SiteMic = Static<typeof Mic>;
export type SiteCodec = Static<typeof Codec>;
export type SiteTelnetOptions = Static<typeof TelnetOptions>;
