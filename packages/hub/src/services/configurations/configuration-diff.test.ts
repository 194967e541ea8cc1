import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { compareConfigurations, readConfiguration } from './configuration-diff.ts';

const project = (
  inner: string,
  settings = 'Password="converge" SafetyMute="0" StackName="Board" UserName="clearone"',
) =>
  zipSync({
    'Board.PCCP2X': strToU8(
      `\uFEFF<?xml version="1.0" encoding="utf-8"?><Root Version="9"><CFileContainer><FileContainer FileName="Board" ApplicationID="2">` +
        `<Kernel_Kernel StackName="Board" LocateTimeout="30"><StackSettingsObj_StackSettings ${settings}/>` +
        `<Macros_Macro Name="Loud"><Command Text="EP MIC 101 LEVEL GAIN 6"/></Macros_Macro>` +
        `<TimpDeviceProps Name="DSP1" SerialNumber="SN1" ProductID="CP2-128" HostDSPVersion="1.4.0.1" TelnetPort="0"/>` +
        `${inner}</Kernel_Kernel></FileContainer></CFileContainer></Root>`,
    ),
  });

describe('configuration comparison', () => {
  it('reads a CONVERGE Pro 2 project into sections, passwords hidden', () => {
    const read = readConfiguration(
      project('<Channels_Level EPT="MIC" EPN="102" Gain="-6.5" Mute="1" MinGain="-65" MaxGain="20"/>'),
    );
    expect(read.format).toBe('structured');
    if (read.format !== 'structured') return;
    const rows = Object.fromEntries(read.sections.flatMap((s) => s.rows.map((r) => [r.key, r.value])));
    expect(rows['stack.name']).toBe('Board');
    expect(rows['stack.password']).toMatch(/^set \(#[0-9a-f]{4}\)$/);
    expect(JSON.stringify(read)).not.toContain('converge');
    expect(rows['channel.MIC 102.gain']).toBe('-6.5 dB');
    expect(rows['channel.MIC 102.mute']).toBe('on');
    expect(rows['macro.Loud']).toBe('EP MIC 101 LEVEL GAIN 6');
    expect(rows['box.DSP1.firmware']).toBe('1.4.0.1');
  });

  it('names each changed setting; a channel missing on one side is at its defaults there', () => {
    const before = project(
      '<Channels_Level EPT="OUTPUT" EPN="101" Gain="0" Mute="1" MinGain="-65" MaxGain="20"/>',
    );
    const after = project(
      '<Channels_Level EPT="MIC" EPN="101" Gain="-10" Mute="0" MinGain="-65" MaxGain="20"/>',
      'Password="other" SafetyMute="1" StackName="Board" UserName="clearone"',
    );
    const d = compareConfigurations(before, after);
    expect(d.format).toBe('structured');
    expect(d.summary).toEqual([
      expect.stringMatching(/^Password: set \(#\w+\) → set \(#\w+\)$/),
      'Safety mute: off → on',
      'MIC 101 gain: 0 dB → -10 dB',
      'OUTPUT 101 mute: on → off',
    ]);
    expect(compareConfigurations(before, before).changes).toEqual([]);
  });

  it('compares other files line by line', () => {
    const d = compareConfigurations(Buffer.from('a=1\nb=2\nc=3\n'), Buffer.from('a=1\nb=5\nc=3\n'));
    expect(d.format).toBe('text');
    expect(d.lines).toEqual([
      { op: ' ', text: 'a=1' },
      { op: '-', text: 'b=2' },
      { op: '+', text: 'b=5' },
      { op: ' ', text: 'c=3' },
    ]);
    expect(d.summary).toEqual(['- b=2', '+ b=5']);
    expect(readConfiguration(Buffer.from('PK\u0003\u0004 broken')).format).toBe('text');
  });
});
