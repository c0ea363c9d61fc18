// Documents sent to the engine while the transaction writing their questions is still open, so a
// large import is searchable moments after it commits instead of one whole outbox drain later.
//
// The outbox stays the source of truth: the questions' rows are written held (due only after a
// while), and are marked done once the engine took the documents, or released to the worker when
// it did not. Nothing here waits on the engine inside the transaction: a hung engine costs the
// import nothing, and the worker sends those questions later.
import { markOutboxProcessed, queuedAgainSince, releaseOutboxRows, type Db } from '@kb/db';
import { MeilisearchApiError, type EnqueuedTask } from 'meilisearch';
import { chunkBySize } from './sync.ts';
import type { QuestionDocument } from './documents.ts';
import { within } from './fallback.ts';
import type { SearchService } from './service.ts';

/** Long enough for the engine to index an import; should this process die, the worker takes over then. */
export const SEND_AHEAD_HOLD_SECONDS = 600;

interface Sent {
  ids: string[];
  outboxIds: number[];
  /** Settles once the engine enqueued the documents, or could not be reached. */
  enqueued: Promise<EnqueuedTask | null>;
  /** Whether the engine had enqueued them before the transaction ended. */
  beforeCommit: boolean;
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
      return new SendAhead(search, options.maxTaskBytes ?? 16 * 1024 * 1024);
    } catch {
      return null;
    }
  }

  /** Sends documents whose held outbox rows are `outboxIds`; returns at once. */
  send(documents: readonly QuestionDocument[], outboxIds: readonly number[]): void {
    if (this.ended) throw new Error('SendAhead: the transaction has ended');
    if (documents.length === 0) return;
    const index = this.search.index();
    for (const [i, chunk] of chunkBySize(documents, this.maxTaskBytes).entries()) {
      const sent: Sent = {
        ids: chunk.map((d) => d.id),
        // Every row goes with the first task of the call: all of it must arrive for them to count.
        outboxIds: i === 0 ? [...outboxIds] : [],
        enqueued: this.search
          .run(() => index.addDocuments(chunk, { primaryKey: 'id' }))
          .then(
            (task) => {
              sent.beforeCommit = !this.ended;
              return task;
            },
            () => null,
          ),
        beforeCommit: false,
      };
      this.sent.push(sent);
    }
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
    const timeout = options.timeoutMs ?? 120_000;
    const done: number[] = [];
    const release: number[] = [];
    // Rows go with their call's first task; the call counts only when all its tasks succeeded.
    let group: { rows: number[]; ok: boolean } | null = null;
    const groups: { rows: number[]; ok: boolean }[] = [];
    for (const sent of this.sent) {
      if (sent.outboxIds.length > 0 || !group) {
        group = { rows: sent.outboxIds, ok: true };
        groups.push(group);
      }
      const task = await sent.enqueued;
      if (!task || !(sent.beforeCommit || (await this.firstInLine(db, sent)))) {
        group.ok = false;
        continue;
      }
      try {
        const finished = await this.search.client.tasks.waitForTask(task, {
          timeout,
          interval: 50,
        });
        if (finished.status !== 'succeeded') group.ok = false;
      } catch {
        group.ok = false;
      }
    }
    for (const g of groups) (g.ok ? done : release).push(...g.rows);
    try {
      await markOutboxProcessed(db, done, new Date());
      await releaseOutboxRows(db, release);
    } catch {
      // The database is away: held rows fall due by themselves, and the worker sends them.
    }
    return done.length;
  }

  /**
   * Whether documents the engine enqueued after the commit are still the latest word on their
   * questions: asked once enqueued, so a change queued after this answer is sent after them.
   */
  private async firstInLine(db: Db, sent: Sent): Promise<boolean> {
    const last = Math.max(0, ...this.sent.flatMap((s) => s.outboxIds));
    try {
      return !(await queuedAgainSince(db, sent.ids, last));
    } catch {
      return false;
    }
  }

  /**
   * After a rollback: the questions do not exist, so what reached the engine is taken out again,
   * once every send has settled (the delete is enqueued after them). Never throws.
   */
  async rolledBack(): Promise<void> {
    this.ended = true;
    const tasks = await Promise.all(this.sent.map((s) => s.enqueued));
    const ids = this.sent.filter((_, i) => tasks[i]).flatMap((s) => s.ids);
    if (ids.length === 0) return;
    try {
      await this.search.run(() => this.search.waitFor(this.search.index().deleteDocuments(ids)));
    } catch {
      // Left for the drift check: the documents hold only redacted text of questions never saved.
    }
  }
}
