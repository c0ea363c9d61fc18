// A hung search engine on the embedded default: the outbox worker waits on the engine without
// holding the database, so reads and captures go on, and the index catches up once it answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, outboxLag } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, startTestSearch, type TestApp } from './support.ts';

let engine: Awaited<ReturnType<typeof startTestSearch>>;
let t: TestApp;
let editor: { cookie: string };

beforeAll(async () => {
  // PGlite has one connection: a transaction held across an engine call would stall every read.
  const handle = createDb({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  engine = await startTestSearch();
  t = await createTestApp({
    database: { handle, url: null, drop: () => handle.close() },
    app: { search: engine.service, syncIdleMs: 100 },
  });
  editor = await signIn(t.app, 'editor');
}, 120_000);

afterAll(async () => {
  engine?.meili.resume();
  await t?.close();
  await t?.db.drop();
  await engine?.stop();
});

const capture = (text: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: editor,
    payload: { heldOn: '2026-03-12', questions: [{ text }] },
  });

describe('a hung search engine', () => {
  it('stalls neither reads nor captures on the embedded database, and the index catches up', async () => {
    engine.meili.pause();
    try {
      expect((await capture('Is the hiring freeze going to last all year?')).statusCode).toBe(201);
      t.app.searchSync?.nudge();
      // Let the worker reach the engine and hang on it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const slowest = { ms: 0 };
      for (let round = 0; round < 5; round++) {
        const started = performance.now();
        const list = await t.app.inject({ method: 'GET', url: '/api/questions', headers: editor });
        expect(list.statusCode).toBe(200);
        expect((await capture(`Will round ${round} of reviews be calibrated?`)).statusCode).toBe(
          201,
        );
        slowest.ms = Math.max(slowest.ms, performance.now() - started);
      }
      // With the engine's 2 s timeout, a worker that held the only connection would show here.
      expect(slowest.ms).toBeLessThan(1500);
      // Search answers too, from Postgres, within the engine's short read deadline.
      const started = performance.now();
      const found = await t.app.inject({
        method: 'GET',
        url: '/api/search?q=hiring+freeze',
        headers: editor,
      });
      expect(performance.now() - started).toBeLessThan(1500);
      expect(found.statusCode).toBe(200);
      // One hit: listed, with no count beside it (fewer than k).
      expect(found.json()).toMatchObject({ fallback: true, total: null });
      expect(found.json().hits).toHaveLength(1);
      expect(found.json().hits[0].highlight).toContainEqual({ text: 'hiring', match: true });
      expect((await outboxLag(t.app.db)).pending).toBeGreaterThan(0);
    } finally {
      engine.meili.resume();
    }
    await expect.poll(async () => (await outboxLag(t.app.db)).pending, { timeout: 30_000 }).toBe(0);
  }, 90_000);
});

describe('a crashed embedded engine', () => {
  it('is started again by the product, and the index catches up with what was captured meanwhile', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-test-embedded-meili-'));
    const embedded = await createTestApp({
      config: { search: { kind: 'embedded', dataDir } },
      app: { syncIdleMs: 100 },
    });
    try {
      const author = await signIn(embedded.app, 'editor');
      const engine = embedded.app.localSearchEngine!;
      engine.crash();
      await expect.poll(() => engine.status().running, { timeout: 5_000 }).toBe(false);
      const captured = await embedded.app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: author,
        payload: {
          heldOn: '2026-03-12',
          questions: [{ text: 'Why was the offsite in Porto cancelled at short notice?' }],
        },
      });
      expect(captured.statusCode).toBe(201);
      const found = async () => {
        const response = await embedded.app.inject({
          method: 'GET',
          url: '/api/search?q=offsite',
          headers: author,
        });
        // From the index only: the Postgres fallback would find it at once.
        const result = response.json();
        return response.statusCode === 200 && !result.fallback ? result.hits.length : -1;
      };
      await expect.poll(found, { timeout: 30_000, interval: 250 }).toBe(1);
      expect(engine.status().restarts).toBe(1);
      const health = await embedded.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json().search).toMatchObject({
        status: 'ok',
        engine: { supervised: true, running: true, restarts: 1 },
      });
    } finally {
      await embedded.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
