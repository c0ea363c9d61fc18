import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { prepPacks } from './packs.ts';
import { themes } from './themes.ts';
import { users } from './users.ts';

/** What an all-hands Q&A was imported from. */
export const eventSources = ['csv', 'xlsx', 'text'] as const;
export type EventSource = (typeof eventSources)[number];

/**
 * How the event's questions were matched to the 1:1 themes: the threshold and the 1:1
 * distributions it was chosen on (see api/src/domain/allhands/anticipation.ts).
 */
export interface EventMatching {
  threshold: number;
  /** 1:1 questions up to the event's week that the matching read, and their live themes. */
  oneOnOnes: number;
  themes: number;
  /** 1:1 questions the threshold was chosen on. */
  calibrationQuestions: number;
  ownMedian: number;
  otherMedian: number;
  ownAbove: number;
  otherAbove: number;
}

/**
 * An all-hands: its name (redacted like every text a person types), its day, and the prep pack it
 * was prepared with, if any. Deleting the pack leaves the event; deleting the event takes its
 * questions.
 */
export const allHandsEvents = pgTable('all_hands_events', {
  id: id(),
  name: text('name').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  packId: uuid('pack_id').references(() => prepPacks.id, { onDelete: 'set null' }),
  source: text('source', { enum: eventSources }).notNull(),
  matching: jsonb('matching').$type<EventMatching>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * A question asked at an all-hands, as stored: the redacted text, its votes and labels, whether
 * it was answered there, and the 1:1 theme nearest to it when it was matched. No author, email or
 * name from the file, and no time finer than the event's day: those columns are dropped on import.
 */
export const allHandsQuestions = pgTable(
  'all_hands_questions',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => allHandsEvents.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    votes: integer('votes').notNull().default(0),
    /** Null when the file did not say. */
    answered: boolean('answered'),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    /** A theme is never deleted; a retired one is followed to where its questions went. */
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'set null' }),
    similarity: real('similarity').notNull(),
    anticipated: boolean('anticipated').notNull(),
  },
  (t) => [
    index('all_hands_questions_event_idx').on(t.eventId),
    check('all_hands_questions_votes_check', sql`${t.votes} >= 0`),
  ],
);

export type AllHandsEvent = typeof allHandsEvents.$inferSelect;
export type AllHandsQuestion = typeof allHandsQuestions.$inferSelect;
