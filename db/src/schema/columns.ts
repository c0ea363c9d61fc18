import { randomUUID } from 'node:crypto';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Random UUIDv4 primary key: ids must not leak when something was written. */
export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => randomUUID());

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
