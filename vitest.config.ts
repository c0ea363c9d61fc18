import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,db,search,web}/{src,test,tests}/**/*.test.ts'],
    globalSetup: ['api/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only adds contention for Postgres and the browser.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
