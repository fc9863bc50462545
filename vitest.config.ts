import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          pool: 'forks',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          pool: 'forks',
          include: ['tests/e2e/**/*.e2e.ts'],
          // builds the renderer and the bridge once, and refuses to run without Chromium
          globalSetup: ['tests/e2e/harness/global-setup.ts'],
          // each file starts its own server and browser; on two cores they queue rather than thrash
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
