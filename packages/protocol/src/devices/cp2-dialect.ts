import {
  dialectEntry,
  dialectPush,
  parseReply,
  parseRequest,
  type Confidence,
  type ParsedReply,
  type ParsedRequest,
} from './dialect.ts';

/**
 * THE CONVERGE Pro 2 / Huddle dialect table (devices.md §5.9): every command line the simulator
 * answers and the agent driver sends, in one place, so the real DOC-0293 syntax can replace the
 * guesses here in one file and both sides stay in sync.
 *
 * Confidence per entry (devices.md marks):
 * - confirmed [C] (seen verbatim in PepperDash's field-used plugin or the manual's excerpt):
 *   `BOX <name> UNIT SN` and its reply; `EP <EPT> <EPN> LEVEL <PN> [v] [REL]` and the alias form;
 *   `RAMP …` requests; `MCCF <macro>`; `EP UA <EPN> NOTIFICATION <TYPE>` (also PD2's typo
 *   `NOTIFCATION`) and the pushed `EP UA <EPN> NOTIFICATION STATE_CHANGE|INDICATION <payload>` lines;
 *   `EP <ch> KEY …`, `EP <ch> INQUIRE …`, `EP <ch> SETTINGS …` requests; the prompts `Username:`,
 *   `Password:`, `=> `; the error line `Error Invalid Paramter(s)` (sic, as PD2 quotes it).
 * - inferred [I]: INQUIRE/SETTINGS/KEY replies echo the request plus a value; the subscription ack.
 * - guessed [G] (nothing public; our design): every management verb — VERSION, BOX … UNIT
 *   MODEL/FW_VERSION/MAC/IP/TEMPERATURE/STATE, STACK INFO, BOX … PLINK LIST, LOCATE, SAFETY_MUTE,
 *   FTP, CREDENTIALS, VoIP PROVISION/PENDING/RESTART, INQUIRE REGISTRATION, REG_* notification
 *   payloads, RESET/FACTORYDEFAULT replies, FIRMWARE APPLY/PROGRESS, CONFIG APPLY, RAMP/MCCF replies,
 *   the login-failure text, the FTP paths and the firmware image header.
 *
 * Wire rules shared by both sides (devices.md §5.3): requests end with CRLF (LF also accepted);
 * the device writes each output line as `<payload><EOL>=> ` (EOL `\r\n`, or `\n\r` on some units), so
 * a framed line reads `=> <payload>`; strip it with `stripCommandPrompt`. A reply repeats the request
 * and appends the value; a line without its value is an echo. Replies are correlated by their
 * address (entry + box/EPN), never by order: pushed lines interleave.
 */

/** The device fact a line feeds (agent side routing; documentation for the simulator). */
export type Cp2Fact =
  | 'serial'
  | 'level'
  | 'macro'
  | 'voipCall'
  | 'voipSubscription'
  | 'voipRegistration'
  | 'voipProvisioning'
  | 'voipRestartPending'
  | 'telco'
  | 'firmware'
  | 'firmwareProgress'
  | 'model'
  | 'mac'
  | 'ip'
  | 'temperature'
  | 'unitState'
  | 'stack'
  | 'plink'
  | 'locate'
  | 'safetyMute'
  | 'ftpEnabled'
  | 'credentials'
  | 'restart'
  | 'configuration';

const entry = <const Q extends string, const R extends string>(
  confidence: Confidence,
  feeds: Cp2Fact,
  request: Q,
  reply: R,
  note?: string,
) => dialectEntry<Cp2Fact, Q, R>(confidence, feeds, request, reply, note);
const push = <const R extends string>(confidence: Confidence, feeds: Cp2Fact, reply: R, note?: string) =>
  dialectPush<Cp2Fact, R>(confidence, feeds, reply, note);

/**
 * The table. Order matters for `parseCp2Request` / `parseCp2Reply`: the first entry whose template
 * fits wins, so specific forms come before generic ones.
 */
