import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  exists,
  gt,
  gte,
  lte,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dateArray, inUuids, uuidArray } from './arrays.ts';
import type { CategoryAxis, QuestionStatus } from '../constants.ts';
import { categories } from '../schema/categories.ts';
import { meetings, type Meeting } from '../schema/meetings.ts';
import { searchOutbox } from '../schema/outbox.ts';
import { questionCategories, questions, type Question } from '../schema/questions.ts';

export interface QuestionCategory {
  slug: string;
  name: string;
  colour: string;
  axis: CategoryAxis;
}

export type QuestionWithCategories = Question & { categories: QuestionCategory[] };

export interface QuestionFilter {
  category?: string;
  status?: QuestionStatus;
  /** Inclusive bounds on the week, as YYYY-MM-DD. */
  from?: string;
  to?: string;
  themeId?: string;
}

export async function insertMeeting(db: Db, week: string): Promise<Meeting> {
  const [row] = await db.insert(meetings).values({ week }).returning();
  return row!;
}

export async function insertQuestions(
  db: Db,
  rows: readonly {
    id?: string;
    meetingId: string;
    text: string;
    week: string;
    themeId?: string | null;
  }[],
): Promise<Question[]> {
  if (rows.length === 0) return [];
  return db
    .insert(questions)
    .values([...rows])
    .returning();
}

/**
 * Many new questions at once, with their ids chosen by the caller: each column goes as one array
 * parameter (unnest), so a chunk of ten thousand rows sends a handful of parameters, not fifty
 * thousand. Returns nothing: the caller has every value already.
 */
export async function insertQuestionsInBulk(
  db: Db,
  rows: readonly { id: string; meetingId: string; text: string; week: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${questions} (id, meeting_id, text, week)
    select * from unnest(
      ${uuidArray(rows.map((r) => r.id))},
      ${uuidArray(rows.map((r) => r.meetingId))},
      ${sql.param(rows.map((r) => r.text))}::text[],
      ${dateArray(rows.map((r) => r.week))})`);
}

/**
 * A new meeting with its questions, their category links and their search outbox rows, in one
 * statement of a few array parameters: what a capture writes costs one statement, not four. The
 * foreign keys are checked once the whole statement ran. Returns the questions as stored.
 */
export async function insertMeetingWithQuestions(
  db: Db,
  meeting: Meeting,
  rows: readonly {
    id: string;
    text: string;
    themeId: string | null;
    categoryIds: readonly string[];
  }[],
): Promise<Question[]> {
  const links = rows.flatMap((r) => r.categoryIds.map((categoryId) => ({ id: r.id, categoryId })));
  await db.execute(sql`
    with meeting as (
      insert into ${meetings} (id, week) values (${meeting.id}::uuid, ${meeting.week}::date)
    ), added as (
      insert into ${questions} (id, meeting_id, text, week, theme_id)
      select id, ${meeting.id}::uuid, text, ${meeting.week}::date, theme_id
      from unnest(
        ${uuidArray(rows.map((r) => r.id))},
        ${sql.param(rows.map((r) => r.text))}::text[],
        ${sql.param(rows.map((r) => r.themeId))}::text[]::uuid[]) as q(id, text, theme_id)
      returning id
    ), linked as (
      insert into ${questionCategories} (question_id, category_id)
      select * from unnest(
        ${uuidArray(links.map((l) => l.id))},
        ${uuidArray(links.map((l) => l.categoryId))})
      on conflict do nothing
    )
    insert into ${searchOutbox} (question_id, operation)
    select id, 'upsert' from added`);
  return rows.map((r) => ({
    id: r.id,
    meetingId: meeting.id,
    text: r.text,
    week: meeting.week,
    status: 'open' as const,
    themeId: r.themeId,
  }));
}

/**
 * Many category links of new questions at once, the same way. Each link must be new (a new
 * question, each category once): a conflict fails the statement rather than being looked for on
 * every row, which cost a tenth of the insert.
 */
export async function linkQuestionCategoriesInBulk(
  db: Db,
  links: readonly { questionId: string; categoryId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await db.execute(sql`
    insert into ${questionCategories} (question_id, category_id)
    select * from unnest(
      ${uuidArray(links.map((l) => l.questionId))},
      ${uuidArray(links.map((l) => l.categoryId))})`);
}

/** Many new meetings at once, with their ids chosen by the caller. */
export async function insertMeetingsInBulk(
  db: Db,
  rows: readonly { id: string; week: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${meetings} (id, week)
    select * from unnest(
      ${uuidArray(rows.map((r) => r.id))},
      ${dateArray(rows.map((r) => r.week))})`);
}

