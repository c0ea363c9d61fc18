import { asc, count, countDistinct, eq, max, min, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { inUuids, uuidArray } from './arrays.ts';
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

/** Every theme, without counts: those come from the weekly summary (`themeTotals`). */
export async function listThemes(db: Db): Promise<Theme[]> {
  return db.select().from(themes);
}

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

/** Many themes at once, with ids chosen by the caller: one statement, one array per column. */
export async function insertThemesInBulk(
  db: Db,
  rows: readonly { id: string; label: string; keywords: string[]; centralQuestionId: string }[],
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

export async function deleteThemes(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(themes).where(inUuids(themes.id, ids));
}

/** Themes that a recompute may rebuild: not pinned. */
export async function unpinnedThemeIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: themes.id }).from(themes).where(eq(themes.pinned, false));
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

/** Every question's text and theme, with whether that theme is pinned: the input of a recompute. */
export function questionsForThemes(db: Db) {
  return db
    .select({
      id: questions.id,
      text: questions.text,
      themeId: questions.themeId,
      pinned: sql<boolean>`coalesce(${themes.pinned}, false)`,
    })
    .from(questions)
    .leftJoin(themes, eq(themes.id, questions.themeId))
    .orderBy(asc(questions.id));
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
