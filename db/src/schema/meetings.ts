import { date, pgTable } from 'drizzle-orm/pg-core';
import { id } from './columns.ts';

/**
 * A 1:1 meeting, reduced to the week it was held. It deliberately has no participant, no exact date
 * and no creation time: nothing here may point back at who asked.
 */
export const meetings = pgTable('meetings', {
  id: id(),
  week: date('week', { mode: 'string' }).notNull(),
});

export type Meeting = typeof meetings.$inferSelect;
