import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { isCleanText } from '../text.ts';
import { salvageAgentFrame, storableJson } from './frame-repair.ts';
import { AgentFrame, LinkChange, LinkDevice } from './frames.ts';

const device = (n: number): LinkDevice => ({
  id: `video-SN${String(n)}`,
  family: 'video',
  model: 'CL600',
  serial: `SN${String(n)}`,
  firmware: '1.2.3',
  name: `Room ${String(n)}`,
  ip: '127.0.0.1',
  path: ['Rack', 'Subnet 127.0.0.0/24 (lo)'],
  status: 'Healthy',
  since: 1_700_000_000_000,
});

/** Any UTF-16 code unit, unpaired surrogates and control characters included. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u0000', '\ud800', 'x'),
  ),
  maxLength: 200,
});
const anyValue = fc.oneof(
  hostileText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 10 }),
  fc.jsonValue({ maxDepth: 3 }),
);
/** A device with some fields replaced by anything at all. */
const hostileDevice = fc
  .tuple(
    fc.nat(1000),
    fc.dictionary(
      fc.constantFrom(
        'id',
        'family',
        'model',
        'serial',
        'firmware',
        'name',
        'ip',
        'parentId',
        'path',
        'status',
        'since',
        'extra',
      ),
      anyValue,
      { maxKeys: 4 },
    ),
  )
  .map(([n, overrides]) => ({ ...device(n), ...overrides }));
const hostileFrame = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    type: fc.constant('inventory'),
    seq: fc.oneof(fc.nat(), fc.integer(), fc.double()),
    devices: fc.array(hostileDevice, { maxLength: 6 }),
  }),
  fc.record({
    type: fc.constant('deltas'),
    seq: fc.nat(),
    changes: fc.array(
      fc.record(
        {
          id: fc.oneof(hostileText, fc.constant('video-SN1')),
          status: hostileText,
          since: fc.double(),
          at: fc.double(),
          device: fc.option(hostileDevice, { nil: undefined }),
        },
        { requiredKeys: ['id', 'status', 'since', 'at'] },
      ),
      { maxLength: 6 },
    ),
  }),
  fc.record(
    {
      type: fc.constantFrom('heartbeat', 'job-progress', 'command-result', 'hello'),
      commandId: hostileText,
      phase: hostileText,
      percent: fc.double(),
      ok: fc.boolean(),
      at: fc.double(),
      monitoring: fc.constantFrom('active', 'off'),
      sessions: fc.nat(),
    },
    { requiredKeys: ['type'] },
  ),
);

const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
      : [];

describe(storableJson.name, () => {
  it('takes out of a command result only what no database stores, and keeps the rest as sent', () => {
    const result = {
      'lo\u0000g': ['line 1\nline 2\t\u001b[0m', 'nul\u0000', { half: '\ud800x', emoji: '🎤' }],
      n: 1,
    };
    expect(storableJson(result)).toEqual({
      log: ['line 1\nline 2\t\u001b[0m', 'nul', { half: '\ufffdx', emoji: '🎤' }],
      n: 1,
    });
    const clean = { a: ['b'] };
    expect(storableJson(clean)).toEqual(clean);
  });
});

describe(salvageAgentFrame.name, () => {
  it('never throws; what it returns is a frame the hub can store, every item valid and every text clean', () => {
    fc.assert(
      fc.property(hostileFrame, (raw) => {
        const salvaged = salvageAgentFrame(raw);
        if (!salvaged) return;
        const { frame } = salvaged;
        if (frame.type === 'inventory')
          expect(frame.devices.every((d) => Value.Check(LinkDevice, d))).toBe(true);
        else if (frame.type === 'deltas')
          expect(frame.changes.every((c) => Value.Check(LinkChange, c))).toBe(true);
        else expect(Value.Check(AgentFrame, frame)).toBe(true);
        if (frame.type !== 'command-result') expect(strings(frame).every(isCleanText)).toBe(true);
        for (const p of salvaged.problems)
          expect(isCleanText(p.reason) && (p.id === null || isCleanText(p.id))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('repairs what it can of a device, leaves out what it cannot, and leaves a malformed frame to be refused', () => {
    const poisoned = { ...device(1), name: 'Board\u0000room', firmware: 'v'.repeat(100), since: 1e300 };
    const salvaged = salvageAgentFrame({
      type: 'inventory',
      seq: 3,
      devices: [poisoned, device(2), { ...device(3), since: 'soon' }],
    });
    expect(salvaged?.frame).toEqual({
      type: 'inventory',
      seq: 3,
      devices: [{ ...device(1), name: 'Boardroom', firmware: 'v'.repeat(40), since: 8.64e15 }, device(2)],
    });
    expect(salvaged?.problems).toEqual([
      { id: 'video-SN1', action: 'repaired', reason: 'cleaned or cut: firmware, name, since' },
      { id: 'video-SN3', action: 'refused', reason: 'since is not a number' },
    ]);
    expect(salvaged?.refusedIds).toEqual(['video-SN3']);
    expect(salvageAgentFrame({ type: 'inventory', seq: -1, devices: [] })).toBeUndefined();
    expect(salvageAgentFrame({ type: 'teleport' })).toBeUndefined();
    expect(salvageAgentFrame('hello')).toBeUndefined();
  });
});
