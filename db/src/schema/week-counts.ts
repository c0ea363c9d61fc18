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
import { summaryVersionNames, weekCountScopes } from '../constants.ts';

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
 * Versions of what summary readers may keep in memory: `week_counts` moves on with every rebuild,
 * `group_names` with every write to themes or categories (a trigger). A process keeps what it read
 * for as long as the versions it read it at are current.
 */
export const summaryVersions = pgTable('summary_versions', {
  name: text('name', { enum: summaryVersionNames }).primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