export async function linkQuestionCategories(
  db: Db,
  links: readonly { questionId: string; categoryId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insert(questionCategories)
    .values([...links])
    .onConflictDoNothing();
}

export async function replaceQuestionCategories(
  db: Db,
  questionId: string,
  categoryIds: readonly string[],
): Promise<void> {
  await db.delete(questionCategories).where(eq(questionCategories.questionId, questionId));
  await linkQuestionCategories(
    db,
    categoryIds.map((categoryId) => ({ questionId, categoryId })),
  );
}

/** Loads the categories of many questions in one query. */
export async function attachCategories(
  db: Db,
  rows: readonly Question[],
): Promise<QuestionWithCategories[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({
      questionId: questionCategories.questionId,
      slug: categories.slug,
      name: categories.name,
      colour: categories.colour,
      axis: categories.axis,
    })
    .from(questionCategories)
    .innerJoin(categories, eq(categories.id, questionCategories.categoryId))
    .where(
      inUuids(
        questionCategories.questionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(categories.axis), asc(categories.position));
  const byQuestion = new Map<string, QuestionCategory[]>();
  for (const { questionId, ...category } of links) {
    const list = byQuestion.get(questionId) ?? [];
    list.push(category);
    byQuestion.set(questionId, list);
  }
  return rows.map((row) => ({ ...row, categories: byQuestion.get(row.id) ?? [] }));
}

function filterConditions(db: Db, filter: QuestionFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(questions.status, filter.status));
  if (filter.from) conditions.push(gte(questions.week, filter.from));
  if (filter.to) conditions.push(lte(questions.week, filter.to));
  if (filter.themeId) conditions.push(eq(questions.themeId, filter.themeId));
  if (filter.category) {
    // A correlated subquery keeps one row per question however many categories it has.
    const tagged = db
      .select({ questionId: questionCategories.questionId })
      .from(questionCategories)
      .innerJoin(categories, eq(categories.id, questionCategories.categoryId))
      .where(
        and(eq(questionCategories.questionId, questions.id), eq(categories.slug, filter.category)),
      );
    conditions.push(exists(tagged));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export interface QuestionPage {
  offset: number;
  limit: number;
  /**
   * The first days of the periods readers see, oldest first: the newest period comes first, and
   * within one the order is by id, which says nothing about when or with whom a question was asked.
   * Without them, the newest week comes first.
   */
  periodStarts?: readonly string[];
}

export async function listQuestions(
  db: Db,
  filter: QuestionFilter,
  page: QuestionPage,
): Promise<{ items: QuestionWithCategories[]; total: number; meetings: number }> {
  const where = filterConditions(db, filter);
  const newestFirst =
    page.periodStarts && page.periodStarts.length > 0
      ? // The cast to dates in a subquery of its own, run once: inline, it is parsed again for
        // every row (a date's input is not immutable, so the planner cannot fold it).
        desc(sql`width_bucket(${questions.week}, (select ${dateArray(page.periodStarts)}))`)
      : desc(questions.week);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select()
      .from(questions)
      .where(where)
      .orderBy(newestFirst, asc(questions.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count(), meetings: countDistinct(questions.meetingId) })
      .from(questions)
      .where(where),
  ]);
  return {
    items: await attachCategories(db, rows),
    total: totalRow?.total ?? 0,
    meetings: totalRow?.meetings ?? 0,
  };
}

/** How many questions there are. */
export async function countQuestions(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(questions);
  return row?.n ?? 0;
}

export async function findQuestion(
  db: Db,
  id: string,
): Promise<QuestionWithCategories | undefined> {
  const [row] = await db.select().from(questions).where(eq(questions.id, id));
  if (!row) return undefined;
  const [withCategories] = await attachCategories(db, [row]);
  return withCategories;
}

export async function updateQuestion(
  db: Db,
  id: string,
  patch: Partial<Pick<Question, 'text' | 'status'>>,
): Promise<Question | undefined> {
  if (Object.keys(patch).length === 0) {
    const [row] = await db.select().from(questions).where(eq(questions.id, id));
    return row;
  }
  const [row] = await db.update(questions).set(patch).where(eq(questions.id, id)).returning();
  return row;
}

export async function deleteQuestion(db: Db, id: string): Promise<Question | undefined> {
  const [row] = await db.delete(questions).where(eq(questions.id, id)).returning();
  return row;
}

/** Removes meetings left without questions, so no empty shell of a meeting remains. */
export async function deleteMeetingIfEmpty(db: Db, meetingId: string): Promise<void> {
  const [row] = await db
    .select({ n: count() })
    .from(questions)
    .where(eq(questions.meetingId, meetingId));
  if ((row?.n ?? 0) === 0) await db.delete(meetings).where(eq(meetings.id, meetingId));
}

/** Marks the open ones among these questions answered; archived ones stay archived. */
export async function markQuestionsAnswered(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(questions)
    .set({ status: 'answered' })
    .where(and(inUuids(questions.id, ids), eq(questions.status, 'open')));
}

/** Questions by id with their categories; ids that no longer exist are simply absent. */
export async function findQuestionsByIds(
  db: Db,
  ids: readonly string[],
): Promise<QuestionWithCategories[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(questions).where(inUuids(questions.id, ids));
  return attachCategories(db, rows);
}

/** One page of all questions in id order, for walking the whole table without OFFSET. */
export async function questionsAfter(
  db: Db,
  afterId: string | null,
  limit: number,
): Promise<QuestionWithCategories[]> {
  const rows = await db
    .select()
    .from(questions)
    .where(afterId ? gt(questions.id, afterId) : undefined)
    .orderBy(asc(questions.id))
    .limit(limit);
  return attachCategories(db, rows);
}
