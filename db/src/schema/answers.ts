import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { answerStatuses } from '../constants.ts';
import { id } from './columns.ts';
import { questions } from './questions.ts';
import { themes } from './themes.ts';
import { users } from './users.ts';

/**
 * The answer given to a theme or to a single question, and where and when it was given.
 *
 * A person wrote it, so nothing computed removes it: a theme cannot be deleted while an answer
 * refers to it (themes are retired instead). Deleting the question an answer is about is an
 * editor's deliberate act, often to take something out on request, and takes its answer with it.
 */
export const answers = pgTable(
  'answers',
  {
    id: id(),
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'restrict' }),
    questionId: uuid('question_id').references(() => questions.id, { onDelete: 'cascade' }),
    body: text('body').notNull().default(''),
    status: text('status', { enum: answerStatuses }).notNull().default('open'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Where it was answered, e.g. "all-hands". */
    answeredIn: text('answered_in'),
    answeredOn: date('answered_on', { mode: 'string' }),
    /** After this date the answer shows as stale. */
    reviewBy: date('review_by', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('answers_theme_key').on(t.themeId),
    uniqueIndex('answers_question_key').on(t.questionId),
    check('answers_target_check', sql`(${t.themeId} is null) <> (${t.questionId} is null)`),
    check(
      'answers_status_check',
      sql`${t.status} in ('open', 'answered', 'follow-up', 'wont-answer')`,
    ),
  ],
);

export type Answer = typeof answers.$inferSelect;
