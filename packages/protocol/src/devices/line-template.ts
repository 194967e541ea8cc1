/**
 * Space-separated command-line templates: one string describes both how to build a line and how to
 * parse it, so the simulator and the agent driver cannot drift apart (devices.md §5.9).
 *
 * Template syntax (parts separated by single spaces):
 * - `BOX`            keyword, matched case-insensitively [C MAN §1.4]; `LEVEL|1` = alternatives, the
 *                    first is written.
 * - `{name}`         one token, kept as written (box/alias/macro names are case-sensitive [C MAN]).
 * - `{name:num}`     a decimal number → `number`.
 * - `{name:bit}`     `0` or `1` → `boolean`.
 * - `{name:ept}`     an end-point type (MIC, UA, …), matched case-insensitively, returned upper-case.
 * - `{name:epn}`     an end-point number `BNN` (3–4 digits), kept as a string.
 * - `{name:rest}`    the raw rest of the line (may contain spaces); must be the last part.
 * - `{name?}` / `{name:num?}`  optional; only at the end (before optional flags).
 * - `[REL]`          optional trailing keyword → `rel: boolean`.
 */

type ValueOf<K extends string> = K extends 'num' ? number : K extends 'bit' ? boolean : string;

type ParamPart<I extends string> = I extends `${infer N}:${infer K}?`
  ? { [P in N]?: ValueOf<K> }
  : I extends `${infer N}?`
    ? { [P in N]?: string }
    : I extends `${infer N}:${infer K}`
      ? { [P in N]: ValueOf<K> }
      : { [P in I]: string };

type Part<P extends string> = P extends `{${infer I}}`
  ? ParamPart<I>
  : P extends `[${infer K}]`
    ? { [F in Lowercase<K>]?: boolean }
    : unknown;

type SplitParts<T extends string> = T extends `${infer H} ${infer R}` ? Part<H> & SplitParts<R> : Part<T>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parameter object of a template string, e.g. `'BOX {box} UNIT SN {serial}'` → `{ box: string; serial: string }`. */
export type TemplateParams<T extends string> = Simplify<SplitParts<T>>;

export type ParamKind = 'str' | 'num' | 'bit' | 'ept' | 'epn' | 'rest';

type CompiledPart =
  | { type: 'keyword'; words: string[] }
  | { type: 'param'; name: string; kind: ParamKind; optional: boolean }
  | { type: 'flag'; name: string; word: string };

export interface LineTemplate<P> {
  readonly template: string;
  /** Builds the line (no end-of-line). CR/LF inside values become spaces so a value cannot inject a line. */
  format(params: P): string;
  /** Parses a line (prompt already stripped); undefined when it does not fit. Never throws. */
  parse(line: string): P | undefined;
}

/** End-point types of CP2 [C MAN §1.4]. */
export const cp2EndpointTypes = [
  'BFM',
  'DANTE',
  'FADER',
  'GPIO',
  'MIC',
  'OUTPUT',
  'PROC',
  'SGEN',
  'SPEAKER',
  'TELCO_RX',
  'TELCO_TX',
  'UA',
  'USB_RX',
  'USB_TX',
  'VOIP_RX',
  'VOIP_TX',
] as const;
export type Cp2EndpointType = (typeof cp2EndpointTypes)[number];
const eptSet = new Set<string>(cp2EndpointTypes);

const numberPattern = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const epnPattern = /^\d{3,4}$/;

function compile(template: string): CompiledPart[] {
  return template.split(' ').map((raw): CompiledPart => {
    const param = /^\{(\w+)(?::(\w+))?(\?)?\}$/.exec(raw);
    if (param) {
      const kind = (param[2] ?? 'str') as ParamKind;
      return { type: 'param', name: param[1] ?? '', kind, optional: param[3] === '?' };
    }
    const flag = /^\[(\w+)\]$/.exec(raw);
    if (flag)
      return { type: 'flag', name: (flag[1] ?? '').toLowerCase(), word: (flag[1] ?? '').toUpperCase() };
    return { type: 'keyword', words: raw.toUpperCase().split('|') };
  });
}

function convert(kind: ParamKind, token: string): string | number | boolean | undefined {
  switch (kind) {
    case 'str':
    case 'rest':
      return token;
    case 'num':
      return numberPattern.test(token) ? Number(token) : undefined;
    case 'bit':
      return token === '1' ? true : token === '0' ? false : undefined;
    case 'ept': {
      const upper = token.toUpperCase();
      return eptSet.has(upper) ? upper : undefined;
    }
    case 'epn':
      return epnPattern.test(token) ? token : undefined;
  }
}

const show = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return String(value).replace(/[\r\n]+/g, ' ');
};

/** Compiles a template (see the syntax above). Call at module load: a bad template is a programming error. */
export function lineTemplate<const T extends string>(template: T): LineTemplate<TemplateParams<T>> {
  const parts = compile(template);
  return {
    template,
    format(params) {
      const values = params as Record<string, unknown>;
      const out: string[] = [];
      for (const p of parts) {
        if (p.type === 'keyword') out.push(p.words[0] ?? '');
        else if (p.type === 'flag') {
          if (values[p.name] === true) out.push(p.word);
        } else if (values[p.name] !== undefined) out.push(show(values[p.name]));
      }
      return out.join(' ');
    },
    parse(line) {
      const tokens = [...line.matchAll(/\S+/g)];
      const result: Record<string, unknown> = {};
      let i = 0;
      for (const p of parts) {
        const tok = tokens[i];
        if (p.type === 'keyword') {
          if (!tok || !p.words.includes(tok[0].toUpperCase())) return undefined;
          i++;
        } else if (p.type === 'flag') {
          if (tok?.[0].toUpperCase() === p.word) {
            result[p.name] = true;
            i++;
          }
        } else if (p.kind === 'rest') {
          if (!tok) {
            if (p.optional) continue;
            return undefined;
          }
          result[p.name] = line.slice(tok.index).trimEnd();
          i = tokens.length;
        } else {
          const value = tok ? convert(p.kind, tok[0]) : undefined;
          if (value === undefined) {
            if (p.optional) continue;
            return undefined;
          }
          result[p.name] = value;
          i++;
        }
      }
      return i === tokens.length ? (result as TemplateParams<T>) : undefined;
    },
  };
}
