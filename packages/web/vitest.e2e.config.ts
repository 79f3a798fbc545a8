import { defineConfig } from 'vitest/config';

/**
 * The browser journeys: a real server on a fresh embedded database and a real Chromium.
 * One file at a time, generous timeouts (the first start migrates a new database).
 * expect.poll waits up to 20 s: some of what a journey waits for is delivered by queue jobs
 * (in-app notices, e-mails) whose workers poll every 2 s, and a loaded CI machine is slow;
 * Vitest's default of 1 s made the bell check fail on CI.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 20_000, interval: 250 } },
    reporters: ['default'],
  },
});
