// Drains the search outbox into Meilisearch. Each row only names a question: the worker reads the
// question's current state, so replaying a row is harmless and order never matters.
import { randomUUID } from 'node:crypto';
import {
  describeErrorBriefly,
  dueOutboxRows,
  findQuestionsByIds,
  markOutboxFailed,
  markOutboxProcessed,
  releaseDrainLease,
  takeDrainLease,
  type Db,
} from '@kb/db';
import type { EnqueuedTaskPromise, Index } from 'meilisearch';
import { documentsFor } from './documents.ts';
import type { SearchService } from './service.ts';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SyncOptions {
  /** Most outbox rows claimed at once. */
  batchSize?: number;
  /** Most bytes of documents sent to the engine in one task. */
  maxTaskBytes?: number;
  /** How often to look for work when nobody nudges. */
  idleMs?: number;
  /**
   * Shortest time between the starts of two drains, however often writes nudge: the writes of that
   * window go in one task, and a stream of captures does not pay a drain each.
   */
  gatherMs?: number;
  /** Longest wait between retries of a failing row. */
  maxBackoffMs?: number;
  /** Told after a batch reached the index: what searches answer has changed. */
  onApplied?: () => void;
  logger?: SyncLogger;
}

export interface DrainResult {
  processed: number;
  failed: number;
}

/**
 * Meilisearch refuses payloads over 100 MB by default, and a task of a few thousand long documents
 * weighs more than one of many short ones: tasks are cut by size as well as by count.
 */
export const DEFAULT_MAX_TASK_BYTES = 16 * 1024 * 1024;

/**
 * Documents as bodies of newline-delimited JSON, each under `maxBytes` (a lone larger document
 * goes alone). Each document is serialized once: its size is that of its own line.
 */
export function documentBodies(documents: readonly object[], maxBytes: number): string[] {
  const bodies: string[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const document of documents) {
    const line = JSON.stringify(document);
    const bytes = Buffer.byteLength(line) + 1;
    if (lines.length > 0 && size + bytes > maxBytes) {
      bodies.push(lines.join('\n'));
      lines = [];
      size = 0;
    }
    lines.push(line);
    size += bytes;
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

/** Adds or replaces documents from one `documentBodies` body. */
export function addDocumentBody(index: Index, body: string): EnqueuedTaskPromise {
  return index.addDocumentsFromString(body, 'application/x-ndjson', { primaryKey: 'id' });
}

/**
 * Brings the index up to date with these questions: upsert those that exist, delete the rest.
 * Reads Postgres first, then calls the engine: no transaction is open while it does.
 */
export async function applyQuestions(
  db: Db,
  search: SearchService,
  questionIds: readonly string[],
  indexName = search.indexName,
  maxTaskBytes = DEFAULT_MAX_TASK_BYTES,
): Promise<void> {
  const unique = [...new Set(questionIds)];
  if (unique.length === 0) return;
  const questions = await findQuestionsByIds(db, unique);
  const present = new Set(questions.map((q) => q.id));
  const gone = unique.filter((id) => !present.has(id));
  const index = search.index(indexName);
  const documents = await documentsFor(db, questions);
  await search.run(async () => {
    for (const body of documentBodies(documents, maxTaskBytes)) {
      await search.waitFor(addDocumentBody(index, body));
    }
    if (gone.length > 0) await search.waitFor(index.deleteDocuments(gone));
  });
}

/**
 * Longer than the longest engine wait of one batch (a task is waited for up to 60 s), so a live
 * worker never loses its lease mid-batch; a dead one blocks the others for at most this long.
 */
const DRAIN_LEASE_SECONDS = 180;

export class SearchSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeUp: (() => void) | undefined;
  private halt: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly maxTaskBytes: number;
  private readonly idleMs: number;
  private readonly gatherMs: number;
  /** Who this worker is when it holds the drain lease. */
  private readonly holder = randomUUID();
  private readonly maxBackoffMs: number;
  /** Whether the index exists with its settings; checked before the first write after a start. */
  private indexReady = false;

  constructor(
    private readonly db: Db,
    private readonly search: SearchService,
    private readonly options: SyncOptions = {},
  ) {
    // Meilisearch spends about a second on each task whatever its size (here: 10,000 documents in
    // 1.4 s, 100,000 in 4.9 s), so a backlog such as an import goes in few, large tasks.
    this.batchSize = options.batchSize ?? 100_000;
    this.maxTaskBytes = options.maxTaskBytes ?? DEFAULT_MAX_TASK_BYTES;
    this.idleMs = options.idleMs ?? 1000;
    this.gatherMs = options.gatherMs ?? 50;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  /**
   * One batch: take the drain lease, read the due rows, send them, then mark them done or failed.
   * Each database step is a statement of its own, so a slow or hung engine holds no lock and no
   * connection (the embedded database has only one). A batch sent but not marked, because this
   * process died, is sent again when the lease runs out: upserts of current state are idempotent.
   */
  async drainOnce(now = new Date()): Promise<DrainResult> {
    // Another process is draining: it takes these rows too, in order.
    if (!(await takeDrainLease(this.db, this.holder, DRAIN_LEASE_SECONDS))) {
      return { processed: 0, failed: 0 };
    }
    try {
      const rows = await dueOutboxRows(this.db, this.batchSize, now);
      if (rows.length === 0) return { processed: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      try {
        if (!this.indexReady) {
          await this.search.ensureIndex();
          this.indexReady = true;
        }
        await applyQuestions(
          this.db,
          this.search,
          rows.map((r) => r.questionId),
          this.search.indexName,
          this.maxTaskBytes,
        );
        await markOutboxProcessed(this.db, ids, new Date());
        this.options.onApplied?.();
        return { processed: rows.length, failed: 0 };
      } catch (error) {
        // The engine may come back empty (a new volume): set the index up again next time.
        this.indexReady = false;
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const delay = Math.min(this.maxBackoffMs, 250 * 2 ** Math.min(attempts, 10));
        // Kinds and codes only: an engine's or driver's message may repeat a document's text.
        const message = describeErrorBriefly(error);
        await markOutboxFailed(this.db, ids, message, new Date(Date.now() + delay));
        this.options.logger?.warn(
          { rows: rows.length, attempts, retryInMs: delay, error: message },
          'search sync failed',
        );
        return { processed: 0, failed: rows.length };
      }
    } finally {
      await releaseDrainLease(this.db, this.holder);
    }
  }

  /** Drains until nothing is due (or a batch fails). */
  async drain(): Promise<DrainResult> {
    const total = { processed: 0, failed: 0 };
    for (;;) {
      const result = await this.drainOnce();
      total.processed += result.processed;
      total.failed += result.failed;
      if (result.failed > 0 || result.processed < this.batchSize) return total;
    }
  }

  /** Runs in the background until stop(); nudge() makes it look right away. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      let lastStart = -Infinity;
      while (!this.stopped) {
        const early = lastStart + this.gatherMs - performance.now();
        if (early > 0) await this.pause(early);
        if (this.stopped) break;
        lastStart = performance.now();
        try {
          await this.drain();
        } catch (error) {
          // The database itself failed; keep going, it will come back.
          this.options.logger?.warn(
            { error: describeErrorBriefly(error) },
            'search sync could not read the outbox',
          );
        }
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, this.idleMs);
        });
      }
    };
    this.running = loop();
  }

  /** Waits `ms`, or less if stop() comes first. */
  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.halt = resolve;
      setTimeout(resolve, ms);
    });
    this.halt = undefined;
  }

  nudge(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    this.halt?.();
    await this.running;
  }
}