export const cp2Dialect = {
  // ---- confirmed [C PD2] ----
  boxSerial: entry('confirmed', 'serial', 'BOX {box} UNIT SN', 'BOX {box} UNIT SN {serial}', 'PD2 heartbeat'),
  level: entry(
    'confirmed',
    'level',
    'EP {ept:ept} {epn:epn} LEVEL|1 {param} {value:num?} [REL]',
    'EP {ept:ept} {epn:epn} LEVEL|1 {param} {value:num}',
    'param GAIN|MUTE|MIN_GAIN|MAX_GAIN or 1|2|8|7 (levelParams); no value = read; MUTE 2 toggles; REL = relative gain',
  ),
  levelAlias: entry(
    'confirmed',
    'level',
    'EP {alias} LEVEL|1 {param} {value:num?} [REL]',
    'EP {alias} LEVEL|1 {param} {value:num}',
    'channel label instead of "EPT EPN"; the reply echoes the label',
  ),
  ramp: entry(
    'confirmed',
    'level',
    'RAMP {ept:ept} {epn:epn} {target:num} {step:num}',
    'RAMP {ept:ept} {epn:epn} {target:num} {step:num}',
    '[G] reply echo; the final gain is pushed as a level line',
  ),
  rampAlias: entry(
    'confirmed',
    'level',
    'RAMP {alias} {target:num} {step:num}',
    'RAMP {alias} {target:num} {step:num}',
  ),
  macro: entry(
    'confirmed',
    'macro',
    'MCCF {macro}',
    'MCCF {macro}',
    'macro names are case-sensitive; [G] reply echo',
  ),
  // ---- guessed [G]: VoIP registration and provisioning (before the generic INQUIRE) ----
  uaRegistration: entry(
    'guessed',
    'voipRegistration',
    'EP UA {epn:epn} INQUIRE REGISTRATION',
    'EP UA {epn:epn} INQUIRE REGISTRATION {state}',
    'state: voipRegistrationStates; also pushed to every session when it changes',
  ),
  uaProvision: entry(
    'guessed',
    'voipProvisioning',
    'EP UA {epn:epn} PROVISION {enabled:bit} {user} {password} {registrar}',
    'EP UA {epn:epn} PROVISION {enabled:bit} {user} {registrar}',
    'sets VoIP Restart Pending on the box until BOX … VOIP RESTART; the password is not echoed',
  ),
  // ---- confirmed VoIP user agent / telco forms [C PD2] ----
  uaSubscribe: entry(
    'confirmed',
    'voipSubscription',
    'EP UA {epn:epn} NOTIFICATION|NOTIFCATION {type}',
    'EP UA {epn:epn} NOTIFICATION {type}',
    '[I] ack echoes the request without payload; extra arguments → error line',
  ),
  uaNotification: push(
    'confirmed',
    'voipCall',
    'EP UA {epn:epn} NOTIFICATION {type} {payload:rest}',
    'pushed to sessions subscribed to that type on that line; REG_* payloads are [G] (voipRegistrationPayload)',
  ),
  key: entry(
    'confirmed',
    'voipCall',
    'EP {ept:ept} {epn:epn} KEY {key} {arg?}',
    'EP {ept:ept} {epn:epn} KEY {key} {arg?}',
  ),
  inquire: entry(
    'confirmed',
    'voipCall',
    'EP {ept:ept} {epn:epn} INQUIRE {param}',
    'EP {ept:ept} {epn:epn} INQUIRE {param} {value:rest}',
    '[I] reply shape; ACTIVE_PARTIES n, DND_STATUS 0|1, DIGITS_DIALED_SINCE_OFF_HOOK digits|NONE, HOOK 0|1',
  ),
  settings: entry(
    'confirmed',
    'telco',
    'EP {ept:ept} {epn:epn} SETTINGS {param} {value?}',
    'EP {ept:ept} {epn:epn} SETTINGS {param} {value}',
    'AUTO_ANSWER (UA), AUTO_ANSWER_RINGS / RING_ENABLE (TELCO_RX)',
  ),
  // ---- guessed [G]: identity and health ----
  version: entry(
    'guessed',
    'firmware',
    'VERSION',
    'VERSION {firmware}',
    'firmware of the box the session is on',
  ),
  boxModel: entry(
    'guessed',
    'model',
    'BOX {box} UNIT MODEL',
    'BOX {box} UNIT MODEL {model}',
    'model code (models.ts)',
  ),
  boxFirmware: entry(
    'guessed',
    'firmware',
    'BOX {box} UNIT FW_VERSION',
    'BOX {box} UNIT FW_VERSION {firmware}',
  ),
  boxMac: entry('guessed', 'mac', 'BOX {box} UNIT MAC', 'BOX {box} UNIT MAC {mac}'),
  boxIp: entry('guessed', 'ip', 'BOX {box} UNIT IP', 'BOX {box} UNIT IP {ip}'),
  boxTemperature: entry(
    'guessed',
    'temperature',
    'BOX {box} UNIT TEMPERATURE',
    'BOX {box} UNIT TEMPERATURE {celsius:num}',
    '°C; pushed when it crosses overheatThresholdC',
  ),
  boxState: entry(
    'guessed',
    'unitState',
    'BOX {box} UNIT STATE',
    'BOX {box} UNIT STATE {state}',
    'state: unitStates; pushed on every change',
  ),
  // ---- guessed [G]: topology. Multi-line replies: a header with a count, then one line per item ----
  stackInfo: entry(
    'guessed',
    'stack',
    'STACK INFO',
    'STACK INFO NAME {stack} BOXES {count:num} SELF {clink}',
    'followed by `count` stackBox lines; SELF = C-Link index of the answering box',
  ),
  stackBox: push(
    'guessed',
    'stack',
    'STACK INFO BOX {clink} {online:bit} {box} {model}',
    'one per box of the stack (C-Link "00" = box 1); pushed again when a member goes off/online',
  ),
  plinkList: entry(
    'guessed',
    'plink',
    'BOX {box} PLINK LIST',
    'BOX {box} PLINK COUNT {count:num}',
    'followed by `count` plinkItem lines',
  ),
  plinkItem: push(
    'guessed',
    'plink',
    'BOX {box} PLINK ITEM {plink} {chain:num} {online:bit} {model} {serial} {firmware} {stack}',
    'plink "01".. per box; stack ≠ host stack name = Mismatched Stack; pushed again on change',
  ),
  // ---- guessed [G]: management verbs ----
  locate: entry(
    'guessed',
    'locate',
    'BOX {box} LOCATE {on:bit?}',
    'BOX {box} LOCATE {on:bit}',
    'auto-off after LocateTimeout s',
  ),
  safetyMute: entry('guessed', 'safetyMute', 'STACK SAFETY_MUTE {on:bit?}', 'STACK SAFETY_MUTE {on:bit}'),
  ftp: entry('guessed', 'ftpEnabled', 'BOX {box} FTP {on:bit?}', 'BOX {box} FTP {on:bit}'),
  credentials: entry(
    'guessed',
    'credentials',
    'STACK CREDENTIALS {username} {password}',
    'STACK CREDENTIALS {username}',
    'applies to new logins on every box of the stack; the password is not echoed',
  ),
  voipPending: entry(
    'guessed',
    'voipRestartPending',
    'BOX {box} VOIP PENDING',
    'BOX {box} VOIP PENDING {pending:bit}',
  ),
  voipRestart: entry(
    'guessed',
    'voipRestartPending',
    'BOX {box} VOIP RESTART',
    'BOX {box} VOIP PENDING {pending:bit}',
    'restarts the VoIP stack: lines re-register (REG_* notifications), pending → 0',
  ),
  reset: entry(
    'guessed',
    'restart',
    'RESET',
    'RESET',
    'reply, then every session drops; back after the restart',
  ),
  factoryDefault: entry(
    'guessed',
    'restart',
    'FACTORYDEFAULT',
    'FACTORYDEFAULT',
    'like RESET, then the box is Unconfigured with default credentials',
  ),
  firmwareApply: entry(
    'guessed',
    'firmwareProgress',
    'BOX {box} FIRMWARE APPLY {file}',
    'BOX {box} FIRMWARE APPLY {file}',
    'file stored first by FTP under /firmware/; then UNIT STATE UPDATING, PROGRESS lines, drop, restart',
  ),
  firmwareProgress: push('guessed', 'firmwareProgress', 'BOX {box} FIRMWARE PROGRESS {percent:num}'),
  plinkFirmwareApply: entry(
    'guessed',
    'firmwareProgress',
    'BOX {box} PLINK {plink} FIRMWARE APPLY {file}',
    'BOX {box} PLINK {plink} FIRMWARE APPLY {file}',
    'a P-Link peripheral is updated through its host [C PLD: "using a regular P-Link cable"]: file stored on the host by FTP under /firmware/; PLINK PROGRESS lines; the peripheral leaves the chain, comes back (PLINK ITEM) with the new version',
  ),
  plinkFirmwareProgress: push(
    'guessed',
    'firmwareProgress',
    'BOX {box} PLINK {plink} FIRMWARE PROGRESS {percent:num}',
  ),
  configApply: entry(
    'guessed',
    'configuration',
    'STACK CONFIG APPLY {file}',
    'STACK CONFIG APPLY {file}',
    'file stored first by FTP under /config/; every box CONFIGURING, settings replaced (credentials too), READY',
  ),
} as const;

