import { defineConfig } from 'vitest/config';

/** Unit tests of the web app: fast, no browser (the browser journey has its own config). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
