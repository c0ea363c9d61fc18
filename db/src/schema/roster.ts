import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/** Names and terms that redaction always removes. The only table that may hold people's names. */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: id(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('roster_entries_name_key').on(t.name)],
);

export type RosterEntry = typeof rosterEntries.$inferSelect;
