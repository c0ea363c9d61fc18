// Drains the search outbox into Meilisearch. Each row only names a question: the worker reads the
// question's current state, so replaying a row is harmless and order never matters.
import {
  claimOutboxBatch,
  describeErrorBriefly,
  tryToDrainAlone,
  findQuestionsByIds,
  markOutboxFailed,
  markOutboxProcessed,
  type Db,
} from '@kb/db';
import { documentsFor } from './documents.ts';
import type { SearchService } from './service.ts';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SyncOptions {
  batchSize?: number;
  /** How often to look for work when nobody nudges. */
  idleMs?: number;
  /** Longest wait between retries of a failing row. */
  maxBackoffMs?: number;
  logger?: SyncLogger;
}

export interface DrainResult {
  processed: number;
  failed: number;
}

/** Brings the index up to date with these questions: upsert those that exist, delete the rest. */
export async function applyQuestions(
  db: Db,
  search: SearchService,
  questionIds: readonly string[],
  indexName = search.indexName,
): Promise<void> {
  const unique = [...new Set(questionIds)];
  if (unique.length === 0) return;
  const questions = await findQuestionsByIds(db, unique);
  const present = new Set(questions.map((q) => q.id));
  const gone = unique.filter((id) => !present.has(id));
  const index = search.index(indexName);
  const documents = await documentsFor(db, questions);
  await search.run(async () => {
    if (documents.length > 0) {
      await search.waitFor(index.addDocuments(documents, { primaryKey: 'id' }));
    }
    if (gone.length > 0) await search.waitFor(index.deleteDocuments(gone));
  });
}

export class SearchSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeUp: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly idleMs: number;
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
    this.idleMs = options.idleMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  /** One batch: claim due rows, apply them, mark them done or failed. */
  async drainOnce(now = new Date()): Promise<DrainResult> {
    return this.db.transaction(async (tx) => {
      // Another process is draining: it takes these rows too, in order.
      if (!(await tryToDrainAlone(tx))) return { processed: 0, failed: 0 };
      const rows = await claimOutboxBatch(tx, this.batchSize, now);
      if (rows.length === 0) return { processed: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      try {
        if (!this.indexReady) {
          await this.search.ensureIndex();
          this.indexReady = true;
        }
        await applyQuestions(
          tx,
          this.search,
          rows.map((r) => r.questionId),
        );
        await markOutboxProcessed(tx, ids, new Date());
        return { processed: rows.length, failed: 0 };
      } catch (error) {
        // The engine may come back empty (a new volume): set the index up again next time.
        this.indexReady = false;
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const delay = Math.min(this.maxBackoffMs, 250 * 2 ** Math.min(attempts, 10));
        // Kinds and codes only: an engine's or driver's message may repeat a document's text.
        const message = describeErrorBriefly(error);
        await markOutboxFailed(tx, ids, message, new Date(Date.now() + delay));
        this.options.logger?.warn(
          { rows: rows.length, attempts, retryInMs: delay, error: message },
          'search sync failed',
        );
        return { processed: 0, failed: rows.length };
      }
    });
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
      while (!this.stopped) {
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

  nudge(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    await this.running;
  }
}
