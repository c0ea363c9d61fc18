// Answers to themes and single questions: who owns them, where they were given, when to review them.
// Answering a theme marks its open questions answered; every answer is searchable and audited.
import {
  enqueueSearchChanges,
  findQuestion,
  findTheme,
  findUser,
  insertAudit,
  questionIdsInThemes,
  upsertAnswer,
  type Answer,
  type AnswerInput,
  type Db,
} from '@kb/db';
import { and, eq, inArray } from 'drizzle-orm';
import { questions } from '@kb/db';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './actor.ts';

export interface AnswerDto extends Omit<Answer, 'updatedAt'> {
  updatedAt: string;
  /** Past its review-by date: the answer may no longer hold. */
  stale: boolean;
}

export function toAnswerDto(
  answer: Answer,
  today = new Date().toISOString().slice(0, 10),
): AnswerDto {
  return {
    ...answer,
    updatedAt: answer.updatedAt.toISOString(),
    stale: answer.reviewBy !== null && answer.reviewBy < today,
  };
}

export async function answer(
  db: Db,
  target: { themeId: string } | { questionId: string },
  input: AnswerInput,
  actor: Actor,
): Promise<Answer> {
  return db.transaction(async (tx) => {
    const exists =
      'themeId' in target
        ? await findTheme(tx, target.themeId)
        : await findQuestion(tx, target.questionId);
    if (!exists) throw notFound('themeId' in target ? 'The theme' : 'The question');
    if (input.ownerId && !(await findUser(tx, input.ownerId))) {
      throw new AppError('validation', 400, 'body.ownerId: no such user', [
        { path: 'body.ownerId', message: 'no such user' },
      ]);
    }
    const saved = await upsertAnswer(tx, target, input);
    const affected =
      'themeId' in target ? await questionIdsInThemes(tx, [target.themeId]) : [target.questionId];
    if (input.status === 'answered' && affected.length > 0) {
      await tx
        .update(questions)
        .set({ status: 'answered' })
        .where(and(inArray(questions.id, affected), eq(questions.status, 'open')));
    }
    await enqueueSearchChanges(tx, affected, 'upsert');
    await insertAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'answer.save',
      entity: 'themeId' in target ? 'theme' : 'question',
      entityId: 'themeId' in target ? target.themeId : target.questionId,
      detail: { status: input.status },
    });
    return saved;
  });
}
