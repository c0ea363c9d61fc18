// Capturing a meeting: redact every question, place each in its nearest theme, then write meeting,
// questions, tags, outbox and audit in one transaction: two round trips of statements sent
// together, with a third only when placement rebuilds its model or opens a theme.
import { randomUUID } from 'node:crypto';
import {
  enqueueThemesAtMeetingCounts,
  findCategoriesBySlugs,
  insertMeetingWithQuestions,
  isInFuture,
  weekOf,
  type Db,
  type QuestionWithCategories,
} from '@kb/db';
import { recurrenceSteps } from '@kb/search';
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

  const { result, placement } = await db.transaction(async (tx) => {
    // Statements that need no answer of each other go out together, and the capture waits for one
    // round trip instead of one per statement. They run in the order started: each query function
    // starts with its statement (see api/test/statements.test.ts), so the questions (written with
    // their meeting, categories and outbox rows in one statement) exist before the theme counts
    // refer to them.
    const [categoryBySlug, redacted, themesVersion] = await Promise.all([
      resolveCategories(tx, input.questions),
      redactor.redactAll(
        input.questions.map((q) => q.text),
        tx,
      ),
      themes?.hold(tx),
    ]);
    const meeting = { id: randomUUID(), week };
    const drafts = redacted.map((r) => ({ id: randomUUID(), text: r.text }));
    const placement =
      themes && themesVersion !== undefined
        ? await placeInThemes(tx, themes, drafts, themesVersion)
        : null;
    const [rows] = await Promise.all([
      insertMeetingWithQuestions(
        tx,
        meeting,
        drafts.map((d, i) => ({
          id: d.id,
          text: d.text,
          themeId: placement?.themes.get(d.id) ?? null,
          categoryIds: input.questions[i]!.categories.map((slug) => categoryBySlug.get(slug)!.id),
        })),
      ),
      // A new meeting adds one meeting to each theme its questions joined. Documents carry the
      // theme's recurrence level, so the theme-mates need new ones only when that moved the level.
      placement
        ? enqueueThemesAtMeetingCounts(tx, [...new Set(placement.themes.values())], recurrenceSteps)
        : null,
      // No meeting id and no question ids: the log must not tie questions to one 1:1 either.
      audit(tx, actor, 'meeting.create', {
        entity: 'meeting',
        detail: {
          questions: drafts.length,
          redactions: redacted.reduce((n, r) => n + r.spans.length, 0),
        },
      }),
    ]);
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
 * Themes for new questions: if placing fails (what it writes runs in savepoints), the capture
 * still commits and the next recompute places them.
 */
async function placeInThemes(
  tx: Db,
  themes: ThemeAssigner,
  questions: readonly { id: string; text: string }[],
  version: number,
): Promise<ThemePlacement | null> {
  try {
    return await themes.place(tx, questions, version);
  } catch {
    return null;
  }
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
