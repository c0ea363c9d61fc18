import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Wrong passwords given for an account lately, kept in Postgres so every app process counts the
 * same failures. The key is a SHA-256 digest of the normalised email, whether or not an account
 * has it: the table neither names people nor tells which emails have accounts.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    accountKey: text('account_key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_failures_last_failure_idx').on(t.lastFailureAt)],
);

export type SignInFailures = typeof signInFailures.$inferSelect;
