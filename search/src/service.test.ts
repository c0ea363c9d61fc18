// The contract with the engine the product ships with: what Meilisearch 1.21 answers, and how the
// service turns it into the errors the API relies on (api/src/errors.ts maps SearchUnavailableError
// to a 503; everything else is a bug to log). Runs the real engine, as the product does.
import { describeError } from '@kb/db';
import { MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionDocument } from './documents.ts';
import type { LocalMeilisearch } from './launcher.ts';
import { startTestEngine, type TestEngine } from '../test/engine.ts';
import {
  isUnavailable,
  SearchQueryError,
  type SearchService,
  SearchTaskError,
  SearchTimeoutError,
  SearchUnavailableError,
} from './service.ts';

let engine: TestEngine | undefined;
let meili: LocalMeilisearch;
let service: SearchService;
const TIMEOUT_MS = 1000;

beforeAll(async () => {
  engine = await startTestEngine('contract', { timeoutMs: TIMEOUT_MS });
  ({ meili, service } = engine);
});

afterAll(async () => {
  await engine?.stop();
});

const failureOf = (call: () => Promise<unknown>) =>
  call().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('the Meilisearch contract', () => {
  it('is Meilisearch 1.21, the version the product and docker-compose.yml pin', async () => {
    const { pkgVersion } = await service.client.getVersion();
    expect(pkgVersion).toMatch(/^1\.21\.\d+$/);
    expect(await service.healthy()).toBe(true);
  });

  it('answers searches without waiting on compressed answers', async () => {
    const docs = Array.from({ length: 300 }, (_, i) =>
      questionDocument({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        text: `What is the career path for designers in team ${i}, and who decides promotions?`,
        week: '2026-11-23',
        status: 'open',
        categories: [{ slug: 'career', name: 'Career' }],
      }),
    );
    await service.waitFor(service.index().addDocuments(docs, { primaryKey: 'id' }));
    const timings: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const result = await service.search('career', { hitsPerPage: 20, facets: ['categories'] });
      timings.push(performance.now() - started);
      expect(result.hits).toHaveLength(20);
    }
    // A compressed answer reaches Node's fetch in pieces that wait out the delayed ACK: 40 ms or
    // more each time. Uncompressed it is about a millisecond, even on a busy machine well under 20.
    expect(timings.sort((a, b) => a - b)[10]).toBeLessThan(20);
  });

  it('refuses a search on a missing index as a refusal, not an outage, and logs only its code', async () => {
    const error = await failureOf(() =>
      service.run(() => service.index('missing').search('Porto')),
    );
    expect(error).toBeInstanceOf(MeilisearchApiError);
    expect(isUnavailable(error)).toBe(false);
    const described = describeError(error);
    expect(described).toMatchObject({ code: 'index_not_found', status: 404 });
    expect(JSON.stringify(described)).not.toContain('missing');
  });

  it('refuses a question search on a missing index the same way, by its status and code', async () => {
    const error = await failureOf(() => service.search('Porto', {}, { index: 'missing' }));
    expect(error).toBeInstanceOf(SearchQueryError);
    expect(isUnavailable(error)).toBe(false);
    const described = describeError(error);
    expect(described).toMatchObject({ code: 'index_not_found', status: 404 });
    expect(JSON.stringify(described)).not.toContain('Porto');
  });

  it('reports a failed task by the engine code, and lets an expected failure pass', async () => {
    // ensureIndex creates the index every start: the engine fails the task when it exists.
    await expect(service.ensureIndex()).resolves.toBeUndefined();
    const error = await failureOf(() =>
      service.waitFor(service.index().addDocuments([{ id: 'not a valid id!' } as never])),
    );
    expect(error).toBeInstanceOf(SearchTaskError);
    expect((error as SearchTaskError).code).toBe('invalid_document_id');
    expect(isUnavailable(error)).toBe(false);
    expect(describeError(error)).toMatchObject({
      type: 'SearchTaskError',
      code: 'invalid_document_id',
    });
  });

  it('reports an engine that hangs as unavailable, within the timeout', async () => {
    meili.pause();
    try {
      const started = performance.now();
      for (const [search, name] of [
        [() => service.run(() => service.index().search('career')), 'SearchUnavailableError'],
        // The product's own search path says it waited out its time.
        [() => service.search('career', {}), 'SearchTimeoutError'],
      ] as const) {
        const error = await failureOf(search);
        expect(error).toBeInstanceOf(SearchUnavailableError);
        expect((error as Error).name).toBe(name);
      }
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 4);
      expect(await service.healthy()).toBe(false);
    } finally {
      meili.resume();
    }
    expect(await service.healthy()).toBe(true);
  });

  it('gives up on a search at the time it is given, and the engine answers the next one', async () => {
    meili.pause();
    try {
      const started = performance.now();
      const error = await failureOf(() =>
        service.search('career', {}, { timeoutMs: TIMEOUT_MS / 4 }),
      );
      expect(error).toBeInstanceOf(SearchTimeoutError);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 2);
    } finally {
      meili.resume();
    }
    expect((await service.search('career', {})).hits.length).toBeGreaterThan(0);
  });

  it('reports an engine that is down as unavailable, and reaches it again once it is back', async () => {
    // A kept-alive connection from before: the engine's restart leaves it dead.
    expect((await service.search('career', {})).hits.length).toBeGreaterThan(0);
    await meili.kill();
    try {
      const error = await failureOf(() => service.run(() => service.index().search('career')));
      expect(error).toBeInstanceOf(SearchUnavailableError);
      expect(isUnavailable((error as Error).cause)).toBe(true);
      expect(await failureOf(() => service.search('career', {}))).toBeInstanceOf(
        SearchUnavailableError,
      );
      expect(await service.healthy()).toBe(false);
    } finally {
      await meili.restart();
    }
    expect((await service.index().search('career')).hits.length).toBeGreaterThan(0);
    expect((await service.search('career', {})).hits.length).toBeGreaterThan(0);
  });
});
