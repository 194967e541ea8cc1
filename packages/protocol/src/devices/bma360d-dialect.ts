import { dialectEntry, parseReply, parseRequest, type ParsedReply, type ParsedRequest } from './dialect.ts';

/**
 * BMA 360D stand-alone ceiling mic (devices.md §2.3): plain text over raw TCP 3603, no login, lines
 * end with CRLF [C B360D]. Commands and reply shapes are from the Biamp KB / BMA 360D reference
 * [C B360D], except VERSION, SERIAL and the error line, which are guesses [G]. Swappable like
 * cp2-dialect.ts: both the simulator and the agent driver use this table.
 */

export type Bma360dFact = 'beams' | 'network' | 'level' | 'locate' | 'firmware' | 'serial' | 'help';

const entry = <const Q extends string, const R extends string>(
  confirmed: boolean,
  feeds: Bma360dFact,
  request: Q,
  reply: R,
  note?: string,
) => dialectEntry<Bma360dFact, Q, R>(confirmed ? 'confirmed' : 'guessed', feeds, request, reply, note);

export const bma360dDialect = {
  beamReport: entry(true, 'beams', 'BEAMREPORT', 'BEAMREPORT {beams}', '12 digits b12…b1, 1 = active beam'),
  beamReporting: entry(
    true,
    'beams',
    'BREPORT {mode:num?}',
    'BREPORT {mode:num}',
    '0 off, 1 averaged, 2 fast',
  ),
  zone: entry(true, 'beams', 'BFZONE {beam:num} {on:bit?}', 'BFZONE {beam:num} {on:bit}', 'beam 1-12'),
  danteIp: entry(true, 'network', 'DANTEIP', 'DANTEIP {ip}'),
  danteMac: entry(true, 'network', 'DANTEMAC', 'MACADDR {mac}', 'the reply verb differs from the request'),
  gain: entry(true, 'level', 'GAIN {channel} {group} {value:num?}', 'GAIN {channel} {group} {value:num}'),
  mute: entry(true, 'level', 'MUTE {channel} {group} {value:num?}', 'MUTE {channel} {group} {value:num}'),
  locate: entry(
    true,
    'locate',
    'LOCATE {name} {mode:num?}',
    'LOCATE {name} {mode:num}',
    '"1 = enable locate mode, 2 = disable" as printed',
  ),
  help: entry(true, 'help', 'HELP', 'HELP {text:rest}'),
  version: entry(false, 'firmware', 'VERSION', 'VERSION {firmware}'),
  serial: entry(false, 'serial', 'SERIAL', 'SERIAL {serial}'),
} as const;

export type Bma360dDialect = typeof bma360dDialect;
export const parseBma360dRequest = (line: string): ParsedRequest<Bma360dDialect> | undefined =>
  parseRequest(bma360dDialect, line);
export const parseBma360dReply = (line: string): ParsedReply<Bma360dDialect> | undefined =>
  parseReply(bma360dDialect, line);
/** [G] answer to anything unknown. */
export const bma360dErrorLine = 'ERROR';
export const bma360dLocateModes = { on: 1, off: 2 } as const;
