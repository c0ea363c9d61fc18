import { and, asc, count, gt, isNull, lte, min, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import { inBigints, uuidArray } from './arrays.ts';
import type { OutboxOperation } from '../constants.ts';
import { searchOutbox, type OutboxRow } from '../schema/outbox.ts';
import { questions } from '../schema/questions.ts';
import { installationSettings } from '../schema/settings.ts';

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

/**
 * Rows for questions whose documents the caller sends to the engine itself: they fall due only
 * after `holdSeconds`, so the worker does not send the same documents again meanwhile, and still
 * does should the caller never say they arrived (it died, or the engine refused them).
 * Returns the rows' ids, for `markOutboxProcessed` or `releaseOutboxRows`.
 */
export async function enqueueHeldSearchChanges(
  db: Db,
  questionIds: readonly string[],
  holdSeconds: number,
): Promise<number[]> {
  if (questionIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into ${searchOutbox} (question_id, operation, next_attempt_at)
        select id, 'upsert', now() + make_interval(secs => ${holdSeconds})
        from unnest(${uuidArray(questionIds)}) as id
        returning id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Held rows due now after all: the worker sends their questions' current state. */
export async function releaseOutboxRows(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(searchOutbox)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(inBigints(searchOutbox.id, ids), isNull(searchOutbox.processedAt)));
}

/** Whether any of these questions was queued again after outbox row `afterId`. */
export async function queuedAgainSince(
  db: Db,
  questionIds: readonly string[],
  afterId: number,
): Promise<boolean> {
  if (questionIds.length === 0) return false;
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from ${searchOutbox}
        where ${searchOutbox.id} > ${afterId}
          and ${searchOutbox.questionId} = any(${uuidArray(questionIds)})
        limit 1`,
  );
  return rows.length > 0;
}

/**
 * Queues every question of the themes among `themeIds` whose distinct meetings now number one of
 * `meetingCounts`: the counts at which a theme's search documents change. One statement.
 */
export async function enqueueThemesAtMeetingCounts(
  db: Db,
  themeIds: readonly string[],
  meetingCounts: readonly number[],
): Promise<void> {
  if (themeIds.length === 0) return;
  await db.execute(sql`
    insert into ${searchOutbox} (question_id, operation)
    select q.id, 'upsert' from ${questions} q
    where q.theme_id in (
      select theme_id from ${questions}
      where theme_id = any(${uuidArray(themeIds)})
      group by theme_id
      having count(distinct meeting_id) = any(${sql.param(meetingCounts.map(String))}::text[]::int[]))`);
}

const DRAIN_LEASE = 'search-drain-lease';

/**
 * Makes `holder` the only worker draining the outbox for the next `seconds`, or returns false while
 * another process holds it. Two workers could otherwise read two states of one question and have
 * the engine apply them in the wrong order. A lease, not a lock: nothing is held open while the
 * engine is called, and a worker that died loses it when it runs out.
 */
export async function takeDrainLease(db: Db, holder: string, seconds: number): Promise<boolean> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`insert into ${installationSettings} (key, value)
        values (${DRAIN_LEASE}, jsonb_build_object('holder', ${holder}::text,
                'until', now() + make_interval(secs => ${seconds})))
        on conflict (key) do update set value = excluded.value
        where (${installationSettings.value} ->> 'until')::timestamptz < now()
           or ${installationSettings.value} ->> 'holder' = ${holder}::text
        returning key`,
  );
  return rows.length > 0;
}

/** Lets another process's worker take over at once. */
export async function releaseDrainLease(db: Db, holder: string): Promise<void> {
  await db.execute(sql`
    delete from ${installationSettings}
    where key = ${DRAIN_LEASE} and ${installationSettings.value} ->> 'holder' = ${holder}::text`);
}

/** The oldest due rows; only the lease holder reads them, so no row lock is needed. */
export function dueOutboxRows(db: Db, limit: number, now: Date): Promise<OutboxRow[]> {
  return db
    .select()
    .from(searchOutbox)
    .where(and(isNull(searchOutbox.processedAt), lte(searchOutbox.nextAttemptAt, now)))
    .orderBy(asc(searchOutbox.id))
    .limit(limit);
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
  // bigint: an outbox that outlives two billion changes must not overflow here (read as a string).
  const [row] = await db
    .select({ id: sql<string>`coalesce(max(${searchOutbox.id}), 0)::bigint` })
    .from(searchOutbox);
  return Number(row?.id ?? 0);
}

/** Forgets rows that reached the index before `before`: they are history, nothing replays them. */
export async function deleteProcessedOutboxRows(db: Db, before: Date): Promise<number> {
  const [row] = await queryRows<{ deleted: string }>(
    db,
    sql`with gone as (
          delete from ${searchOutbox} where ${searchOutbox.processedAt} <= ${before.toISOString()}::timestamptz returning 1)
        select count(*) as deleted from gone`,
  );
  return Number(row?.deleted ?? 0);
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
