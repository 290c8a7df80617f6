import { defineConfig } from 'vitest/config';

/** Tests that build the whole site in a scratch copy; `npm test` runs them after the end-to-end tests. */
export default defineConfig({
  test: {
    include: ['test/build/**/*.test.ts'],
    testTimeout: 300_000,
  },
});
