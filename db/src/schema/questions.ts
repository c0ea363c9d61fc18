import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { questionStatuses } from '../constants.ts';
import { categories } from './categories.ts';
import { id } from './columns.ts';
import { meetings } from './meetings.ts';
import { themes } from './themes.ts';

/** A question as stored: always the redacted text, dated to the week of its meeting. */
export const questions = pgTable(
  'questions',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    week: date('week', { mode: 'string' }).notNull(),
    status: text('status', { enum: questionStatuses }).notNull().default('open'),
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('questions_week_idx').on(t.week),
    index('questions_meeting_idx').on(t.meetingId),
    index('questions_theme_idx').on(t.themeId),
    check('questions_status_check', sql`${t.status} in ('open', 'answered', 'archived')`),
  ],
);

export const questionCategories = pgTable(
  'question_categories',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.categoryId] }),
    index('question_categories_category_idx').on(t.categoryId),
  ],
);

export type Question = typeof questions.$inferSelect;
