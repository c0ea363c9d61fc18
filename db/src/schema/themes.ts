import {
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * A recurring theme: questions grouped by what they are about. `label` comes from the clustering
 * and may change with every recompute; `name` is what an editor called it (null: nobody did) and
 * only an editor changes it. Pinned themes keep their questions across recomputes.
 *
 * A theme is never deleted: answers and prep-pack entries refer to it. One that lost all its
 * questions is retired (`retired_at`), and `merged_into` names the theme that took them, by an
 * editor's merge or by a recompute, so what was written for it can follow them there.
 */
export const themes = pgTable(
  'themes',
  {
    id: id(),
    label: text('label').notNull(),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    name: text('name'),
    pinned: boolean('pinned').notNull().default(false),
    centralQuestionId: uuid('central_question_id'),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    mergedInto: uuid('merged_into').references((): AnyPgColumn => themes.id, {
      onDelete: 'restrict',
    }),
  },
  (t) => [index('themes_merged_into_idx').on(t.mergedInto)],
);

export type Theme = typeof themes.$inferSelect;
