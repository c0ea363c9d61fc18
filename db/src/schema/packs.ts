import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { questions } from './questions.ts';
import { themes } from './themes.ts';
import { users } from './users.ts';

/** A prep pack for an upcoming all-hands: an ordered list of themes and questions with drafts. */
export const prepPacks = pgTable('prep_packs', {
  id: id(),
  name: text('name').notNull(),
  eventOn: date('event_on', { mode: 'string' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * One entry of a pack. An entry for a theme outlives whatever a recompute or a merge does to the
 * theme (themes are retired, never deleted, while an entry refers to one); an entry for a question
 * goes when an editor deletes the question, and every entry goes with its pack.
 */
export const prepPackItems = pgTable(
  'prep_pack_items',
  {
    id: id(),
    packId: uuid('pack_id')
      .notNull()
      .references(() => prepPacks.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'restrict' }),
    questionId: uuid('question_id').references(() => questions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    draftAnswer: text('draft_answer').notNull().default(''),
  },
  (t) => [
    index('prep_pack_items_pack_idx').on(t.packId),
    check('prep_pack_items_target_check', sql`(${t.themeId} is null) <> (${t.questionId} is null)`),
  ],
);

export type PrepPack = typeof prepPacks.$inferSelect;
export type PrepPackItem = typeof prepPackItems.$inferSelect;
