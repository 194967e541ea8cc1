import type { SiteFile } from '@crosspoint/sim';

/**
 * A small site on its own loopback /24 (each test file passes a different third octet so files
 * running in parallel never share addresses): a two-box stack with P-Link peripherals (its second
 * box echoes input and ends lines LF CR), a Huddle, a stand-alone BMA 360D and a COLLABORATE Live codec;
 * optionally a stack whose login is not the factory one.
 */
export function smallSite(octet: number, options: { lockedStack?: boolean } = {}): SiteFile {
  const port = 2400 + octet;
  const locked = options.lockedStack
    ? [
        {
          name: 'Locked',
          username: 'owner',
          password: 'not-default',
          boxes: [{ name: 'LK1', model: 'CP2_128' as const }],
        },
      ]
    : [];
  return {
    name: `agent-test-${octet}`,
    seed: octet,
    port,
    ftpPort: port + 1000,
    micPort: port + 2000,
    videoPort: port + 3000,
    subnets: [
      {
        name: `sim${octet}`,
        cidr: `127.61.${octet}.0/24`,
        stacks: [
          {
            name: 'Main',
            boxes: [
              {
                name: 'DSP1',
                model: 'CP2_128V',
                ftpEnabled: true,
                voip: [
                  { line: 1, user: 'alice', registrar: 'pbx.local' },
                  { line: 2, user: 'bob', registrar: 'pbx.local' },
                ],
                plink: [{ devices: [{ model: 'BT_EXPANDER' }, { model: 'BFM2' }] }],
              },
              // Local echo of every input line and LF CR line ends: the driver must not take an echo for an answer.
              { name: 'DSP2', model: 'CP2_48T', telnet: { echo: true, lineEnding: 'lfcr' } },
            ],
          },
          { name: 'Solo', boxes: [{ name: 'HUD1', model: 'HUDDLE' }] },
          ...locked,
        ],
        mics: [{ name: 'CEILING1' }],
        codecs: [{ name: 'ROOM1', model: 'CL600' }],
      },
    ],
  };
}
