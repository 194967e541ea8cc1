import { describe, expect, it } from 'vitest';
import {
  cp2Dialect,
  firmwareImageHeader,
  firmwareVersionOf,
  isCp2ErrorLine,
  normalizeLevelParam,
  parseCp2Reply,
  parseCp2Request,
} from './cp2-dialect.ts';
import { lineTemplate } from './line-template.ts';

describe(lineTemplate.name, () => {
  it('formats and parses with typed parameters', () => {
    const t = lineTemplate('BOX {box} UNIT TEMPERATURE {celsius:num}');
    expect(t.format({ box: 'DSP1', celsius: 41.5 })).toBe('BOX DSP1 UNIT TEMPERATURE 41.5');
    expect(t.parse('box DSP1  unit temperature 41.5')).toEqual({ box: 'DSP1', celsius: 41.5 });
    expect(t.parse('BOX DSP1 UNIT TEMPERATURE hot')).toBeUndefined();
    expect(t.parse('BOX DSP1 UNIT TEMPERATURE 41 extra')).toBeUndefined();
  });

  it('handles optional values, flags, alternatives and rest-of-line', () => {
    const t = lineTemplate('EP {ept:ept} {epn:epn} LEVEL|1 {param} {value:num?} [REL]');
    expect(t.parse('ep mic 103 level gain')).toEqual({ ept: 'MIC', epn: '103', param: 'gain' });
    expect(t.parse('EP PROC 201 1 1 -2 rel')).toEqual({
      ept: 'PROC',
      epn: '201',
      param: '1',
      value: -2,
      rel: true,
    });
    expect(t.format({ ept: 'PROC', epn: '201', param: 'GAIN', value: -2, rel: true })).toBe(
      'EP PROC 201 LEVEL GAIN -2 REL',
    );
    expect(t.parse('EP NOPE 201 LEVEL GAIN')).toBeUndefined();
    const rest = lineTemplate('EP UA {epn:epn} NOTIFICATION {type} {payload:rest}');
    expect(rest.parse('EP UA 101 NOTIFICATION STATE_CHANGE PL 1;INCOMING:"77897 S7" <SIP:1@2>')).toEqual({
      epn: '101',
      type: 'STATE_CHANGE',
      payload: 'PL 1;INCOMING:"77897 S7" <SIP:1@2>',
    });
  });

  it('keeps values from injecting a second line', () => {
    expect(lineTemplate('MCCF {macro}').format({ macro: 'A\r\nRESET' })).toBe('MCCF A RESET');
  });
});

