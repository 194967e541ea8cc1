// Proves the import-cycle rule bites: two modules importing each other fail lint, a type-only
// import back does not (it is erased at build time).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { cycles } from './cycles.js';
import projectConfig from '../eslint.config.js';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));

// The fixtures live outside packages/*/src, so the rule's block is applied to them here.
const linter = new ESLint({
  cwd: fixtures,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...cycles.map((block) => ({ ...block, files: ['**/*.ts'] })),
  ],
});

async function messagesFor(file: string): Promise<string[]> {
  const filePath = `${fixtures}${file}`;
  const [result] = await linter.lintText(readFileSync(filePath, 'utf8'), { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('import cycles', () => {
  it('are checked in every package of the project', () => {
    for (const block of cycles) expect(projectConfig).toContain(block);
    expect(cycles[0]?.files).toContain('packages/*/src/**/*.tsx');
    expect(cycles[0]?.rules?.['import-x/no-cycle']).toBeDefined();
  });

  it('fail lint on both modules of a cycle', async () => {
    expect((await messagesFor('cycle/screen.ts')).join()).toMatch(/import-x\/no-cycle/);
    expect((await messagesFor('cycle/wizard.ts')).join()).toMatch(/import-x\/no-cycle/);
  });

  it('let a type-only import point back', async () => {
    expect(await messagesFor('type-cycle/dialog.ts')).toEqual([]);
    expect(await messagesFor('type-cycle/shell.ts')).toEqual([]);
  });
});
