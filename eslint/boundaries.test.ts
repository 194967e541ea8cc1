// Proves the package boundaries bite: a wrong-direction import fails lint with its reason.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from './boundaries.js';
import projectConfig from '../eslint.config.js';

const linter = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...boundaries,
  ],
});

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('package boundaries', () => {
  it('are part of the project lint configuration', () => {
    for (const block of boundaries) expect(projectConfig).toContain(block);
  });

  it('forbid the protocol package from importing a program', async () => {
    const msgs = await messagesFor(
      'packages/protocol/src/forbidden.ts',
      "import { startHub } from '@crosspoint/hub';\nexport const x = startHub;\n",
    );
    expect(msgs.join('\n')).toMatch(/protocol is the shared contract/);
  });

  it('forbid Node built-ins in protocol and web', async () => {
    expect(
      (
        await messagesFor(
          'packages/protocol/src/x.ts',
          "import { readFile } from 'node:fs';\nexport { readFile };\n",
        )
      ).join(),
    ).toMatch(/browser/);
    expect(
      (
        await messagesFor(
          'packages/web/src/x.ts',
          "import { readFile } from 'node:fs';\nexport { readFile };\n",
        )
      ).join(),
    ).toMatch(/browser/);
  });

  it('forbid the agent from importing the hub or the simulator', async () => {
    const msgs = await messagesFor(
      'packages/agent/src/x.ts',
      "import '@crosspoint/hub';\nimport '@crosspoint/sim';\n",
    );
    expect(msgs).toHaveLength(2);
  });

  it('let agent tests use the simulator as a peer, but not the hub', async () => {
    expect(await messagesFor('packages/agent/src/x.test.ts', "import '@crosspoint/sim';\n")).toEqual([]);
    expect(await messagesFor('packages/agent/src/x.test.ts', "import '@crosspoint/hub';\n")).toHaveLength(1);
  });

  it('keep hub services free of vendor SDKs and transport, and the hub free of other programs', async () => {
    expect(
      (await messagesFor('packages/hub/src/services/x.service.ts', "import 'fastify';\n")).join(),
    ).toMatch(/Services hold domain rules/);
    expect(
      (await messagesFor('packages/hub/src/services/x.service.ts', "import '../http/routes.ts';\n")).join(),
    ).toMatch(/never see transport/);
    expect(
      (await messagesFor('packages/hub/src/services/x.service.ts', "import '@crosspoint/agent';\n")).join(),
    ).toMatch(/protocol only/);
    expect(
      (
        await messagesFor(
          'packages/hub/src/repositories/x.repository.ts',
          "import '../services/x.service.ts';\n",
        )
      ).join(),
    ).toMatch(/point inward/);
  });

  it('keep process.env inside config modules', async () => {
    expect(
      (
        await messagesFor('packages/hub/src/services/x.service.ts', 'export const p = process.env.PORT;\n')
      ).join(),
    ).toMatch(/config\.ts/);
    expect(await messagesFor('packages/hub/src/config.ts', 'export const p = process.env.PORT;\n')).toEqual(
      [],
    );
  });

  it('allow the right direction', async () => {
    expect(
      await messagesFor(
        'packages/hub/src/services/x.service.ts',
        "import { ErrorCode } from '@crosspoint/protocol';\nexport { ErrorCode };\n",
      ),
    ).toEqual([]);
  });
});
