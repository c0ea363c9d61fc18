import { findAnswer } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answer, answerOwners, toAnswerDto } from '../domain/answers.ts';
import { notFound } from '../domain/errors.ts';
import {
  answerBody,
  answerOwnersResponse,
  answerResponse,
  problemResponses,
  uuidParam,
} from '../schemas/index.ts';

const answerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/answers/owners',
    {
      // Everyone who reads an answer may see who owns it.
      config: { access: 'signed-in' },
      schema: {
        tags: ['answers'],
        summary: 'The admins and editors an answer may name as its owner',
        response: { 200: answerOwnersResponse, ...problemResponses },
      },
    },
    async () => ({ owners: await answerOwners(app.db) }),
  );

  for (const target of ['themes', 'questions'] as const) {
    const key = (id: string) => (target === 'themes' ? { themeId: id } : { questionId: id });

    app.get(
      `/${target}/:id/answer`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['answers'],
          params: uuidParam,
          response: { 200: answerResponse, ...problemResponses },
        },
      },
      async (request) => {
        const found = await findAnswer(app.db, key(request.params.id));
        if (!found) throw notFound('The answer');
        return { answer: toAnswerDto(found) };
      },
    );

    app.put(
      `/${target}/:id/answer`,
      {
        config: { access: ['admin', 'editor'] },
        schema: {
          tags: ['answers'],
          summary: `Answer a ${target === 'themes' ? 'theme' : 'question'} (Markdown), with owner, where and when, status and a review-by date`,
          params: uuidParam,
          body: answerBody,
          response: { 200: answerResponse, ...problemResponses },
        },
      },
      async (request) => {
        const saved = await answer(
          app.db,
          app.redactor,
          key(request.params.id),
          request.body,
          request.actor,
        );
        return { answer: toAnswerDto(saved) };
      },
    );
  }
};

export default answerRoutes;
