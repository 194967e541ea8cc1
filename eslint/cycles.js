// No import cycles in any package (eslint-plugin-import-x's no-cycle, proved by cycles.test.ts). A
// cycle makes the order modules run in depend on which one is imported first: a value read before
// its module ran is undefined (or a TDZ error), and code splitting cannot separate the two files.
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** @type {import('eslint').Linter.Config[]} */
export const cycles = [
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // Files the rule follows (others count as leaves), and the parser for them.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Imports name their files with .ts/.tsx; packages resolve through their package.json exports.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      // Type-only imports are erased at build time and never form a cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
];
