import { boolean, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * A recurring theme: questions grouped by what they are about. `label` comes from the clustering;
 * `name` is what a person called it. Pinned themes keep their questions across recomputes.
 */
export const themes = pgTable('themes', {
  id: id(),
  label: text('label').notNull(),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  name: text('name'),
  pinned: boolean('pinned').notNull().default(false),
  centralQuestionId: uuid('central_question_id'),
  createdAt: createdAt(),
});

export type Theme = typeof themes.$inferSelect;
