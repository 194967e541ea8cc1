// Lint configuration. Package boundaries and the import-cycle rule live in eslint/ so that a test can
// prove they bite.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { boundaries } from './eslint/boundaries.js';
import { cycles } from './eslint/cycles.js';
import { apiPaths } from './eslint/api-paths.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'packages/hub/migrations/**',
      'bench/results/**',
      'eslint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The rules of hooks and the React Compiler's checks (purity, refs, state set during render…).
    files: ['packages/web/src/**/*.ts', 'packages/web/src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Tests may use non-null assertions on fixtures they just built.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...boundaries,
  ...cycles,
  ...apiPaths,
);
