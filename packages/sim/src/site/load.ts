import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { SimError, SimErrorCode, type SimProblem } from '../errors.ts';
import { SiteFile } from './schema.ts';
import { resolveSite, type ResolvedSite } from './resolve.ts';

/** Largest site file read: a 20,000-device site is a few MiB. */
export const maxSiteFileBytes = 16 * 1024 * 1024;

function schemaProblems(value: unknown): SimProblem[] {
  return Value.Errors(SiteFile, value)
    .filter((e) => e.keyword !== 'boolean')
    .slice(0, 50)
    .map((e) => {
      const extra = (e.params as { additionalProperties?: unknown }).additionalProperties;
      const detail = Array.isArray(extra) ? ` (${extra.join(', ')})` : '';
      return { path: e.instancePath || '/', message: `${e.message}${detail}` };
    });
}

/**
 * Validates a parsed site description (schema first, then the rules the schema cannot express) and
 * fills its defaults. Throws SimError SIM_SITE_INVALID listing every problem; never anything else.
 */
export function validateSite(value: unknown, origin = 'site'): ResolvedSite {
  const problems = schemaProblems(value);
  if (problems.length)
    throw new SimError(SimErrorCode.SiteInvalid, `${origin} is not a valid site description`, problems);
  const resolved = resolveSite(value as SiteFile);
  if (resolved.problems.length)
    throw new SimError(
      SimErrorCode.SiteInvalid,
      `${origin} is not a valid site description`,
      resolved.problems,
    );
  return resolved.site;
}

/** Parses site text as JSON or YAML (by format, or JSON first then YAML). */
export function parseSiteText(
  text: string,
  format: 'json' | 'yaml' | 'auto' = 'auto',
  origin = 'site',
): unknown {
  const asJson = (): unknown => JSON.parse(text) as unknown;
  const asYaml = (): unknown => parseYaml(text, { maxAliasCount: 100, prettyErrors: true }) as unknown;
  try {
    if (format === 'json') return asJson();
    if (format === 'yaml') return asYaml();
    return text.trimStart().startsWith('{') ? asJson() : asYaml();
  } catch (e) {
    throw new SimError(
      SimErrorCode.SiteParse,
      `${origin} cannot be parsed as ${format === 'auto' ? 'JSON or YAML' : format}: ${(e as Error).message}`,
    );
  }
}

/** Reads, parses and validates a site file (.json, .yaml/.yml, or sniffed). */
export async function loadSiteFile(path: string): Promise<ResolvedSite> {
  return validateSite(await readSiteFile(path), path);
}

/** Reads and parses a site file without validating it (startSimulator validates). */
export async function readSiteFile(path: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new SimError(
      SimErrorCode.SiteNotFound,
      `site file ${path} cannot be read (missing or not accessible)`,
    );
  }
  if (size > maxSiteFileBytes)
    throw new SimError(
      SimErrorCode.SiteTooLarge,
      `site file ${path} is ${size} bytes; the limit is ${maxSiteFileBytes}`,
    );
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SimError(
      SimErrorCode.SiteNotFound,
      `site file ${path} cannot be read: ${(e as Error).message}`,
    );
  }
  const ext = extname(path).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : 'auto';
  return parseSiteText(text, format, path);
}
