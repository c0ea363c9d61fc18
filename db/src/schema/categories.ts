import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { categoryAxes } from '../constants.ts';
import { id } from './columns.ts';

export const categories = pgTable(
  'categories',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    colour: text('colour').notNull(),
    axis: text('axis', { enum: categoryAxes }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    check('categories_axis_check', sql`${t.axis} in ('tone', 'topic')`),
    check('categories_colour_check', sql`${t.colour} ~ '^#[0-9a-f]{6}$'`),
  ],
);

export type Category = typeof categories.$inferSelect;
