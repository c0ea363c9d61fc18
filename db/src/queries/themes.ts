import { and, asc, count, countDistinct, eq, isNull, max, min, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import { inUuids, uuidArray } from './arrays.ts';
import { answers } from '../schema/answers.ts';
import { prepPackItems } from '../schema/packs.ts';
import { questions } from '../schema/questions.ts';
import { themes, type Theme } from '../schema/themes.ts';

export interface ThemeWithStats extends Theme {
  questionCount: number;
  meetingCount: number;
  firstWeek: string | null;
  lastWeek: string | null;
}

const stats = {
  questionCount: count(questions.id),
  meetingCount: countDistinct(questions.meetingId),
  firstWeek: min(questions.week),
  lastWeek: max(questions.week),
};

// Any constant shared by every process, the same in each.
const THEMES_LOCK = 7_301_921;

/**
 * Holds the themes still until the transaction ends: what a recompute or a curation takes before
 * it moves questions between themes or retires one. Captures placing questions wait meanwhile.
 */
export async function holdThemesForChange(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${THEMES_LOCK})`);
}

/**
 * Shared with other placements, not with a change: a capture that holds it places its questions in
 * themes that stay live until it commits. Read the themes' version after it, in another statement,
 * so the version is not older than the lock.
 */
export async function holdThemesForPlacement(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${THEMES_LOCK})`);
}

/** Every theme, retired ones too, without counts: those come from the weekly summary. */
export async function listThemes(db: Db): Promise<Theme[]> {
  return db.select().from(themes);
}

/** A theme with its counts, retired or not. */
export async function findTheme(db: Db, id: string): Promise<ThemeWithStats | undefined> {
  const [row] = await db
    .select({ theme: themes, ...stats })
    .from(themes)
    .leftJoin(questions, eq(questions.themeId, themes.id))
    .where(eq(themes.id, id))
    .groupBy(themes.id);
  return row
    ? {
        ...row.theme,
        ...{
          questionCount: row.questionCount,
          meetingCount: row.meetingCount,
          firstWeek: row.firstWeek,
          lastWeek: row.lastWeek,
        },
      }
    : undefined;
}

export async function insertTheme(
  db: Db,
  input: {
    label: string;
    keywords: string[];
    centralQuestionId: string | null;
    name?: string | null;
    pinned?: boolean;
  },
): Promise<Theme> {
  const [row] = await db.insert(themes).values(input).returning();
  return row!;
}

export interface ThemeDescriptionRow {
  id: string;
  label: string;
  keywords: string[];
  centralQuestionId: string;
}

/** Many themes at once, with ids chosen by the caller: one statement, one array per column. */
export async function insertThemesInBulk(
  db: Db,
  rows: readonly ThemeDescriptionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${themes} (id, label, keywords, central_question_id)
    select id, label, keywords::jsonb, central from unnest(
      ${uuidArray(rows.map((r) => r.id))},
      ${sql.param(rows.map((r) => r.label))}::text[],
      ${sql.param(rows.map((r) => JSON.stringify(r.keywords)))}::text[],
      ${uuidArray(rows.map((r) => r.centralQuestionId))}) as t(id, label, keywords, central)`);
}

/** New computed labels, key phrases and central questions for many themes; names stay. */
export async function describeThemesInBulk(
  db: Db,
  rows: readonly ThemeDescriptionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update ${themes} set label = d.label, keywords = d.keywords::jsonb,
      central_question_id = d.central
    from unnest(
      ${uuidArray(rows.map((r) => r.id))},
      ${sql.param(rows.map((r) => r.label))}::text[],
      ${sql.param(rows.map((r) => JSON.stringify(r.keywords)))}::text[],
      ${uuidArray(rows.map((r) => r.centralQuestionId))}) as d(id, label, keywords, central)
    where ${themes.id} = d.id`);
}

