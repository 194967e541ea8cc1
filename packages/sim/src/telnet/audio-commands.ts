import {
  cp2Dialect,
  gainLimits,
  normalizeLevelParam,
  parseCp2Request,
  type LevelParam,
} from '@crosspoint/protocol';
import { clampGain, type Level } from '../state/endpoints.ts';
import {
  failed,
  reply,
  type CommandContext,
  type CommandResult,
  type HandlerTable,
} from './command-context.ts';

const read = (l: Level, p: LevelParam): number =>
  p === 'GAIN' ? l.gain : p === 'MUTE' ? Number(l.mute) : p === 'MIN_GAIN' ? l.minGain : l.maxGain;

/** Applies a LEVEL write; returns the new value or undefined when the value is not acceptable. */
function write(l: Level, p: LevelParam, value: number, rel: boolean): number | undefined {
  if (p === 'GAIN') {
    l.gain = clampGain(rel ? l.gain + value : value, l);
    return l.gain;
  }
  if (rel) return undefined;
  if (p === 'MUTE') {
    if (value !== 0 && value !== 1 && value !== 2) return undefined;
    l.mute = value === 2 ? !l.mute : value === 1;
    return Number(l.mute);
  }
  if (value < gainLimits.min || value > gainLimits.max) return undefined;
  if (p === 'MIN_GAIN') {
    if (value > l.maxGain) return undefined;
    l.minGain = value;
  } else {
    if (value < l.minGain) return undefined;
    l.maxGain = value;
  }
  l.gain = clampGain(l.gain, l);
  return value;
}

interface LevelRequest {
  ept: string;
  epn: string;
  param: string;
  value?: number | undefined;
  rel?: boolean | undefined;
}

/**
 * Reads or writes one LEVEL parameter. The reply repeats the caller's form (`echo`); a change is
 * pushed to every other session in the numbered form (§5.5). Returns undefined for a bad request.
 */
export function levelCommand(
  c: CommandContext,
  r: LevelRequest,
  echo: (param: string, value: number) => string,
  pushToCaller = false,
): CommandResult {
  const param = normalizeLevelParam(r.param);
  if (!param || !c.stack.endpoints.exists(r.ept, r.epn)) return failed;
  const l = c.stack.endpoints.level(r.ept, r.epn);
  if (r.value === undefined) return r.rel ? failed : reply(echo(r.param, read(l, param)));
  const before = read(l, param);
  const value = write(l, param, r.value, r.rel ?? false);
  if (value === undefined) return failed;
  if (value !== before || pushToCaller)
    c.stack.broadcast(
      cp2Dialect.level.reply.format({ ept: r.ept, epn: r.epn, param, value }),
      pushToCaller ? undefined : c.session,
    );
  return reply(echo(r.param, value));
}

/** An alias (`SPKR_ZN_1` → `OUTPUT 101`) to its end point. */
function aliasTarget(c: CommandContext, alias: string): { ept: string; epn: string } | undefined {
  const target = c.stack.aliases.get(alias);
  if (!target) return undefined;
  const [ept = '', epn = ''] = target.split(' ');
  return { ept: ept.toUpperCase(), epn };
}

function ramp(
  c: CommandContext,
  ept: string,
  epn: string,
  target: number,
  step: number,
  echo: string,
): CommandResult {
  if (step <= 0 || !c.stack.endpoints.exists(ept, epn)) return failed;
  const l = c.stack.endpoints.level(ept, epn);
  l.gain = clampGain(target, l);
  const final = cp2Dialect.level.reply.format({ ept, epn, param: 'GAIN', value: l.gain });
  c.stack.broadcast(final, c.session);
  return reply(echo, final);
}

export const audioCommands: HandlerTable<'level' | 'levelAlias' | 'ramp' | 'rampAlias' | 'macro'> = {
  level: (c, p) =>
    levelCommand(c, p, (param, value) => cp2Dialect.level.reply.format({ ...p, param, value })),
  levelAlias: (c, p) => {
    const t = aliasTarget(c, p.alias);
    if (!t) return failed;
    return levelCommand(c, { ...p, ...t }, (param, value) =>
      cp2Dialect.levelAlias.reply.format({ alias: p.alias, param, value }),
    );
  },
  ramp: (c, p) => ramp(c, p.ept, p.epn, p.target, p.step, cp2Dialect.ramp.reply.format(p)),
  rampAlias: (c, p) => {
    const t = aliasTarget(c, p.alias);
    return t ? ramp(c, t.ept, t.epn, p.target, p.step, cp2Dialect.rampAlias.reply.format(p)) : failed;
  },
  macro: (c, p) => {
    const lines = c.stack.macros.get(p.macro);
    if (!lines) return failed;
    const run = () => {
      for (const line of lines) {
        const req = parseCp2Request(line);
        if (req?.name === 'level') levelCommand(c, req.params, () => '', true);
        else if (req?.name === 'levelAlias') {
          const t = aliasTarget(c, req.params.alias);
          if (t) levelCommand(c, { ...req.params, ...t }, () => '', true);
        }
      }
    };
    return { lines: [cp2Dialect.macro.reply.format(p)], after: run };
  },
};
