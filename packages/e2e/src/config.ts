import { existsSync } from 'node:fs';

/** Where Chromium lives: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `Chromium not found (looked at ${candidates.join(', ')}). Install it: apt-get install -y chromium`,
    );
  return found;
}

export const showBrowser = process.env.CROSSPOINT_E2E_HEADED === '1';

/**
 * How long the chaos test (hub-chaos.test.ts) keeps NATS stopped: 12 s by default to keep CI short;
 * CROSSPOINT_CHAOS_OUTAGE_S=60 runs the outage issue #26 describes.
 */
export const chaosOutageSeconds = Number(process.env.CROSSPOINT_CHAOS_OUTAGE_S ?? '12');

/** The environment of a child process a test starts (a hub process): this one's, and `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
