import type { Static, TObject } from 'typebox';
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
  for (const [key, list] of Object.entries(sources) as [string, SettingSource[] | undefined][]) {
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
