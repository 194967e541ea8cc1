import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** Disabled subnets by CIDR, with when each was disabled (ms since the epoch). Absent = enabled. */
export type DisabledSubnets = ReadonlyMap<string, number>;

const fileName = 'subnets.json';

/**
 * `<data dir>/subnets.json`: which configured subnets the administrator disabled. Only the disabled
 * ones are kept, so a subnet newly added to the configuration starts enabled. Written atomically
 * (temporary file + rename); an unreadable or malformed file is set aside, logged, and read as
 * "every subnet enabled" — never a reason not to start.
 */
export class SubnetStateFile {
  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {}

  private get path(): string {
    return join(this.dataDir, fileName);
  }

  async read(): Promise<DisabledSubnets> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      this.logger.error({ err: e, file: this.path }, 'subnet settings unreadable; every subnet is enabled');
      return new Map();
    }
    const parsed = parseDisabled(text);
    if (parsed) return parsed;
    const aside = `${this.path}.corrupt-${String(Date.now())}`;
    await rename(this.path, aside).catch(() => undefined);
    this.logger.error(
      { file: this.path, keptAs: aside },
      'subnet settings file is malformed; every subnet is enabled until one is disabled again',
    );
    return new Map();
  }

  async write(disabled: DisabledSubnets): Promise<void> {
    const tmp = `${this.path}.${String(process.pid)}.tmp`;
    await writeFile(tmp, JSON.stringify({ disabled: Object.fromEntries(disabled) }), { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

function parseDisabled(text: string): Map<string, number> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const disabled = (raw as { disabled?: unknown } | null)?.disabled;
  if (typeof disabled !== 'object' || disabled === null || Array.isArray(disabled)) return undefined;
  const entries = Object.entries(disabled as Record<string, unknown>);
  if (!entries.every(([, since]) => typeof since === 'number' && Number.isFinite(since))) return undefined;
  return new Map(entries as [string, number][]);
}
