// Search through an engine that stops answering: Postgres answers meanwhile (flagged), a read waits
// on the hung engine only at the moment it stopped, and reads go back to the engine once a probe
// finds it answering. The real engine, frozen with SIGSTOP, and the embedded database.
import { randomUUID } from 'node:crypto';
import { createDb, insertMeetingWithQuestions, type DbHandle } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionDocument } from './documents.ts';
import { ResilientSearch } from './fallback.ts';
import type { LocalMeilisearch } from './launcher.ts';
import type { SearchService } from './service.ts';
import { startTestEngine, type TestEngine } from '../test/engine.ts';

const ENGINE_TIMEOUT_MS = 400;
const COOL_OFF_MS = 300;

let engine: TestEngine | undefined;
let meili: LocalMeilisearch;
let service: SearchService;
let handle: DbHandle;

beforeAll(async () => {
  engine = await startTestEngine('fallback');
  ({ meili, service } = engine);
  handle = createDb({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  const question = {
    id: randomUUID(),
    text: 'How do career paths work for designers here?',
    themeId: null,
    categoryIds: [],
  };
  const meeting = { id: randomUUID(), week: '2026-11-23' };
  await insertMeetingWithQuestions(handle.db, meeting, [question]);
  await service.waitFor(
    service
      .index()
      .addDocuments(
        [questionDocument({ ...question, week: meeting.week, status: 'open', categories: [] })],
        { primaryKey: 'id' },
      ),
  );
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await handle?.close();
});

const timed = async (search: ResilientSearch) => {
  const started = performance.now();
  const result = await search.search({ q: 'career', page: 1, limit: 20 });
  return { ms: performance.now() - started, fallback: result.fallback, hits: result.hits.length };
};

describe('a search that always answers', () => {
  it('waits on a frozen engine once, then answers from Postgres at once, and returns to the engine', async () => {
    const troubles: string[] = [];
    const search = new ResilientSearch(handle.db, service, {
      engineTimeoutMs: ENGINE_TIMEOUT_MS,
      coolOffMs: COOL_OFF_MS,
      onEngineTrouble: (reason) => troubles.push(reason),
    });
    expect(await timed(search)).toMatchObject({ fallback: false, hits: 1 });

    meili.pause();
    try {
      const first = await timed(search);
      expect(first).toMatchObject({ fallback: true, hits: 1 });
      expect(first.ms).toBeGreaterThanOrEqual(ENGINE_TIMEOUT_MS - 50);
      // Across several cool-offs: each time one runs out, a probe asks the engine, not a reader.
      const later: number[] = [];
      const until = performance.now() + COOL_OFF_MS * 4;
      while (performance.now() < until) {
        const read = await timed(search);
        expect(read).toMatchObject({ fallback: true, hits: 1 });
        later.push(read.ms);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(later.length).toBeGreaterThan(5);
      expect(Math.max(...later)).toBeLessThan(ENGINE_TIMEOUT_MS - 100);
      expect(search.engineAway).toBe(true);
    } finally {
      meili.resume();
    }
    await expect
      .poll(async () => (await timed(search)).fallback, { timeout: 10_000, interval: 50 })
      .toBe(false);
    expect(search.engineAway).toBe(false);
    expect(troubles).toHaveLength(1);
  }, 60_000);
});
