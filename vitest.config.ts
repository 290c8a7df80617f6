import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/system/**', 'node_modules/**'],
    globalSetup: ['test/setup/postgres.ts'],
    // Opening a PGlite database takes seconds on a shared 2-core machine.
    hookTimeout: 60_000,
  },
});
