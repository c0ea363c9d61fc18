import { and, asc, count, gt, isNull, lte, min, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import { inBigints, uuidArray } from './arrays.ts';
import type { OutboxOperation } from '../constants.ts';
import { searchOutbox, type OutboxRow } from '../schema/outbox.ts';

/** Call inside the transaction that changed the questions, so index and database never drift. */
export async function enqueueSearchChanges(
  db: Db,
  questionIds: readonly string[],
  operation: OutboxOperation,
): Promise<void> {
  if (questionIds.length === 0) return;
  await db
    .insert(searchOutbox)
    .values(questionIds.map((questionId) => ({ questionId, operation })));
}

/** The same for many questions at once: one statement with one array parameter. */
export async function enqueueSearchChangesInBulk(
  db: Db,
  questionIds: readonly string[],
  operation: OutboxOperation,
): Promise<void> {
  if (questionIds.length === 0) return;
  await db.execute(sql`
    insert into ${searchOutbox} (question_id, operation)
    select id, ${operation} from unnest(${uuidArray(questionIds)}) as id`);
}

// Any constant shared by every process, apart from the theme recompute's.
const DRAIN_LOCK = 7_301_922;

/**
 * Makes this transaction the only one draining the outbox, or returns false when another process's
 * worker is at it. Two workers could otherwise read two states of one question and have the engine
 * apply them in the wrong order, leaving the older one in the index.
 */
export async function tryToDrainAlone(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    db,
    sql`select pg_try_advisory_xact_lock(${DRAIN_LOCK}) as locked`,
  );
  return row?.locked === true;
}

/**
 * Locks the oldest due rows for this worker. SKIP LOCKED lets several processes drain the same
 * outbox without taking the same rows; run it inside the transaction that will mark them.
 */
export function claimOutboxBatch(db: Db, limit: number, now: Date): Promise<OutboxRow[]> {
  return db
    .select()
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.processedAt), lte(searchOutbox.nextAttemptAt, now)))
    .orderBy(asc(searchOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markOutboxProcessed(
  db: Db,
  ids: readonly number[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(searchOutbox)
    .set({ processedAt: now, lastError: null })
    .where(inBigints(searchOutbox.id, ids));
}

/** Records a failed attempt; the row is tried again after `retryAt`. */
export async function markOutboxFailed(
  db: Db,
  ids: readonly number[],
  error: string,
  retryAt: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(searchOutbox)
    .set({
      attempts: sql`${searchOutbox.attempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt: retryAt,
    })
    .where(inBigints(searchOutbox.id, ids));
}

/** Question ids changed after a given outbox row: what a reindex must replay. */
export async function questionIdsChangedSince(db: Db, afterId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ questionId: searchOutbox.questionId })
    .from(searchOutbox)
    .where(gt(searchOutbox.id, afterId));
  return rows.map((r) => r.questionId);
}

export async function lastOutboxId(db: Db): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${searchOutbox.id}), 0)::int` })
    .from(searchOutbox);
  return Number(row?.id ?? 0);
}

export async function outboxLag(
  db: Db,
): Promise<{ pending: number; failing: number; oldest: Date | null }> {
  const [row] = await db
    .select({
      pending: count(),
      failing: sql<number>`count(*) filter (where ${searchOutbox.attempts} > 0)::int`,
      oldest: min(searchOutbox.createdAt),
    })
    .from(searchOutbox)
    .where(isNull(searchOutbox.processedAt));
  return {
    pending: row?.pending ?? 0,
    failing: Number(row?.failing ?? 0),
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}
