// Package and layer boundaries (see README "Architecture"). Each message says why the rule exists,
// because the person who hits it needs the reason more than the rule.

const programs = [
  '@crosspoint/hub',
  '@crosspoint/agent',
  '@crosspoint/sim',
  '@crosspoint/cli',
  '@crosspoint/e2e',
];

/** @param {string[]} names @param {string} message */
const forbid = (names, message) => ({
  group: names.flatMap((n) => [n, `${n}/*`]),
  message,
});

const vendorSdks = [
  'fastify',
  '@fastify/*',
  'ws',
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  '@electric-sql/*',
  '@nats-io/*',
  'prom-client',
  'nodemailer',
  'ldapts',
  'openid-client',
  '@node-rs/*',
];

const hubProgram = forbid(
  ['@crosspoint/agent', '@crosspoint/sim', '@crosspoint/cli', '@crosspoint/web'],
  'The hub may depend on @crosspoint/protocol only; agents speak to it over /agent/v1.',
);

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  {
    files: ['packages/protocol/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              [...programs, '@crosspoint/web'],
              'protocol is the shared contract: it may not depend on any program, or every program would depend on every other.',
            ),
            {
              group: ['node:*', 'fs', 'net', 'path', 'os', 'crypto', 'events'],
              message: 'protocol runs in the browser too: no Node built-ins here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              programs,
              'The web app talks to the hub over HTTP only; import shared types from @crosspoint/protocol.',
            ),
            { group: ['node:*'], message: 'The web app runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/agent/src/**'],
    ignores: ['**/*.test.ts', '**/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['@crosspoint/hub', '@crosspoint/sim', '@crosspoint/cli', '@crosspoint/web'],
              'The agent ships alone to customer LANs: it may depend on @crosspoint/protocol only (the sim is for tests, which live beside the code).',
            ),
          ],
        },
      ],
    },
  },
  {
    // Agent tests run against the simulator as a real peer; they still may not reach into the hub.
    files: ['packages/agent/src/**/*.test.ts', 'packages/agent/src/**/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['@crosspoint/hub', '@crosspoint/cli', '@crosspoint/web'],
              'Agent tests may use the simulator, but the agent never depends on hub internals.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['packages/sim/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['@crosspoint/hub', '@crosspoint/agent', '@crosspoint/cli', '@crosspoint/web'],
              'The simulator stands in for real devices: it may share only @crosspoint/protocol, so it cannot cheat by reading agent or hub state.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['packages/hub/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [hubProgram],
        },
      ],
    },
  },
  {
    files: ['packages/hub/src/services/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Repeats hubProgram: a later config block replaces the whole rule for its files.
          patterns: [
            hubProgram,
            {
              group: vendorSdks,
              message:
                'Services hold domain rules only: reach HTTP, sockets, SQL and vendor SDKs through repositories/, bus/ and adapters/ so they stay testable.',
            },
            {
              group: ['**/http/*', '**/ws/*'],
              message: 'Services never see transport: routes call services, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'packages/hub/src/repositories/**',
      'packages/hub/src/adapters/**',
      'packages/hub/src/bus/**',
      'packages/hub/src/db/**',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            hubProgram,
            {
              group: ['**/services/*', '**/http/*', '**/ws/*'],
              message:
                'Dependencies point inward: repositories, adapters and the bus never call services or transport.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only each program's config module reads the environment: one validated place per program.
    files: ['packages/*/src/**'],
    ignores: ['**/config.ts', '**/*.test.ts', '**/test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            "Read configuration in the program's config.ts and pass it down; nothing else reads process.env.",
        },
      ],
    },
  },
];
