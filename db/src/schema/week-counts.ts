import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { weekCountScopes } from '../constants.ts';

/**
 * Questions and distinct meetings per week: overall (`scope = 'all'`, the nil group), per category
 * and per theme. A derived summary that dashboards read instead of scanning every question; a
 * meeting sits in one week, so summing weeks into months stays exact for meetings too.
 *
 * Triggers on `questions` and `question_categories` mark the weeks a write touched in
 * `stale_weeks`; readers rebuild those weeks from the questions before reading.
 */
export const weekCounts = pgTable(
  'week_counts',
  {
    scope: text('scope', { enum: weekCountScopes }).notNull(),
    groupId: uuid('group_id').notNull(),
    week: date('week', { mode: 'string' }).notNull(),
    questions: integer('questions').notNull(),
    meetings: integer('meetings').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.groupId, t.week] }),
    index('week_counts_week_idx').on(t.week),
    check('week_counts_scope_check', sql`${t.scope} in ('all', 'category', 'theme')`),
  ],
);

/**
 * Weeks whose rows in `week_counts` may no longer match the questions. An append-only log with no
 * key, so writers never wait on each other to mark a week; readers take every row at once.
 */
export const staleWeeks = pgTable('stale_weeks', {
  week: date('week', { mode: 'string' }).notNull(),
});

/**
 * The version of `week_counts` at which each week was last rebuilt: a process that holds the
 * summary in memory at an older version reads back only the weeks rebuilt since, including weeks
 * left with no rows at all. One row a week, rewritten in place.
 */
export const summaryWeeks = pgTable(
  'summary_weeks',
  {
    week: date('week', { mode: 'string' }).primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('summary_weeks_version_idx').on(t.version)],
);