/** Puts each question in its theme: one statement for any number of questions. */
export async function setQuestionThemes(
  db: Db,
  placements: readonly { questionId: string; themeId: string }[],
): Promise<void> {
  if (placements.length === 0) return;
  await db.execute(sql`
    update ${questions} set theme_id = p.theme_id
    from unnest(
      ${uuidArray(placements.map((p) => p.questionId))},
      ${uuidArray(placements.map((p) => p.themeId))}) as p(question_id, theme_id)
    where ${questions.id} = p.question_id`);
}

export async function updateTheme(
  db: Db,
  id: string,
  patch: Partial<Pick<Theme, 'name' | 'pinned' | 'label' | 'keywords' | 'centralQuestionId'>>,
): Promise<Theme | undefined> {
  const [row] = await db.update(themes).set(patch).where(eq(themes.id, id)).returning();
  return row;
}

/**
 * Retires each listed theme that holds no question any more, pointing it at the theme that took
 * its questions (`mergedInto`, or null when none did); one that still holds a question, say one
 * captured meanwhile, stays live. Returns the ids retired.
 */
export async function retireEmptyThemes(
  db: Db,
  retirements: readonly { id: string; mergedInto: string | null }[],
): Promise<string[]> {
  if (retirements.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
      update ${themes} set retired_at = now(), merged_into = nullif(r.merged_into, '')::uuid
      from unnest(
        ${uuidArray(retirements.map((r) => r.id))},
        ${sql.param(retirements.map((r) => r.mergedInto ?? ''))}::text[]) as r(id, merged_into)
      where ${themes.id} = r.id and ${themes.retiredAt} is null
        and not exists (select 1 from ${questions} where ${questions.themeId} = r.id)
      returning ${themes.id} as id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Live themes that a recompute may regroup (not pinned): their description, whether people worked
 * on them (an editor named, answered or packed them), and their age.
 */
export function recomputableThemes(db: Db) {
  return db
    .select({
      id: themes.id,
      label: themes.label,
      keywords: themes.keywords,
      centralQuestionId: themes.centralQuestionId,
      curated: sql<boolean>`(${themes.name} is not null
        or exists (select 1 from ${answers} where ${answers.themeId} = ${themes.id})
        or exists (select 1 from ${prepPackItems} where ${prepPackItems.themeId} = ${themes.id}))`,
      createdAt: themes.createdAt,
    })
    .from(themes)
    .where(and(eq(themes.pinned, false), isNull(themes.retiredAt)))
    .orderBy(asc(themes.createdAt), asc(themes.id));
}

export type RecomputableTheme = Awaited<ReturnType<typeof recomputableThemes>>[number];

/** Live pinned themes, in id order. */
export async function pinnedThemeIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.pinned, true), isNull(themes.retiredAt)))
    .orderBy(asc(themes.id));
  return rows.map((r) => r.id);
}

export async function assignQuestionsToTheme(
  db: Db,
  themeId: string | null,
  questionIds: readonly string[],
): Promise<void> {
  if (questionIds.length === 0) return;
  await db.update(questions).set({ themeId }).where(inUuids(questions.id, questionIds));
}

/** Moves every question of one theme to another; returns the ids moved. */
export async function moveThemeQuestions(db: Db, fromId: string, toId: string): Promise<string[]> {
  const rows = await db
    .update(questions)
    .set({ themeId: toId })
    .where(eq(questions.themeId, fromId))
    .returning({ id: questions.id });
  return rows.map((r) => r.id);
}

/**
 * Every question's text, meeting and theme, with whether that theme is live and pinned: the input
 * of a recompute and of the placement model. A question of a retired theme counts as placed in none.
 */
export function questionsForThemes(db: Db) {
  return db
    .select({
      id: questions.id,
      text: questions.text,
      meetingId: questions.meetingId,
      themeId: questions.themeId,
      live: sql<boolean>`coalesce(${themes.retiredAt} is null, false)`,
      pinned: sql<boolean>`coalesce(${themes.pinned} and ${themes.retiredAt} is null, false)`,
    })
    .from(questions)
    .leftJoin(themes, eq(themes.id, questions.themeId))
    .orderBy(asc(questions.id));
}

export type QuestionForThemes = Awaited<ReturnType<typeof questionsForThemes>>[number];

