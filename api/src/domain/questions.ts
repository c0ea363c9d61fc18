// Editing and deleting single questions: every change re-redacts, queues a search update and is audited.
import {
  deleteMeetingIfEmpty,
  questionIdsInThemes,
  deleteQuestion,
  enqueueSearchChanges,
  findQuestion,
  replaceQuestionCategories,
  updateQuestion,
  type Db,
  type QuestionStatus,
  type QuestionWithCategories,
} from '@kb/db';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { resolveCategories } from './capture.ts';
import { notFound } from './errors.ts';
import type { Periods } from './periods.ts';
import type { Redactor } from './redactor.ts';
import { moveQuestionsToTheme } from './themes/index.ts';

export interface QuestionPatch {
  text?: string;
  status?: QuestionStatus;
  categories?: string[];
  themeId?: string;
}

export async function editQuestion(
  db: Db,
  redactor: Redactor,
  id: string,
  patch: QuestionPatch,
  actor: Actor,
): Promise<QuestionWithCategories> {
  const categoryBySlug = patch.categories
    ? await resolveCategories(
        db,
        [{ categories: patch.categories }],
        (_, j) => `body.categories.${j}`,
      )
    : undefined;
  return db.transaction(async (tx) => {
    // First, before this question's row is held: the move waits for any recompute to finish.
    const changedThemes: (string | null)[] = patch.themeId
      ? [...(await moveQuestionsToTheme(tx, [id], patch.themeId)), patch.themeId]
      : [];
    const text =
      patch.text === undefined ? undefined : (await redactor.redact(patch.text, tx)).text;
    const updated = await updateQuestion(tx, id, {
      ...(text === undefined ? {} : { text }),
      ...(patch.status === undefined ? {} : { status: patch.status }),
    });
    if (!updated) throw notFound('The question');
    if (patch.categories && categoryBySlug) {
      await replaceQuestionCategories(
        tx,
        id,
        patch.categories.map((slug) => categoryBySlug.get(slug)!.id),
      );
    }
    await enqueueSearchChanges(
      tx,
      [id, ...(await questionIdsInThemes(tx, changedThemes))],
      'upsert',
    );
    await audit(tx, actor, 'question.update', {
      entity: 'question',
      id,
      detail: {
        fields: Object.keys(patch).filter((k) => patch[k as keyof QuestionPatch] !== undefined),
      },
    });
    return (await findQuestion(tx, id))!;
  });
}

export async function removeQuestion(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await deleteQuestion(tx, id);
    if (!deleted) throw notFound('The question');
    await deleteMeetingIfEmpty(tx, deleted.meetingId);
    await enqueueSearchChanges(tx, [id], 'delete');
    await enqueueSearchChanges(tx, await questionIdsInThemes(tx, [deleted.themeId]), 'upsert');
    await audit(tx, actor, 'question.delete', { entity: 'question', id });
  });
}

/** A question as a reader sees it: its period, never its meeting or week. */
export function questionForReader(question: QuestionWithCategories, periods: Periods) {
  return {
    id: question.id,
    text: question.text,
    period: periods.of(question.week),
    status: question.status,
    themeId: question.themeId,
    categories: question.categories,
  };
}
