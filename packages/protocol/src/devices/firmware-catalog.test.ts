import { describe, expect, it } from 'vitest';
import { compareVersions, firmwareUpdateFor, latestFirmware } from './firmware-catalog.ts';

describe('firmware catalog', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('4.10.0.1', '4.9.2.0')).toBe(1);
    expect(compareVersions('1.0', '1.0.0.0')).toBe(0);
    expect(compareVersions('1.0.0.1', '1.0.0.2')).toBe(-1);
  });
  it('offers an update only to devices behind the catalog', () => {
    const [model, latest] = Object.entries(latestFirmware)[0] ?? ['', ''];
    expect(firmwareUpdateFor(model, '0.0.0.1')).toBe(latest);
    expect(firmwareUpdateFor(model, latest)).toBeNull();
    expect(firmwareUpdateFor('Unknown model', '1.0')).toBeNull();
  });
});