/**
 * Whether any of these questions is now in another theme than the one given: a recompute planned
 * on what it read checks this before writing, since a curation may have come in between.
 */
export async function questionThemesMoved(
  db: Db,
  read: readonly { id: string; themeId: string | null }[],
): Promise<boolean> {
  if (read.length === 0) return false;
  const [row] = await queryRows<{ moved: boolean }>(
    db,
    sql`
      select exists (
        select 1 from unnest(
          ${uuidArray(read.map((r) => r.id))},
          ${sql.param(read.map((r) => r.themeId ?? ''))}::text[]) as r(id, theme_id)
        join ${questions} on ${questions.id} = r.id
        where ${questions.themeId} is distinct from nullif(r.theme_id, '')::uuid
      ) as moved`,
  );
  return Boolean(row?.moved);
}

/**
 * For each of these themes, the live theme its questions went to: itself when live, else the end
 * of its `merged_into` chain. Absent when the chain ends in a theme retired with no successor.
 */
export async function liveSuccessors(
  db: Db,
  themeIds: readonly string[],
): Promise<Map<string, string>> {
  if (themeIds.length === 0) return new Map();
  const rows = await queryRows<{ start: string; live: string }>(
    db,
    sql`
      with recursive chain(start, id, retired, next, depth) as (
        select id, id, retired_at is not null, merged_into, 0
        from ${themes} where id = any(${uuidArray(themeIds)})
        union all
        select c.start, t.id, t.retired_at is not null, t.merged_into, c.depth + 1
        from chain c join ${themes} t on t.id = c.next
        where c.retired and c.depth < 64
      )
      select start, id as live from chain where not retired`,
  );
  return new Map(rows.map((r) => [r.start, r.live]));
}

/** The questions of one theme with their text, for describing it, in id order. */
export function questionsOfTheme(db: Db, themeId: string) {
  return db
    .select({ id: questions.id, text: questions.text })
    .from(questions)
    .where(eq(questions.themeId, themeId))
    .orderBy(asc(questions.id));
}

/** The theme each of these questions is in now (null: none); absent ones no longer exist. */
export async function themeIdsOfQuestions(
  db: Db,
  questionIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: questions.id, themeId: questions.themeId })
    .from(questions)
    .where(inUuids(questions.id, questionIds));
  return new Map(rows.map((r) => [r.id, r.themeId]));
}

/** Questions of these themes: their search documents carry the theme's recurrence. */
export async function questionIdsInThemes(
  db: Db,
  themeIds: readonly (string | null)[],
): Promise<string[]> {
  const ids = [...new Set(themeIds.filter((t): t is string => t !== null))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(inUuids(questions.themeId, ids));
  return rows.map((r) => r.id);
}

/** Distinct meetings per theme, for search documents ("how recurrent is this question's theme"). */
export async function themeMeetingCounts(
  db: Db,
  themeIds: readonly string[],
): Promise<Map<string, number>> {
  if (themeIds.length === 0) return new Map();
  const rows = await db
    .select({ themeId: questions.themeId, meetings: countDistinct(questions.meetingId) })
    .from(questions)
    .where(inUuids(questions.themeId, themeIds))
    .groupBy(questions.themeId);
  return new Map(rows.map((r) => [r.themeId!, r.meetings]));
}

/** Every live theme's shown name (an editor's name, else its label), by id. */
export async function liveThemeNames(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: themes.id, name: sql<string>`coalesce(${themes.name}, ${themes.label})` })
    .from(themes)
    .where(isNull(themes.retiredAt));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The theme each question is in, with the theme's shown name. */
export async function themesOfQuestions(
  db: Db,
  questionIds: readonly string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .select({
      questionId: questions.id,
      id: themes.id,
      name: sql<string>`coalesce(${themes.name}, ${themes.label})`,
    })
    .from(questions)
    .innerJoin(themes, eq(themes.id, questions.themeId))
    .where(inUuids(questions.id, questionIds));
  return new Map(rows.map((r) => [r.questionId, { id: r.id, name: r.name }]));
}
