import { defineConfig } from 'vitest/config';

/** The browser walk through the Playground: real Chromium, real bot, one at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
