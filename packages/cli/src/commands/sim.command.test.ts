import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@crosspoint/sim';
import type { Output } from '../lifecycle.ts';
import { parseFaultParams, registerSimCommand } from './sim.command.ts';

function run(args: string[]): Promise<{ ok: boolean; text: string }> {
  const lines: string[] = [];
  const output: Output = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
  const program = new Command('crosspoint')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  registerSimCommand(program, output);
  for (const c of program.commands.flatMap((c) => [
    c,
    ...c.commands,
    ...c.commands.flatMap((d) => d.commands),
  ]))
    c.exitOverride();
  return program.parseAsync(args, { from: 'user' }).then(
    () => ({ ok: true, text: lines.join('\n') }),
    (e: unknown) => ({ ok: false, text: [...lines, (e as Error).message].join('\n') }),
  );
}

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('crosspoint sim', () => {
  it('parses fault parameters', () => {
    expect(
      parseFaultParams(['delayMs=200', 'keepSessions=true', 'reason=no answer', 'kinds=bytes,iac']),
    ).toEqual({
      delayMs: 200,
      keepSessions: true,
      reason: 'no answer',
      kinds: ['bytes', 'iac'],
    });
    expect(() => parseFaultParams(['oops'])).toThrow(/key=value/);
  });

  it('needs a site or a generator, and explains a missing site file', async () => {
    const bare = await run(['sim']);
    expect(bare.ok).toBe(false);
    expect(bare.text).toMatch(/--site <file> or --generate/);
    const r = await run(['sim', '--site', '/nonexistent/site.yaml', '--control-port', '0']);
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/SIM_SITE_NOT_FOUND/);
  });

  it('sets, lists and clears faults through the control API of a running simulator', async () => {
    const s = await startSimulator({
      site: {
        subnets: [
          {
            name: 'n',
            cidr: '127.77.8.0/24',
            stacks: [{ name: 'S', boxes: [{ name: 'A', model: 'CP2_128' }] }],
          },
        ],
      },
    });
    sim = s;
    const url = ['--control-url', s.controlUrl];
    expect((await run(['sim', 'fault', 'set', 'S.A', 'slow', 'delayMs=5', ...url])).ok).toBe(true);
    expect((await run(['sim', 'fault', 'list', ...url])).text).toBe('S.A\tslow\t{"delayMs":5}');
    expect((await run(['sim', 'devices', ...url])).text).toBe('S.A\tbox\tCP2_128\t127.77.8.10:2323\tup');
    expect((await run(['sim', 'fault', 'set', 'S.A', 'melt', ...url])).text).toMatch(/SIM_UNKNOWN_FAULT/);
    expect((await run(['sim', 'fault', 'clear', ...url])).ok).toBe(true);
    expect(s.control.listFaults()).toEqual([]);
    expect((await run(['sim', 'fault', 'list', '--control-url', 'http://127.0.0.1:1'])).text).toMatch(
      /SIM_CONTROL_UNREACHABLE/,
    );
  });
});
