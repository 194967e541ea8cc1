import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseSubnets } from '../discovery/subnet.ts';
import { SubnetService, UnknownSubnetError } from '../discovery/subnet-service.ts';
import { SubnetStateFile } from './subnet-state-file.ts';

describe('subnet settings in the data dir', () => {
  let dir: string;
  const logged: string[] = [];
  const logger = pino(
    { level: 'error' },
    { write: (line: string) => logged.push((JSON.parse(line) as { msg: string }).msg) },
  );
  const specs = (text: string) => parseSubnets(text, 23);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-subnets-'));
    logged.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts with every subnet enabled, and keeps a disabled one across a reopen', async () => {
    const file = new SubnetStateFile(dir, logger);
    const service = await SubnetService.open(specs('127.20.1.0/24,127.20.2.0/24'), file, () => 1000);
    expect(service.counts()).toEqual({ enabled: 2, total: 2 });
    await service.setEnabled('127.20.2.0/24', false);
    const reopened = await SubnetService.open(specs('127.20.1.0/24,127.20.2.0/24'), file, () => 2000);
    expect(reopened.list().map((s) => [s.spec.cidr, s.enabled, s.disabledSince])).toEqual([
      ['127.20.1.0/24', true, undefined],
      ['127.20.2.0/24', false, 1000],
    ]);
    expect(reopened.enabled().map((s) => s.cidr)).toEqual(['127.20.1.0/24']);
    expect(reopened.disabledSubnetOf('127.20.2.14')?.spec.cidr).toBe('127.20.2.0/24');
    expect(reopened.disabledSubnetOf('127.20.1.14')).toBeUndefined();
    expect(reopened.disabledSubnetOf('10.0.0.1')).toBeUndefined();
    // Written atomically: no temporary file is left behind.
    expect(await readdir(dir)).toEqual(['subnets.json']);
  });

  it('enables a newly configured subnet, and forgets one removed from the configuration', async () => {
    const file = new SubnetStateFile(dir, logger);
    const first = await SubnetService.open(specs('127.20.1.0/24,127.20.2.0/24'), file, () => 1);
    await first.setEnabled('127.20.1.0/24', false);
    await first.setEnabled('127.20.2.0/24', false);
    const next = await SubnetService.open(specs('127.20.2.0/24,127.20.3.0/24'), file, () => 2);
    expect(next.list().map((s) => [s.spec.cidr, s.enabled])).toEqual([
      ['127.20.2.0/24', false],
      ['127.20.3.0/24', true],
    ]);
    await next.setEnabled('127.20.3.0/24', false);
    expect(
      Object.keys(
        (JSON.parse(await readFile(join(dir, 'subnets.json'), 'utf8')) as { disabled: object }).disabled,
      ),
    ).toEqual(['127.20.2.0/24', '127.20.3.0/24']);
  });

  it('rejects a subnet that is not configured', async () => {
    const service = await SubnetService.open(
      specs('127.20.1.0/24'),
      new SubnetStateFile(dir, logger),
      () => 1,
    );
    await expect(service.setEnabled('127.20.9.0/24', false)).rejects.toBeInstanceOf(UnknownSubnetError);
    expect(service.counts()).toEqual({ enabled: 1, total: 1 });
  });

  it.each([
    ['not JSON', '{"disabled": {"127.20.1.0/24": 1'],
    ['the wrong shape', '{"disabled": ["127.20.1.0/24"]}'],
    ['a bad time', '{"disabled": {"127.20.1.0/24": "yesterday"}}'],
    ['null', 'null'],
  ])('reads a file holding %s as every subnet enabled, logs it and sets it aside', async (_what, text) => {
    await writeFile(join(dir, 'subnets.json'), text);
    const service = await SubnetService.open(
      specs('127.20.1.0/24'),
      new SubnetStateFile(dir, logger),
      () => 1,
    );
    expect(service.counts()).toEqual({ enabled: 1, total: 1 });
    expect(logged).toEqual([expect.stringContaining('subnet settings file is malformed')]);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0] ?? ''), 'utf8')).toBe(text);
    // The next change writes a good file again.
    await service.setEnabled('127.20.1.0/24', false);
    expect((await new SubnetStateFile(dir, logger).read()).get('127.20.1.0/24')).toBe(1);
  });
});
