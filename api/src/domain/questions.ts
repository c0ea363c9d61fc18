// Editing and deleting single questions: every change re-redacts, queues a search update and is audited.
import {
  assignQuestionsToTheme,
  deleteMeetingIfEmpty,
  findTheme,
  questionIdsInThemes,
  deleteQuestion,
  enqueueSearchChanges,
  findQuestion,
  insertAudit,
  replaceQuestionCategories,
  updateQuestion,
  type Db,
  type QuestionStatus,
  type QuestionWithCategories,
} from '@kb/db';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import { resolveCategories } from './capture.ts';
import type { Redactor } from './redactor.ts';

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
    const text =
      patch.text === undefined ? undefined : (await redactor.redact(patch.text, tx)).text;
    const updated = await updateQuestion(tx, id, {
      ...(text === undefined ? {} : { text }),
      ...(patch.status === undefined ? {} : { status: patch.status }),
    });
    if (!updated) throw notFound('The question');
    const changedThemes: (string | null)[] = [];
    if (patch.themeId) {
      if (!(await findTheme(tx, patch.themeId))) {
        throw new AppError('validation', 400, 'body.themeId: no such theme', [
          { path: 'body.themeId', message: 'no such theme' },
        ]);
      }
      changedThemes.push(updated.themeId, patch.themeId);
      await assignQuestionsToTheme(tx, patch.themeId, [id]);
    }
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
    await insertAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'question.update',
      entity: 'question',
      entityId: id,
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
    await insertAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'question.delete',
      entity: 'question',
      entityId: id,
    });
  });
}
