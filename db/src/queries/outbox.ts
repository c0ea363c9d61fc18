import { count, isNull, min } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { OutboxOperation } from '../constants.ts';
import { searchOutbox } from '../schema/outbox.ts';

/** Call inside the transaction that changed the questions, so index and database never drift. */
export async function enqueueSearchChanges(
  db: Db,
  questionIds: readonly string[],
  operation: OutboxOperation,
): Promise<void> {
  if (questionIds.length === 0) return;
  await db.insert(searchOutbox).values(questionIds.map((questionId) => ({ questionId, operation })));
}

export async function outboxLag(db: Db): Promise<{ pending: number; oldest: Date | null }> {
  const [row] = await db
    .select({ pending: count(), oldest: min(searchOutbox.createdAt) })
    .from(searchOutbox)
    .where(isNull(searchOutbox.processedAt));
  return { pending: row?.pending ?? 0, oldest: row?.oldest ?? null };
}
