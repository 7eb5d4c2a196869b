import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Two files at a time even on two cores: browser tests spend most of their
    // time waiting for Chromium, which runs in processes of its own.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests run in a random order within each file, so that none leans on what
    // another left behind. The seed is printed at the start; repeat an order
    // with `npx vitest run --sequence.seed=<seed>`.
    sequence: { shuffle: { files: false, tests: true } },
  },
});
