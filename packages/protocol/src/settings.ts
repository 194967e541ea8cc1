import { Type, type Static, type TObject } from 'typebox';
import { Value } from 'typebox/value';

/** One named source of a setting: where it came from matters in the error message. */
export interface SettingSource {
  /** What the user typed, e.g. `--port` or `CROSSPOINT_PORT`. */
  origin: string;
  value: string | number | boolean | undefined;
}

export class SettingsError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

/**
 * Turns raw flag/environment strings into a validated settings object.
 * The first defined source of each key wins (flags are listed before the environment);
 * strings are converted to the schema's types, defaults filled in, and every problem is reported
 * at once, naming the flag or variable the user actually set.
 */
export function readSettings<T extends TObject>(
  schema: T,
  sources: { [K in keyof Static<T>]?: SettingSource[] },
): Static<T> {
  const raw: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const [key, list] of Object.entries<SettingSource[] | undefined>(sources)) {
    const hit = list?.find((s) => s.value !== undefined && s.value !== '');
    if (hit) {
      raw[key] = hit.value;
      origins[key] = hit.origin;
    }
  }
  const converted = Value.Convert(schema, Value.Default(schema, raw));
  const problems = Value.Errors(schema, converted).map((e) => {
    const key = e.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    const where = origins[key] ?? (key || 'settings');
    const shown = key in raw ? ` (got ${JSON.stringify(raw[key])})` : '';
    return `${where}: ${e.message}${shown}`;
  });
  if (problems.length > 0) throw new SettingsError(problems);
  return converted as Static<T>;
}

/** `dataDir` → `--data-dir`: the flag a user types for a settings key. */
export const flagNameOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Reads a program's settings from its command-line flags first, then its environment variables
 * (one variable per key, named in `envVars`), then the schema's defaults.
 */
export function readProgramSettings<T extends TObject>(
  schema: T,
  envVars: { [K in keyof Static<T>]: string },
  flags: { [K in keyof Static<T>]?: string | undefined },
  env: Record<string, string | undefined>,
): Static<T> {
  const keys = Object.keys(envVars) as (keyof Static<T> & string)[];
  const sources = Object.fromEntries(
    keys.map((k) => [
      k,
      [
        { origin: flagNameOf(k), value: flags[k] },
        { origin: envVars[k], value: env[envVars[k]] },
      ],
    ]),
  ) as { [K in keyof Static<T>]?: SettingSource[] };
  return readSettings(schema, sources);
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Log level setting shared by every program. */
export const LogLevelSetting = Type.Union(
  [
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ],
  { default: 'info' },
);