export type Cp2Dialect = typeof cp2Dialect;
export type Cp2EntryName = keyof Cp2Dialect;
/** A parsed request, discriminated by entry name (push-only lines have none). */
export type Cp2Request = ParsedRequest<Cp2Dialect>;
/** A parsed reply or pushed line, discriminated by entry name. */
export type Cp2Reply = ParsedReply<Cp2Dialect>;

/** Simulator side: which request a (prompt-stripped) line is; undefined → answer `cp2ErrorLine`. */
export const parseCp2Request = (line: string): Cp2Request | undefined => parseRequest(cp2Dialect, line);

/**
 * Agent side: which reply or pushed line a (prompt-stripped) line is. Lines that are only an echo of
 * a read request (no value) do not parse as replies and come back undefined, as do errors and noise.
 */
export const parseCp2Reply = (line: string): Cp2Reply | undefined => parseReply(cp2Dialect, line);

// ---- constant texts ----

/** [C PD2, spelling as PD2 quotes it; that it covers every bad input is G]. */
export const cp2ErrorLine = 'Error Invalid Paramter(s)';
export const isCp2ErrorLine = (line: string): boolean => /^error\b/i.test(line.trim());
/** Prompts [C PD2]: written without newline; the device waits after each. */
export const cp2Prompts = { username: 'Username: ', password: 'Password: ', command: '=> ' } as const;
/** [G] text written after a failed login before `Username: ` again; closed after cp2MaxLoginAttempts. */
export const cp2LoginFailedText = 'Invalid username or password';
export const cp2MaxLoginAttempts = 3;
/** End-of-line the device writes: CRLF by default, LFCR as PD2 saw on some units [C/I]. */
export const cp2LineEndings = { crlf: '\r\n', lfcr: '\n\r' } as const;
export type Cp2LineEnding = keyof typeof cp2LineEndings;

