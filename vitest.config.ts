import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,db,search,tools,web}/{src,test,tests}/**/*.test.ts'],
    globalSetup: ['api/test/global-setup.ts'],
    testTimeout: 60_000,
    // Polls wait for a browser or an index to catch up: generous on a busy two-core machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 120_000,
    // Two cores: more workers than that only adds contention for Postgres and the browser.
    maxWorkers: 2,
  },
});
