// Full rebuild by index swap, and a drift check between Postgres and the index.
import { lastOutboxId, questionIdsChangedSince, questionsAfter, type Db } from '@kb/db';
import { documentHash, documentsFor, type QuestionDocument } from './documents.ts';
import type { SearchService } from './service.ts';
import { applyQuestions } from './sync.ts';

const PAGE = 1000;

export interface ReindexReport {
  documents: number;
  replayed: number;
  seconds: number;
}

/**
 * Builds a fresh index from Postgres beside the live one, swaps it in, then replays every question
 * that changed while it was being built, so nothing written meanwhile is lost.
 */
export async function reindex(
  db: Db,
  search: SearchService,
  onProgress?: (documents: number) => void,
): Promise<ReindexReport> {
  const started = performance.now();
  const live = search.indexName;
  const fresh = `${live}_rebuild_${Date.now()}`;
  const watermark = await lastOutboxId(db);

  await search.ensureIndex(live);
  await search.ensureIndex(fresh);
  let documents = 0;
  try {
    for (let after: string | null = null; ;) {
      const page = await questionsAfter(db, after, PAGE);
      if (page.length === 0) break;
      const batch = await documentsFor(db, page);
      await search.run(() =>
        search.waitFor(search.index(fresh).addDocuments(batch, { primaryKey: 'id' })),
      );
      documents += page.length;
      onProgress?.(documents);
      after = page[page.length - 1]!.id;
    }
    await search.run(() =>
      search.waitFor(search.client.swapIndexes([{ indexes: [live, fresh], rename: false }])),
    );
  } finally {
    // After the swap `fresh` holds the old documents; before it, a half-built index. Either way: gone.
    await search.run(() =>
      search.waitFor(search.client.deleteIndex(fresh), { allowFailure: true }),
    );
  }

  const changed = await questionIdsChangedSince(db, watermark);
  await applyQuestions(db, search, changed);
  return { documents, replayed: changed.length, seconds: (performance.now() - started) / 1000 };
}

export interface DriftReport {
  database: number;
  index: number;
  missing: string[];
  extra: string[];
  stale: string[];
}

/** Compares ids and content digests of every question in Postgres with the index. */
export async function checkIndex(db: Db, search: SearchService): Promise<DriftReport> {
  const expected = new Map<string, string>();
  for (let after: string | null = null; ;) {
    const page = await questionsAfter(db, after, PAGE);
    if (page.length === 0) break;
    for (const doc of await documentsFor(db, page)) expected.set(doc.id, documentHash(doc));
    after = page[page.length - 1]!.id;
  }

  const indexed = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const batch = await search.run(() => search.index().getDocuments({ offset, limit: PAGE }));
    for (const doc of batch.results as QuestionDocument[]) indexed.set(doc.id, documentHash(doc));
    if (batch.results.length < PAGE) break;
  }

  const missing = [...expected.keys()].filter((id) => !indexed.has(id));
  const extra = [...indexed.keys()].filter((id) => !expected.has(id));
  const stale = [...expected]
    .filter(([id, hash]) => indexed.has(id) && indexed.get(id) !== hash)
    .map(([id]) => id);
  return { database: expected.size, index: indexed.size, missing, extra, stale };
}