describe('cp2Dialect', () => {
  it('parses the confirmed request forms', () => {
    expect(parseCp2Request('BOX DSP1 UNIT SN')).toEqual({ name: 'boxSerial', params: { box: 'DSP1' } });
    expect(parseCp2Request('EP MIC 103 LEVEL MUTE 0')?.name).toBe('level');
    expect(parseCp2Request('EP SPKR_ZN_1 LEVEL GAIN')).toEqual({
      name: 'levelAlias',
      params: { alias: 'SPKR_ZN_1', param: 'GAIN' },
    });
    expect(parseCp2Request('MCCF SYSON')).toEqual({ name: 'macro', params: { macro: 'SYSON' } });
    expect(parseCp2Request('EP UA 101 NOTIFCATION STATE_CHANGE')?.name).toBe('uaSubscribe');
    expect(parseCp2Request('EP UA 101 NOTIFICATION STATE_CHANGE IDLE')).toBeUndefined();
    expect(parseCp2Request('EP UA 101 KEY KEY_CALL 5551234')?.name).toBe('key');
    expect(parseCp2Request('EP UA 101 INQUIRE REGISTRATION')?.name).toBe('uaRegistration');
    expect(parseCp2Request('EP UA 101 INQUIRE DND_STATUS')?.name).toBe('inquire');
    expect(parseCp2Request('EP TELCO_RX 101 SETTINGS RING_ENABLE 1')?.name).toBe('settings');
    expect(parseCp2Request('RAMP MIC 101 -10 1')?.name).toBe('ramp');
    expect(parseCp2Request('hello world')).toBeUndefined();
  });

  it('round-trips every entry: request format → parse, reply format → parse', () => {
    const samples = {
      boxSerial: [{ box: 'DSP1' }, { box: 'DSP1', serial: '0196-1743-08' }],
      version: [{}, { firmware: '8.3.15.0' }],
      boxTemperature: [{ box: 'A' }, { box: 'A', celsius: 81 }],
      stackInfo: [{}, { stack: 'Main', count: 2, clink: '00' }],
      locate: [
        { box: 'A', on: true },
        { box: 'A', on: true },
      ],
      safetyMute: [{}, { on: false }],
      credentials: [{ username: 'u', password: 'p' }, { username: 'u' }],
      uaProvision: [
        { epn: '101', enabled: true, user: '1001', password: 's', registrar: 'pbx.local' },
        { epn: '101', enabled: true, user: '1001', registrar: 'pbx.local' },
      ],
      firmwareApply: [
        { box: 'A', file: 'fw.bin' },
        { box: 'A', file: 'fw.bin' },
      ],
    } as const;
    for (const [name, [req, rep]] of Object.entries(samples)) {
      const e = cp2Dialect[name as keyof typeof samples];
      const line = e.request.format(req as never);
      expect(parseCp2Request(line), line).toEqual({ name, params: req });
      const reply = e.reply.format(rep as never);
      expect(e.reply.parse(reply), reply).toEqual(rep);
    }
  });

  it('classifies replies and pushed lines, and an echo without value is no reply', () => {
    expect(parseCp2Reply('BOX MAIN_DSP UNIT SN 0000-0000-00')?.name).toBe('boxSerial');
    expect(parseCp2Reply('BOX MAIN_DSP UNIT SN')).toBeUndefined();
    expect(parseCp2Reply('EP MyChannel LEVEL GAIN -5.0')).toEqual({
      name: 'levelAlias',
      params: { alias: 'MyChannel', param: 'GAIN', value: -5 },
    });
    expect(parseCp2Reply('EP UA 101 NOTIFICATION INDICATION PL NA;RINGING:OFF')?.name).toBe('uaNotification');
    expect(parseCp2Reply('EP UA 101 NOTIFICATION REG_FAILED timeout')?.name).toBe('uaNotification');
    expect(parseCp2Reply('EP UA 101 NOTIFICATION REG_FAILED')?.name).toBe('uaSubscribe');
    expect(parseCp2Reply('STACK INFO BOX 01 0 DSP2 CP2_128V')).toEqual({
      name: 'stackBox',
      params: { clink: '01', online: false, box: 'DSP2', model: 'CP2_128V' },
    });
    expect(parseCp2Reply('BOX A PLINK ITEM 01 1 1 BFM2 0201-0001-01 1.0.3.12 Main')?.name).toBe('plinkItem');
    expect(isCp2ErrorLine('Error Invalid Paramter(s)')).toBe(true);
    expect(isCp2ErrorLine('EP MIC 101 LEVEL MUTE 0')).toBe(false);
  });

  it('names level parameters by name or number', () => {
    expect(normalizeLevelParam('gain')).toBe('GAIN');
    expect(normalizeLevelParam('2')).toBe('MUTE');
    expect(normalizeLevelParam('8')).toBe('MIN_GAIN');
    expect(normalizeLevelParam('LOUD')).toBeUndefined();
  });

  it('reads the firmware image header', () => {
    const image = Uint8Array.from([...firmwareImageHeader('8.4.0.1'), 1, 2, 3]);
    expect(firmwareVersionOf(image)).toBe('8.4.0.1');
    expect(firmwareVersionOf(Uint8Array.from([1, 2, 3]))).toBeUndefined();
  });
});
