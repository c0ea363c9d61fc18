// Answers to themes and single questions: who owns them, where they were given, when to review them.
// Answering a theme marks its open questions answered; every answer is redacted, searchable and
// audited.
import {
  enqueueSearchChanges,
  findQuestion,
  findTheme,
  findUser,
  listUsers,
  markQuestionsAnswered,
  questionIdsInThemes,
  updateTheme,
  upsertAnswer,
  type Answer,
  type AnswerInput,
  type Db,
} from '@kb/db';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, notFound } from './errors.ts';
import type { Redactor } from './redactor.ts';

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

/** The people who write answers, so an answer can name one as its owner. */
export async function answerOwners(db: Db): Promise<{ id: string; email: string }[]> {
  const users = await listUsers(db);
  return users
    .filter((u) => u.role === 'admin' || u.role === 'editor')
    .map((u) => ({ id: u.id, email: u.email }));
}

export async function answer(
  db: Db,
  redactor: Redactor,
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
    // An answer can name who asked as easily as a question can.
    const [body, answeredIn] = await redactor.redactAll([input.body, input.answeredIn ?? ''], tx);
    const saved = await upsertAnswer(tx, target, {
      ...input,
      body: body!.text,
      answeredIn: input.answeredIn === null ? null : answeredIn!.text,
    });
    // An answer is a person's decision about these questions, as a merge is: the theme is pinned,
    // so recomputes leave its questions with it and the answer keeps showing on them.
    if ('themeId' in target) await updateTheme(tx, target.themeId, { pinned: true });
    const affected =
      'themeId' in target ? await questionIdsInThemes(tx, [target.themeId]) : [target.questionId];
    if (input.status === 'answered') await markQuestionsAnswered(tx, affected);
    await enqueueSearchChanges(tx, affected, 'upsert');
    await audit(tx, actor, 'answer.save', {
      entity: 'themeId' in target ? 'theme' : 'question',
      id: 'themeId' in target ? target.themeId : target.questionId,
      detail: { status: input.status },
    });
    return saved;
  });
}
