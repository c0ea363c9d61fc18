import { and, eq, gte, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { inUuids } from './arrays.ts';
import type { AnswerStatus } from '../constants.ts';
import { answers, type Answer } from '../schema/answers.ts';
import { questions } from '../schema/questions.ts';

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

export async function findAnswer(
  db: Db,
  target: { themeId: string } | { questionId: string },
): Promise<Answer | undefined> {
  const [row] = await db
    .select()
    .from(answers)
    .where(
      'themeId' in target
        ? eq(answers.themeId, target.themeId)
        : eq(answers.questionId, target.questionId),
    );
  return row;
}

export async function answersForThemes(
  db: Db,
  themeIds: readonly string[],
): Promise<Map<string, Answer>> {
  if (themeIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(answers)
    .where(inArray(answers.themeId, [...themeIds]));
  return new Map(rows.map((a) => [a.themeId!, a]));
}

/** The answer each question shows: its own, or else its theme's. */
export async function answersForQuestions(
  db: Db,
  questionIds: readonly string[],
): Promise<Map<string, Answer>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .select({ questionId: questions.id, answer: answers })
    .from(questions)
    .innerJoin(
      answers,
      or(
        eq(answers.questionId, questions.id),
        and(isNotNull(questions.themeId), eq(answers.themeId, questions.themeId)),
      ),
    )
    .where(inUuids(questions.id, questionIds));
  const result = new Map<string, Answer>();
  for (const { questionId, answer } of rows) {
    const current = result.get(questionId);
    if (!current || answer.questionId) result.set(questionId, answer);
  }
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
