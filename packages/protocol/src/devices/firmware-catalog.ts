import { deviceModels } from './models.ts';

/**
 * The hub's firmware catalog: the newest published firmware per product model (by display name,
 * as devices report their model). Seeded from the model catalog; an operator-editable catalog can
 * replace this map without touching callers.
 */
export const latestFirmware: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(deviceModels).map((m) => [m.displayName, m.firmware]),
);

/** Compares dotted versions numerically (4.10.0.1 > 4.9.2.0); non-numeric parts compare as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The newer firmware published for this model, if the device runs an older one. */
export function firmwareUpdateFor(model: string, firmware: string): string | null {
  const latest = latestFirmware[model];
  return latest !== undefined && compareVersions(firmware, latest) < 0 ? latest : null;
}
