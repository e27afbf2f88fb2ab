import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Handlers log through Powertools; tests show only errors.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/corpus/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // One embedded stack is shared; files run one after another so they do not
          // compete for the two cores and their timings stay meaningful.
          fileParallelism: false,
          // Its own group, before the fault harness's. Left at group 0, vitest runs a one-worker
          // project (this one; the unit tests too, on two cores) last of all, after any later group.
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The fault harness at CI size (test/chaos/): seeded fault points on its own embedded stack,
        // in a group of its own (groupOrder), so no other test runs beside it: its kills and timings
        // have the machine to themselves and it loads no other test.
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
