import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SimError, SimErrorCode } from '../errors.ts';
import { testSite } from '../test/sites.ts';
import { generateSite } from './generate.ts';
import { loadSiteFile, parseSiteText, validateSite } from './load.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cp-site-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problemsOf = (site: unknown): string[] => {
  try {
    validateSite(site);
  } catch (e) {
    expect(e).toBeInstanceOf(SimError);
    expect((e as SimError).code).toBe(SimErrorCode.SiteInvalid);
    return (e as SimError).details.map((d) => `${d.path}: ${d.message}`);
  }
  return [];
};

describe('site files', () => {
  it('loads JSON and YAML to the same resolved site, with defaults and addresses filled', async () => {
    const site = testSite(9);
    await writeFile(join(dir, 's.json'), JSON.stringify(site));
    await writeFile(join(dir, 's.yaml'), stringify(site));
    const a = await loadSiteFile(join(dir, 's.json'));
    const b = await loadSiteFile(join(dir, 's.yaml'));
    expect(b).toEqual(a);
    const box = a.subnets[0]?.stacks[0]?.boxes[0];
    expect(box).toMatchObject({ id: 'Board.DSP1', clink: 0, firmware: '8.3.15.0', ftpEnabled: false });
    expect(box?.voip).toHaveLength(5);
    expect(box?.plink.map((p) => [p.id, p.index, p.chain])).toEqual([
      ['Board.DSP1.p01', 1, 1],
      ['Board.DSP1.p02', 2, 1],
    ]);
    expect(a.subnets[0]?.stacks[0]?.username).toBe('clearone');
  });

  it('accepts the example site shipped with the package', async () => {
    const site = await loadSiteFile(new URL('../../examples/site.yaml', import.meta.url).pathname);
    expect(site.subnets.map((s) => s.cidr)).toEqual(['127.20.1.0/24', '127.20.2.0/24']);
    expect(site.subnets[0]?.stacks[0]?.boxes[1]?.telnet.lineEnding).toBe('lfcr');
  });

  it('assigns addresses from .10 skipping explicit ones', () => {
    const site = validateSite({
      subnets: [
        {
          name: 'n',
          cidr: '127.30.1.0/24',
          stacks: [
            {
              name: 'S',
              boxes: [
                { name: 'A', model: 'CP2_128', ip: '127.30.1.10' },
                { name: 'B', model: 'HUDDLE' },
              ],
            },
          ],
          mics: [{ name: 'M' }],
        },
      ],
    });
    expect(site.port).toBe(2323);
    expect(site.subnets[0]?.stacks[0]?.boxes.map((b) => b.ip)).toEqual(['127.30.1.10', '127.30.1.11']);
    expect(site.subnets[0]?.mics[0]?.ip).toBe('127.30.1.12');
  });

  it('reports every problem with a path, and a stable code', () => {
    expect(problemsOf({})).toEqual(['/: must have required properties subnets']);
    expect(problemsOf({ subnets: [{ name: 'x', cidr: '10.0.0.0/24' }] })[0]).toMatch(
      /^\/subnets\/0\/cidr: must match/,
    );
    expect(problemsOf({ subnets: [{ name: 'x', cidr: '127.1.1.0/24', colour: 'red' }] })[0]).toMatch(
      /colour/,
    );
    const dup = {
      subnets: [
        {
          name: 'x',
          cidr: '127.1.1.0/24',
          stacks: [
            {
              name: 'S',
              boxes: [
                { name: 'A', model: 'CP2_128V', ip: '127.1.2.5' },
                {
                  name: 'A',
                  model: 'CP2_128',
                  plink: [
                    {
                      devices: [
                        { model: 'BFM2' },
                        { model: 'BFM2' },
                        { model: 'BMA_CT' },
                        { model: 'BMA360' },
                      ],
                    },
                  ],
                },
              ],
            },
            {
              name: 'S',
              boxes: [{ name: 'C', model: 'CP2_48T', voip: [{ line: 1, user: 'u', registrar: 'r' }] }],
            },
          ],
          mics: [{ name: 'S' }],
        },
      ],
    };
    const semantic = problemsOf(dup);
    expect(semantic).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ip: 127\.1\.2\.5 is outside subnet 127\.1\.1\.0\/24/),
        expect.stringMatching(/box name "A" is used twice/),
        expect.stringMatching(/at most 3 beamforming mics/),
        expect.stringMatching(/stack name "S" is used twice/),
        expect.stringMatching(/stack name "S" is also a device id/),
        expect.stringMatching(/boxes\/0\/voip\/0: CP2_48T has 0 VoIP lines/),
      ]),
    );
    const schema = problemsOf({
      subnets: [
        {
          name: 'x',
          cidr: '127.1.1.0/24',
          stacks: [
            {
              name: 'S',
              boxes: [{ name: 'A', model: 'CP2_128V', voip: [{ line: 6, user: 'u', registrar: 'r' }] }],
            },
          ],
        },
      ],
    });
    expect(schema).toEqual(['/subnets/0/stacks/0/boxes/0/voip/0/line: must be <= 5']);
  });

  it('turns unreadable and unparsable files into clear errors', async () => {
    await expect(loadSiteFile(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: SimErrorCode.SiteNotFound,
    });
    await writeFile(join(dir, 'bad.json'), '{"subnets": [');
    await expect(loadSiteFile(join(dir, 'bad.json'))).rejects.toMatchObject({ code: SimErrorCode.SiteParse });
    await writeFile(join(dir, 'bad.yaml'), 'subnets:\n  - name: [unclosed\n');
    await expect(loadSiteFile(join(dir, 'bad.yaml'))).rejects.toMatchObject({ code: SimErrorCode.SiteParse });
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(9)
            .fill(`*${'abcdefgh'[i] ?? 'a'}`)
            .join(', ')}]`,
      ),
    ];
    expect(() => parseSiteText(laughs.join('\n'), 'yaml')).toThrow(
      expect.objectContaining({ code: SimErrorCode.SiteParse }),
    );
  });
});

describe(generateSite.name, () => {
  it('is reproducible: same seed, same site; another seed, another site', () => {
    const a = generateSite({ devices: 600, seed: 42 });
    expect(generateSite({ devices: 600, seed: 42 })).toEqual(a);
    expect(generateSite({ devices: 600, seed: 43 })).not.toEqual(a);
    expect(JSON.stringify(validateSite(a))).toBe(
      JSON.stringify(validateSite(generateSite({ devices: 600, seed: 42 }))),
    );
  });

  it('creates exactly N network devices over /24s, valid and with P-Link chains within the rules', () => {
    const site = validateSite(generateSite({ devices: 1000, seed: 5, subnetBase: '127.40' }));
    const count = site.subnets.reduce(
      (n, s) => n + s.stacks.reduce((m, st) => m + st.boxes.length, 0) + s.mics.length + s.codecs.length,
      0,
    );
    expect(count).toBe(1000);
    expect(site.subnets.map((s) => s.cidr).slice(0, 2)).toEqual(['127.40.1.0/24', '127.40.2.0/24']);
    const peripherals = site.subnets.flatMap((s) =>
      s.stacks.flatMap((st) => st.boxes.flatMap((b) => b.plink)),
    );
    expect(peripherals.length).toBeGreaterThan(100);
    expect(site.subnets.some((s) => s.stacks.some((st) => st.boxes.length > 1))).toBe(true);
  });

  it('refuses bad arguments with a stable code', () => {
    expect(() => generateSite({ devices: 0 })).toThrow(
      expect.objectContaining({ code: SimErrorCode.BadArguments }),
    );
    expect(() => generateSite({ devices: 10, subnetBase: '10.1' })).toThrow(
      expect.objectContaining({ code: SimErrorCode.BadArguments }),
    );
  });
});
