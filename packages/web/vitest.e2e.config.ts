import { defineConfig } from 'vitest/config';

/**
 * The browser journeys: a real server on a fresh embedded database and a real Chromium.
 * One file at a time, generous timeouts (the first start migrates a new database).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
