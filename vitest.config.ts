import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    // Week and date logic is tested in the product's own time zone.
    env: { TZ: 'Europe/Copenhagen' },
    // CI's machines are shared and two cores run 130 files: a test of a second on a quiet machine
    // has taken over five (vitest's default limit). Performance is measured in bench/, not here.
    testTimeout: 30_000,
  },
});
