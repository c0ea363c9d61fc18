// Documents sent to the engine while the transaction writing their questions is still open, so a
// large import is searchable moments after it commits instead of one whole outbox drain later.
//
// The outbox stays the source of truth: the questions' rows are written held (due only after a
// while), and are marked done once the engine took the documents, or released to the worker when
// it did not. Nothing here waits on the engine inside the transaction: a hung engine costs the
// import nothing, and the worker sends those questions later.
import { markOutboxProcessed, queuedAgainSince, releaseOutboxRows, type Db } from '@kb/db';
import { MeilisearchApiError, type EnqueuedTask } from 'meilisearch';
import { addDocumentBody, DEFAULT_MAX_TASK_BYTES, documentBodies } from './sync.ts';
import type { QuestionDocument } from './documents.ts';
import { within } from './fallback.ts';
import type { SearchService } from './service.ts';

/** Long enough for the engine to index an import; should this process die, the worker takes over then. */
export const SEND_AHEAD_HOLD_SECONDS = 600;

/** One call of `send`: its rows count as done only when every task it took succeeded. */
interface Sent {
  ids: string[];
  outboxIds: number[];
  /** One per task, settled once the engine enqueued it (null: it could not be reached). */
  tasks: Promise<{ task: EnqueuedTask; beforeCommit: boolean } | null>[];
}

export class SendAhead {
  private readonly sent: Sent[] = [];
  private ended = false;

  private constructor(
    private readonly search: SearchService,
    private readonly maxTaskBytes: number,
  ) {}

  /**
   * A sender, when the engine has the index within `readyWithinMs`; otherwise null, and the caller
   * leaves everything to the outbox. An index that exists is only asked about: setting it up is a
   * task, queued behind whatever the engine is indexing, and the worker has done it already.
   */
  static async open(
    search: SearchService,
    options: { readyWithinMs?: number; maxTaskBytes?: number } = {},
  ): Promise<SendAhead | null> {
    const ready = async () => {
      try {
        await search.client.getIndex(search.indexName);
      } catch (error) {
        if (!(error instanceof MeilisearchApiError) || error.cause?.code !== 'index_not_found') {
          throw error;
        }
        // A new engine: nothing is queued yet, so setting the index up is quick.
        await search.ensureIndex();
      }
    };
    try {
      await within(search.run(ready), options.readyWithinMs ?? 2_000);
      return new SendAhead(search, options.maxTaskBytes ?? DEFAULT_MAX_TASK_BYTES);
    } catch {
      return null;
    }
  }

  /** Sends documents whose held outbox rows are `outboxIds`; returns at once. */
  send(documents: readonly QuestionDocument[], outboxIds: readonly number[]): void {
    if (this.ended) throw new Error('SendAhead: the transaction has ended');
    if (documents.length === 0) return;
    const index = this.search.index();
    this.sent.push({
      ids: documents.map((d) => d.id),
      outboxIds: [...outboxIds],
      tasks: documentBodies(documents, this.maxTaskBytes).map((body) =>
        this.search
          .run(() => addDocumentBody(index, body))
          .then(
            (task) => ({ task, beforeCommit: !this.ended }),
            () => null,
          ),
      ),
    });
  }

  /** Call as the transaction's last step: documents the engine enqueues from now on count as late. */
  seal(): void {
    this.ended = true;
  }

  /**
   * After the commit: waits for the engine, marks the rows of documents it indexed as done and
   * releases the rest to the worker. Documents the engine enqueued only after the commit count
   * only if none of their questions was queued again since: a later change's task could otherwise
   * have gone before theirs, and the worker's fresh read must come last. Never throws; returns how
   * many rows were marked done.
   */
  async committed(db: Db, options: { timeoutMs?: number } = {}): Promise<number> {
    this.ended = true;
    // Rows after the import's last one are changes made since.
    const last = this.sent.reduce((n, s) => s.outboxIds.reduce((m, id) => Math.max(m, id), n), 0);
    // Each send's rows are marked as soon as its tasks are confirmed: the engine indexes the last
    // ones meanwhile, and the mark that remains at the end is one send's, not the whole import's.
    let done = 0;
    const release: number[] = [];
    for (const sent of this.sent) {
      const indexed = await this.indexed(db, sent, last, options.timeoutMs ?? 120_000);
      if (!indexed) release.push(...sent.outboxIds);
      else if (await settle(markOutboxProcessed(db, sent.outboxIds, new Date()))) {
        done += sent.outboxIds.length;
      }
    }
    await settle(releaseOutboxRows(db, release));
    return done;
  }

  /** Whether every task of a send succeeded and is still the latest word on its questions. */
  private async indexed(db: Db, sent: Sent, last: number, timeout: number): Promise<boolean> {
    for (const enqueued of sent.tasks) {
      const answer = await enqueued;
      if (!answer) return false;
      try {
        // Enqueued after the commit: asked once the engine has it, so a change queued after this
        // answer is sent after it.
        if (!answer.beforeCommit && (await queuedAgainSince(db, sent.ids, last))) return false;
        const finished = await this.search.client.tasks.waitForTask(answer.task, {
          timeout,
          interval: 50,
        });
        if (finished.status !== 'succeeded') return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  /**
   * After a rollback: the questions do not exist, so what reached the engine is taken out again,
   * once every send has settled (the delete is enqueued after them). Never throws.
   */
  async rolledBack(): Promise<void> {
    this.ended = true;
    const reached = await Promise.all(
      this.sent.map(async (s) => ((await Promise.all(s.tasks)).some(Boolean) ? s.ids : [])),
    );
    const ids = reached.flat();
    if (ids.length === 0) return;
    try {
      await this.search.run(() => this.search.waitFor(this.search.index().deleteDocuments(ids)));
    } catch {
      // Left for the drift check: the documents hold only redacted text of questions never saved.
    }
  }
}

/** Whether a write went through; when the database is away, held rows fall due by themselves. */
async function settle(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch {
    return false;
  }
}
