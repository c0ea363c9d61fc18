import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { outboxOperations } from '../constants.ts';
import { createdAt } from './columns.ts';

/**
 * Changes waiting to reach the search index. Written in the same transaction as the question, so
 * the index can always catch up with Postgres.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    questionId: uuid('question_id').notNull(),
    operation: text('operation', { enum: outboxOperations }).notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    index('search_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.processedAt} is null`),
    check('search_outbox_operation_check', sql`${t.operation} in ('upsert', 'delete')`),
  ],
);

export type OutboxRow = typeof searchOutbox.$inferSelect;
