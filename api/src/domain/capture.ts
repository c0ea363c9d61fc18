// Capturing a meeting: redact every question, then write meeting, questions, tags, outbox and audit
// in one transaction.
import {
  enqueueSearchChanges,
  findCategoriesBySlugs,
  insertAudit,
  insertMeeting,
  insertQuestions,
  linkQuestionCategories,
  type Db,
  type QuestionWithCategories,
} from '@kb/db';
import { AppError, type FieldError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { RedactionWarning } from './redaction/index.ts';
import type { Redactor } from './redactor.ts';
import { isInFuture, weekOf } from './weeks.ts';

export interface CaptureInput {
  heldOn: string;
  questions: { text: string; categories: string[] }[];
}

export interface CapturedQuestion extends QuestionWithCategories {
  redactions: number;
  warnings: RedactionWarning[];
}

export interface CaptureResult {
  meeting: { id: string; week: string; questionCount: number };
  questions: CapturedQuestion[];
}

export async function captureMeeting(
  db: Db,
  redactor: Redactor,
  input: CaptureInput,
  actor: Actor,
): Promise<CaptureResult> {
  if (isInFuture(input.heldOn)) {
    throw new AppError('validation', 400, 'body.heldOn: the meeting cannot be in the future', [
      { path: 'body.heldOn', message: 'the meeting cannot be in the future' },
    ]);
  }
  const week = weekOf(input.heldOn);
  const categoryBySlug = await resolveCategories(db, input.questions);

  return db.transaction(async (tx) => {
    const redacted = await redactor.redactAll(
      input.questions.map((q) => q.text),
      tx,
    );
    const meeting = await insertMeeting(tx, week);
    const rows = await insertQuestions(
      tx,
      redacted.map((r) => ({ meetingId: meeting.id, text: r.text, week })),
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
      rows.map((r) => r.id),
      'upsert',
    );
    await insertAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'meeting.create',
      entity: 'meeting',
      entityId: meeting.id,
      detail: {
        questionIds: rows.map((r) => r.id),
        redactions: redacted.reduce((n, r) => n + r.spans.length, 0),
      },
    });
    return {
      meeting: { id: meeting.id, week: meeting.week, questionCount: rows.length },
      questions: rows.map((row, i) => ({
        ...row,
        categories: input.questions[i]!.categories.map((slug) => {
          const c = categoryBySlug.get(slug)!;
          return { slug: c.slug, name: c.name, colour: c.colour, axis: c.axis };
        }),
        redactions: redacted[i]!.spans.length,
        warnings: redacted[i]!.warnings,
      })),
    };
  });
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
