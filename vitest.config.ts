import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web app's own alias, so its modules load in tests as in the app.
  resolve: { alias: { $lib: fileURLToPath(new URL('./web/src/lib', import.meta.url)) } },
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
