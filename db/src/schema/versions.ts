import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { dataVersionNames } from '../constants.ts';

/**
 * Counters that move on whenever some data changes, so a process may keep what it derived from
 * that data in memory for as long as the counter it read stays the same: `week_counts` with every
 * rebuild of the summary, `group_names` with every write to themes or categories, `roster` with
 * every write to the roster (these two by triggers), `themes` with every change to which themes
 * are live and what they hold, beyond a capture joining one (by the themes service).
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name', { enum: dataVersionNames }).primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
