import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import { inUuids, uuidArray } from './arrays.ts';
import type { AnswerStatus } from '../constants.ts';
import { answers, type Answer } from '../schema/answers.ts';
import { questions } from '../schema/questions.ts';
import { themes } from '../schema/themes.ts';

export interface AnswerInput {
  body: string;
  status: AnswerStatus;
  ownerId: string | null;
  answeredIn: string | null;
  answeredOn: string | null;
  reviewBy: string | null;
}

/** Creates or replaces the answer of a theme or of a question. */
export async function upsertAnswer(
  db: Db,
  target: { themeId: string } | { questionId: string },
  input: AnswerInput,
): Promise<Answer> {
  const values = { ...input, updatedAt: new Date() };
  if ('themeId' in target) {
    const [row] = await db
      .insert(answers)
      .values({ ...values, themeId: target.themeId })
      .onConflictDoUpdate({
        target: answers.themeId,
        targetWhere: isNotNull(answers.themeId),
        set: values,
      })
      .returning();
    return row!;
  }
  const [row] = await db
    .insert(answers)
    .values({ ...values, questionId: target.questionId })
    .onConflictDoUpdate({
      target: answers.questionId,
      targetWhere: isNotNull(answers.questionId),
      set: values,
    })
    .returning();
  return row!;
}

/**
 * The answer of a question (its own only), or of a theme: its own, or else one written for a theme
 * merged into it (see `answersForThemes`).
 */
export async function findAnswer(
  db: Db,
  target: { themeId: string } | { questionId: string },
): Promise<Answer | undefined> {
  if ('themeId' in target)
    return (await answersForThemes(db, [target.themeId])).get(target.themeId);
  const [row] = await db.select().from(answers).where(eq(answers.questionId, target.questionId));
  return row;
}

/**
 * The answer each theme shows: its own, or else the answer of a theme merged into it (by an editor
 * or a recompute), the nearest merge first, then the latest. Answers stay on the theme they were
 * written for; a theme whose questions moved on lends its answer to the theme that took them until
 * that theme has an answer of its own. Without `themeIds`, for every theme.
 */
export async function answersForThemes(
  db: Db,
  themeIds?: readonly string[],
): Promise<Map<string, Answer>> {
  if (themeIds?.length === 0) return new Map();
  const start = themeIds
    ? sql`select id, id, 0 from ${themes} where id = any(${uuidArray([...new Set(themeIds)])})`
    : sql`select id, id, 0 from ${themes}`;
  const shown = await queryRows<{ themeId: string; answerId: string }>(
    db,
    sql`
      with recursive lineage(theme_id, source_id, depth) as (
        ${start}
        union all
        select l.theme_id, t.id, l.depth + 1
        from lineage l join ${themes} t on t.merged_into = l.source_id
        where l.depth < 64
      )
      select distinct on (l.theme_id) l.theme_id as "themeId", a.id as "answerId"
      from lineage l join ${answers} a on a.theme_id = l.source_id
      order by l.theme_id, l.depth, a.updated_at desc`,
  );
  if (shown.length === 0) return new Map();
  const rows = await db
    .select()
    .from(answers)
    .where(
      inUuids(
        answers.id,
        shown.map((s) => s.answerId),
      ),
    );
  const byId = new Map(rows.map((a) => [a.id, a]));
  return new Map(shown.map((s) => [s.themeId, byId.get(s.answerId)!]));
}

/** The answer each question shows: its own, or else its theme's (see `answersForThemes`). */
export async function answersForQuestions(
  db: Db,
  questionIds: readonly string[],
): Promise<Map<string, Answer>> {
  if (questionIds.length === 0) return new Map();
  const [placed, own] = await Promise.all([
    db
      .select({ id: questions.id, themeId: questions.themeId })
      .from(questions)
      .where(inUuids(questions.id, questionIds)),
    db.select().from(answers).where(inUuids(answers.questionId, questionIds)),
  ]);
  const byTheme = await answersForThemes(db, [
    ...new Set(placed.flatMap((q) => (q.themeId ? [q.themeId] : []))),
  ]);
  const result = new Map<string, Answer>();
  for (const q of placed) {
    const answer = q.themeId ? byTheme.get(q.themeId) : undefined;
    if (answer) result.set(q.id, answer);
  }
  for (const answer of own) result.set(answer.questionId!, answer);
  return result;
}

/** Answers given within a period, for the digest. */
export function answersGivenBetween(db: Db, from: string, to: string): Promise<Answer[]> {
  return db
    .select()
    .from(answers)
    .where(
      and(
        eq(answers.status, 'answered'),
        gte(answers.answeredOn, from),
        lte(answers.answeredOn, to),
      ),
    )
    .orderBy(sql`${answers.answeredOn} desc`);
}
