// All-hands events and the questions asked there, and the 1:1 history an event is matched against.
import { asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { uuidArray } from './arrays.ts';
import {
  allHandsEvents,
  allHandsQuestions,
  type AllHandsEvent,
  type AllHandsQuestion,
  type EventMatching,
  type EventSource,
} from '../schema/events.ts';
import { questions } from '../schema/questions.ts';
import { themes } from '../schema/themes.ts';

export interface NewEvent {
  name: string;
  heldOn: string;
  packId: string | null;
  source: EventSource;
  matching: EventMatching;
  createdBy: string | null;
}

export async function insertEvent(db: Db, input: NewEvent): Promise<AllHandsEvent> {
  const [row] = await db.insert(allHandsEvents).values(input).returning();
  return row!;
}

export interface NewEventQuestion {
  text: string;
  votes: number;
  answered: boolean | null;
  labels: string[];
  themeId: string | null;
  similarity: number;
  anticipated: boolean;
}

/** Every question of an event in one statement, one array parameter per column. */
export async function insertEventQuestions(
  db: Db,
  eventId: string,
  rows: readonly NewEventQuestion[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${allHandsQuestions}
      (id, event_id, text, votes, answered, labels, theme_id, similarity, anticipated)
    select gen_random_uuid(), ${eventId}::uuid, q.text, q.votes,
      nullif(q.answered, '')::boolean, q.labels::jsonb, nullif(q.theme_id, '')::uuid,
      q.similarity, q.anticipated
    from unnest(
      ${sql.param(rows.map((r) => r.text))}::text[],
      ${sql.param(rows.map((r) => String(r.votes)))}::text[]::integer[],
      ${sql.param(rows.map((r) => (r.answered === null ? '' : String(r.answered))))}::text[],
      ${sql.param(rows.map((r) => JSON.stringify(r.labels)))}::text[],
      ${sql.param(rows.map((r) => r.themeId ?? ''))}::text[],
      ${sql.param(rows.map((r) => String(r.similarity)))}::text[]::real[],
      ${sql.param(rows.map((r) => String(r.anticipated)))}::text[]::boolean[])
      as q(text, votes, answered, labels, theme_id, similarity, anticipated)`);
}

export async function findEvent(db: Db, id: string): Promise<AllHandsEvent | undefined> {
  const [row] = await db.select().from(allHandsEvents).where(eq(allHandsEvents.id, id));
  return row;
}

/** Most voted first, then by text: the order says nothing about when or by whom one was asked. */
export function eventQuestions(db: Db, eventId: string): Promise<AllHandsQuestion[]> {
  return db
    .select()
    .from(allHandsQuestions)
    .where(eq(allHandsQuestions.eventId, eventId))
    .orderBy(desc(allHandsQuestions.votes), asc(allHandsQuestions.text), asc(allHandsQuestions.id));
}

export interface EventSummaryRow extends AllHandsEvent {
  questions: number;
  surprises: number;
  votes: number;
  surpriseVotes: number;
}

/** Every event with its counts of questions and votes, and how many of each no theme anticipated. */
export async function listEventsWithCounts(db: Db): Promise<EventSummaryRow[]> {
  const rows = await db
    .select({
      event: allHandsEvents,
      questions: sql<number>`count(${allHandsQuestions.id})::int`,
      surprises: sql<number>`count(${allHandsQuestions.id}) filter (where not ${allHandsQuestions.anticipated})::int`,
      votes: sql<number>`coalesce(sum(${allHandsQuestions.votes}), 0)::int`,
      surpriseVotes: sql<number>`coalesce(sum(${allHandsQuestions.votes}) filter (where not ${allHandsQuestions.anticipated}), 0)::int`,
    })
    .from(allHandsEvents)
    .leftJoin(allHandsQuestions, eq(allHandsQuestions.eventId, allHandsEvents.id))
    .groupBy(allHandsEvents.id)
    .orderBy(desc(allHandsEvents.heldOn), asc(allHandsEvents.id));
  return rows.map(({ event, ...counts }) => ({ ...event, ...counts }));
}

export async function updateEvent(
  db: Db,
  id: string,
  patch: Partial<Pick<AllHandsEvent, 'name' | 'heldOn' | 'packId' | 'matching'>>,
): Promise<AllHandsEvent | undefined> {
  if (Object.keys(patch).length === 0) return findEvent(db, id);
  const [row] = await db
    .update(allHandsEvents)
    .set(patch)
    .where(eq(allHandsEvents.id, id))
    .returning();
  return row;
}

/** New matches for an event's questions (after its day moved), one statement. */
export async function setEventMatches(
  db: Db,
  matches: readonly {
    id: string;
    themeId: string | null;
    similarity: number;
    anticipated: boolean;
  }[],
): Promise<void> {
  if (matches.length === 0) return;
  await db.execute(sql`
    update ${allHandsQuestions}
    set theme_id = nullif(m.theme_id, '')::uuid, similarity = m.similarity, anticipated = m.anticipated
    from unnest(
      ${uuidArray(matches.map((m) => m.id))},
      ${sql.param(matches.map((m) => m.themeId ?? ''))}::text[],
      ${sql.param(matches.map((m) => String(m.similarity)))}::text[]::real[],
      ${sql.param(matches.map((m) => String(m.anticipated)))}::text[]::boolean[])
      as m(id, theme_id, similarity, anticipated)
    where ${allHandsQuestions.id} = m.id`);
}

export async function deleteEvent(db: Db, id: string): Promise<AllHandsEvent | undefined> {
  const [row] = await db.delete(allHandsEvents).where(eq(allHandsEvents.id, id)).returning();
  return row;
}

/**
 * The 1:1 questions up to a week, each with its theme when that theme is live: what an all-hands
 * held that week is matched against. In id order, so the same rows read the same way.
 */
export function oneOnOnesUntil(db: Db, week: string) {
  return db
    .select({
      text: questions.text,
      themeId: sql<
        string | null
      >`case when ${isNull(themes.retiredAt)} then ${questions.themeId} end`,
    })
    .from(questions)
    .leftJoin(themes, eq(themes.id, questions.themeId))
    .where(lte(questions.week, week))
    .orderBy(asc(questions.id));
}
