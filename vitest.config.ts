import { defineConfig } from 'vitest/config';

// One run, every lane: unit and integration tests beside the code, real-server lanes (they skip with
// a printed reason off CI), and browser tests (*.e2e.test.ts) in Chromium.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
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
