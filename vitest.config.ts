import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    // Week and date logic is tested in the product's own time zone.
    env: { TZ: 'Europe/Copenhagen' },
  },
});