// ---- value vocabularies ----

/** LEVEL parameters by name and number [C PD2 README]. */
export const levelParams = { GAIN: '1', MUTE: '2', MAX_GAIN: '7', MIN_GAIN: '8' } as const;
export type LevelParam = keyof typeof levelParams;
/** `GAIN` or `1` → `GAIN`; undefined for anything else. */
export function normalizeLevelParam(token: string): LevelParam | undefined {
  const upper = token.toUpperCase();
  for (const [name, num] of Object.entries(levelParams) as [LevelParam, string][]) {
    if (upper === name || upper === num) return name;
  }
  return undefined;
}
/** Gain range and step [C PD2 README]. */
export const gainLimits = { min: -65, max: 20, step: 0.5 } as const;

/** Notification types a UA accepts a subscription for [C PD2 Dialer]. */
export const uaNotificationTypes = [
  'STATE_CHANGE',
  'INDICATION',
  'ERROR',
  'REG_SUCCEED',
  'UNREG_SUCCEED',
  'REG_FAILED',
  'MAX_CALLS_PER_UA',
] as const;
export type UaNotificationType = (typeof uaNotificationTypes)[number];

/** UA keys [C PD2]. */
export const uaKeys = [
  'KEY_CALL',
  'KEY_HOOK',
  'KEY_REJECT',
  'KEY_REDIAL',
  'KEY_HOOK_FLASH',
  'KEY_DO_NOT_DISTURB',
  'KEY_DIGIT_PRESSED',
  'KEY_DIGIT_RELEASED',
] as const;

/** [G] registration states (gen-1 PROXYSTAT precedent: disabled / registered / not registered). */
export const voipRegistrationStates = ['REGISTERED', 'NOT_REGISTERED', 'DISABLED'] as const;
export type VoipRegistrationState = (typeof voipRegistrationStates)[number];
/** [G] payloads of the REG_* notifications: `REG_SUCCEED <registrar>`, `REG_FAILED <reason>`, `UNREG_SUCCEED <registrar>`. */
export const voipRegistrationPayload = {
  succeeded: (registrar: string) => registrar,
  failed: (reason: string) => reason.replace(/\s+/g, '_'),
} as const;

/** [G] unit states reported by `BOX … UNIT STATE` (feed Updating Firmware / Configuring / Unconfigured). */
export const unitStates = ['READY', 'UPDATING', 'CONFIGURING', 'UNCONFIGURED', 'RESTARTING'] as const;
export type UnitState = (typeof unitStates)[number];

// ---- file transfer [G] (devices.md §5.6) ----

/** FTP paths on a box, all [G]. */
export const cp2FtpPaths = {
  firmwareDir: '/firmware',
  configDir: '/config',
  /** Backup of the stack's current project. */
  currentConfig: '/config/current.PCCP2X',
  logsDir: '/logs',
} as const;
/** Configuration project file extension [C PD2]. */
export const projectExtension = '.PCCP2X';
/** [G] firmware images are opaque blobs starting with this ASCII header line: `CP2-FIRMWARE <version>\n`. */
export const firmwareHeaderPrefix = 'CP2-FIRMWARE ';
export const firmwareVersionPattern = /^\d+\.\d+\.\d+\.\d+$/;

/** The 4-part version announced by a firmware image's header, or undefined when it has none. */
export function firmwareVersionOf(image: Uint8Array): string | undefined {
  const head = String.fromCharCode(...image.subarray(0, 64));
  if (!head.startsWith(firmwareHeaderPrefix)) return undefined;
  const version = head.slice(firmwareHeaderPrefix.length).split(/[\r\n\s]/)[0] ?? '';
  return firmwareVersionPattern.test(version) ? version : undefined;
}

/** Header bytes of a firmware image for `version` (tests and the demo build images with it). */
export function firmwareImageHeader(version: string): Uint8Array {
  const text = `${firmwareHeaderPrefix}${version}\n`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}
