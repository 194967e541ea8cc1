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
