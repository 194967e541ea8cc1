// Proves the rule against hand-written hub paths in the web app bites: a path in a string, a
// template literal or a link's href fails lint; the generated operations list and text that only
// mentions a path do not.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { apiPaths } from './api-paths.js';
import projectConfig from '../eslint.config.js';

const root = fileURLToPath(new URL('../', import.meta.url));

// Only the rule's block (and a parser), over code given here: no type information needed.
const linter = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    ...apiPaths,
  ],
});

async function messagesFor(
  code: string,
  file = 'packages/web/src/features/example/Example.tsx',
): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('hand-written hub paths in the web app', () => {
  it('are checked by the project configuration', () => {
    for (const block of apiPaths) expect(projectConfig).toContain(block);
  });

  it('fail lint in a string, a template literal and a link', async () => {
    expect((await messagesFor(`api.get('/api/v1/auth/session');`)).join()).toMatch(/no-restricted-syntax/);
    expect((await messagesFor('const p = `/api/v1/orgs/${orgId}/devices`;')).join()).toMatch(
      /no-restricted-syntax/,
    );
    expect((await messagesFor(`const a = <a href="/api/v1/orgs/1/files/2">x</a>;`)).join()).toMatch(
      /no-restricted-syntax/,
    );
    expect((await messagesFor(`getJson('/readyz');`)).join()).toMatch(/no-restricted-syntax/);
  });

  it('let the generated operations and ordinary text be', async () => {
    expect(
      await messagesFor(
        `const o = { getSession: ['GET', '/api/v1/auth/session'] };`,
        'packages/web/src/api/operations.gen.ts',
      ),
    ).toEqual([]);
    expect(await messagesFor(`const help = 'Mail waits in the outbox: GET /api/v1/outbox.';`)).toEqual([]);
    expect(await messagesFor('const route = `/devices/${id}`;')).toEqual([]);
    expect(await messagesFor(`call('getSession', {}, { signal });`)).toEqual([]);
  });

  it('do not apply outside the web app', async () => {
    expect(
      await messagesFor(`app.get('/api/v1/auth/session', handler);`, 'packages/hub/src/http/example.ts'),
    ).toEqual([]);
  });
});
