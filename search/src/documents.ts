// The search document of a question: what the index holds and nothing more (no meeting id).
import { createHash } from 'node:crypto';
import { answersForQuestions, dayNumber, dayOfNumber, themeMeetingCounts, type Db } from '@kb/db';

export interface QuestionDocumentSource {
  id: string;
  text: string;
  week: string;
  status: string;
  categories: { slug: string; name: string }[];
  /** The theme the question is in, if any. */
  themeId?: string | null;
}

export interface QuestionDocument {
  id: string;
  text: string;
  categories: string[];
  categoryNames: string[];
  status: string;
  /** The week as a sortable number of days since 1970-01-01. */
  week: number;
  /**
   * How recurrent the question's theme is: its distinct meetings rounded down to a power of two
   * (1, 2, 4, 8, …). Coarse on purpose: a capture changes the theme-mates' documents only when the
   * theme crosses a power of two, not every time, and sorting by it still puts recurring first.
   */
  recurrence: number;
  /** The answer given to the question or its theme, so answers are searchable too. */
  answer: string;
  /**
   * The question's theme, so a search answer names each hit's theme without asking Postgres.
   * Documents indexed before it was carried lack it; readers look those up.
   */
  theme?: string | null;
}

/** The recurrence level of a theme raised in this many distinct meetings. */
export function recurrenceLevel(meetings: number): number {
  return meetings < 1 ? 1 : 2 ** Math.floor(Math.log2(meetings));
}

/** The meeting counts at which `recurrenceLevel` moves: a theme reaching one needs new documents. */
export const recurrenceSteps: readonly number[] = Array.from(
  { length: 30 },
  (_, i) => 2 ** (i + 1),
);

/** A document holds its week (its Monday) as a day number: the engine sorts and filters by it. */
export const weekNumber = (day: string) => dayNumber(day);
export const weekDate = (week: number) => dayOfNumber(week);

export function questionDocument(
  question: QuestionDocumentSource,
  recurrence = 1,
  answer = '',
): QuestionDocument {
  return {
    id: question.id,
    text: question.text,
    categories: question.categories.map((c) => c.slug),
    categoryNames: question.categories.map((c) => c.name),
    status: question.status,
    week: weekNumber(question.week),
    recurrence,
    answer,
    theme: question.themeId ?? null,
  };
}

/** A stable digest of a document's content, for comparing the index with Postgres. */
export function documentHash(document: QuestionDocument): string {
  // Fields picked in a fixed order: the index may return them in any order.
  const canonical = JSON.stringify([
    document.id,
    document.text,
    [...document.categories].sort(),
    [...document.categoryNames].sort(),
    document.status,
    document.week,
    document.recurrence,
    document.answer ?? '',
    document.theme ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Documents for questions read from Postgres, with their theme's recurrence looked up in one query. */
export async function documentsFor(
  db: Db,
  questions: readonly (QuestionDocumentSource & { themeId: string | null })[],
): Promise<QuestionDocument[]> {
  const themeIds = [
    ...new Set(questions.map((q) => q.themeId).filter((t): t is string => t !== null)),
  ];
  const [recurrence, answers] = await Promise.all([
    themeMeetingCounts(db, themeIds),
    answersForQuestions(
      db,
      questions.map((q) => q.id),
    ),
  ]);
  return questions.map((q) =>
    questionDocument(
      q,
      recurrenceLevel(q.themeId ? (recurrence.get(q.themeId) ?? 1) : 1),
      answers.get(q.id)?.body ?? '',
    ),
  );
}
