import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/** Facts about the installation itself, such as whether the demo data was ever loaded. */
export const installationSettings = pgTable('installation_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});
