// Capturing a meeting: redact every question, place each in its nearest theme, then write meeting,
// questions, tags, outbox and audit in one transaction.
import { randomUUID } from 'node:crypto';
import {
  enqueueSearchChanges,
  findCategoriesBySlugs,
  insertMeeting,
  insertQuestions,
  isInFuture,
  linkQuestionCategories,
  questionIdsInThemes,
  themeMeetingCounts,
  weekOf,
  type Db,
  type QuestionWithCategories,
} from '@kb/db';
import { recurrenceLevel } from '@kb/search';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, type FieldError } from './errors.ts';
import type { RedactionWarning } from './redaction/index.ts';
import type { Redactor } from './redactor.ts';
import type { ThemeAssigner, ThemePlacement } from './themes/index.ts';

export interface CaptureInput {
  heldOn: string;
  questions: { text: string; categories: string[] }[];
}

export interface CapturedQuestion extends QuestionWithCategories {
  redactions: number;
  warnings: RedactionWarning[];
}

export interface CaptureResult {
  meeting: { week: string; questionCount: number };
  questions: CapturedQuestion[];
  /** The questions could not be placed in themes now; the next recompute places them. */
  themesDeferred: boolean;
}

export async function captureMeeting(
  db: Db,
  redactor: Redactor,
  input: CaptureInput,
  actor: Actor,
  /** Places each question in its nearest theme; without it, the next recompute does. */
  themes?: ThemeAssigner,
): Promise<CaptureResult> {
  if (isInFuture(input.heldOn)) {
    throw new AppError('validation', 400, 'body.heldOn: the meeting cannot be in the future', [
      { path: 'body.heldOn', message: 'the meeting cannot be in the future' },
    ]);
  }
  const week = weekOf(input.heldOn);
  const categoryBySlug = await resolveCategories(db, input.questions);

  const { result, placement } = await db.transaction(async (tx) => {
    const redacted = await redactor.redactAll(
      input.questions.map((q) => q.text),
      tx,
    );
    const meeting = await insertMeeting(tx, week);
    const drafts = redacted.map((r) => ({ id: randomUUID(), text: r.text }));
    const placement = themes ? await placeInThemes(tx, themes, drafts) : null;
    const rows = await insertQuestions(
      tx,
      drafts.map((d) => ({
        id: d.id,
        meetingId: meeting.id,
        text: d.text,
        week,
        themeId: placement?.themes.get(d.id) ?? null,
      })),
    );
    await linkQuestionCategories(
      tx,
      rows.flatMap((row, i) =>
        input.questions[i]!.categories.map((slug) => ({
          questionId: row.id,
          categoryId: categoryBySlug.get(slug)!.id,
        })),
      ),
    );
    await enqueueSearchChanges(
      tx,
      [
        ...rows.map((r) => r.id),
        ...(placement ? await matesWhoseLevelMoved(tx, placement.themes) : []),
      ],
      'upsert',
    );
    // No meeting id and no question ids: the log must not tie questions to one 1:1 either.
    await audit(tx, actor, 'meeting.create', {
      entity: 'meeting',
      detail: {
        questions: rows.length,
        redactions: redacted.reduce((n, r) => n + r.spans.length, 0),
      },
    });
    const result: CaptureResult = {
      meeting: { week: meeting.week, questionCount: rows.length },
      questions: rows.map((row, i) => ({
        ...row,
        categories: input.questions[i]!.categories.map((slug) => {
          const c = categoryBySlug.get(slug)!;
          return { slug: c.slug, name: c.name, colour: c.colour, axis: c.axis };
        }),
        redactions: redacted[i]!.spans.length,
        warnings: redacted[i]!.warnings,
      })),
      themesDeferred: Boolean(themes) && !placement,
    };
    return { result, placement };
  });
  // Committed: only now may other captures see the new themes and members.
  placement?.commit();
  return result;
}

/**
 * Themes for new questions, in a savepoint: if placing fails, the capture still commits and the
 * next recompute places them.
 */
async function placeInThemes(
  tx: Db,
  themes: ThemeAssigner,
  questions: readonly { id: string; text: string }[],
): Promise<ThemePlacement | null> {
  try {
    return await tx.transaction((savepoint) => themes.place(savepoint, questions));
  } catch {
    return null;
  }
}

/**
 * A new meeting adds one meeting to each theme its questions joined. Search documents carry the
 * theme's recurrence level, so the theme-mates need new documents only when that moved the level.
 */
async function matesWhoseLevelMoved(tx: Db, placed: ReadonlyMap<string, string>) {
  const themeIds = [...new Set(placed.values())];
  const meetings = await themeMeetingCounts(tx, themeIds);
  const moved = themeIds.filter((id) => {
    const after = meetings.get(id) ?? 1;
    return recurrenceLevel(after) !== recurrenceLevel(after - 1);
  });
  return questionIdsInThemes(tx, moved);
}

/** Every slug must exist; the error names each field that holds an unknown one. */
export async function resolveCategories(
  db: Db,
  questions: readonly { categories: readonly string[] }[],
  fieldPath: (question: number, category: number) => string = (i, j) =>
    `body.questions.${i}.categories.${j}`,
) {
  const slugs = [...new Set(questions.flatMap((q) => q.categories))];
  const found = await findCategoriesBySlugs(db, slugs);
  const bySlug = new Map(found.map((c) => [c.slug, c]));
  const errors: FieldError[] = [];
  questions.forEach((q, i) =>
    q.categories.forEach((slug, j) => {
      if (!bySlug.has(slug)) {
        errors.push({ path: fieldPath(i, j), message: `unknown category "${slug}"` });
      }
    }),
  );
  if (errors.length > 0) {
    throw new AppError(
      'unknown-category',
      400,
      `${errors[0]!.path}: ${errors[0]!.message}`,
      errors,
    );
  }
  return bySlug;
}
