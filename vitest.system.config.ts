import { defineConfig } from 'vitest/config';

/**
 * Whole-system tests (test/system/): a build in a scratch copy, and the built server under load and
 * killed mid-load. They need `astro build` first; `npm test` runs them after the end-to-end tests.
 */
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
