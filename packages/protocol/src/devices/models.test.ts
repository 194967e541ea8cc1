import { describe, expect, it } from 'vitest';
import { deviceModelCodes, deviceModels, modelByCode, modelsOfFamily } from './models.ts';
import { escapeIac, negotiation, refusalOf } from './telnet.ts';

describe('deviceModels', () => {
  it('keys every model by its wire code, a single token', () => {
    for (const code of deviceModelCodes) {
      expect(deviceModels[code].code).toBe(code);
      expect(code).toMatch(/^\S+$/);
    }
  });

  it('lists the families the datasheet names', () => {
    expect(modelsOfFamily('cp2')).toHaveLength(9);
    expect(modelsOfFamily('plink')).toEqual([
      'USB_EXPANDER',
      'GPIO_EXPANDER',
      'BT_EXPANDER',
      'BMA360',
      'BMA_CT',
      'BMA_CTH',
      'BFM2',
      'DIALOG20',
    ]);
    expect(modelsOfFamily('video')).toEqual(['CL300', 'CL600']);
  });

  it('gives V models five VoIP lines and CP2s a temperature', () => {
    expect(deviceModels.CP2_128V.voipLines).toBe(5);
    expect(deviceModels.CP2_48T.voipLines).toBe(0);
    expect(deviceModels.CP2_48T.telco).toBe(true);
    expect(deviceModels.CP2_120.hasTemperature).toBe(true);
    expect(deviceModels.HUDDLE.hasTemperature).toBe(false);
    expect(modelByCode('BFM2')?.beamformer).toBe(true);
    expect(modelByCode('toString')).toBeUndefined();
  });
});

describe('telnet helpers', () => {
  it('builds negotiations, refusals and escapes IAC', () => {
    expect([...negotiation(['WILL', 1], ['WILL', 3])]).toEqual([255, 251, 1, 255, 251, 3]);
    expect(refusalOf({ verb: 'DO', option: 31 })).toEqual({ verb: 'WONT', option: 31 });
    expect(refusalOf({ verb: 'WILL', option: 1 }, [1])).toEqual({ verb: 'DO', option: 1 });
    expect(refusalOf({ verb: 'DONT', option: 1 })).toBeUndefined();
    expect([...escapeIac(Uint8Array.from([1, 255, 2]))]).toEqual([1, 255, 255, 2]);
  });
});
