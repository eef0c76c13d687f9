import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The second one says which tests were skipped for a missing tool, and fails CI when any were.
    reporters: ['default', './test/helpers/missing-tools-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/picqer-demo/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
