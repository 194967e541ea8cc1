import { defineConfig } from 'vitest/config';
import { catalogSplit } from './packages/web/catalog-split.ts';

// One run, every lane: unit and integration tests beside the code, real-server lanes (they skip with
// a printed reason off CI), and browser tests (*.e2e.test.ts) in Chromium.
export default defineConfig({
  // The web app's `en.json?core` / `?rest` imports, as in its build.
  plugins: [catalogSplit()],
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/web/*.test.ts',
      'eslint/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    teardownTimeout: 10_000,
    reporters: ['default'],
  },
});
