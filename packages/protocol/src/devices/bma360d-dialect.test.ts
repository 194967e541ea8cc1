import { describe, expect, it } from 'vitest';
import { bma360dDialect, parseBma360dReply, parseBma360dRequest } from './bma360d-dialect.ts';

describe('bma360dDialect', () => {
  it('parses requests and replies, including the DANTEMAC → MACADDR asymmetry', () => {
    expect(parseBma360dRequest('bfzone 3 1')).toEqual({ name: 'zone', params: { beam: 3, on: true } });
    expect(parseBma360dRequest('DANTEMAC')?.name).toBe('danteMac');
    expect(parseBma360dReply('MACADDR 00:11:22:33:44:55')).toEqual({
      name: 'danteMac',
      params: { mac: '00:11:22:33:44:55' },
    });
    expect(bma360dDialect.beamReport.reply.format({ beams: '000000000001' })).toBe('BEAMREPORT 000000000001');
    expect(parseBma360dRequest('LOCATE mic1 2')).toEqual({
      name: 'locate',
      params: { name: 'mic1', mode: 2 },
    });
    expect(parseBma360dRequest('FROB')).toBeUndefined();
  });
});
