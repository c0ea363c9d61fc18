import { findQuestion, listQuestions } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import { editQuestion, removeQuestion } from '../domain/questions.ts';
import {
  listQuestionsQuery,
  problemResponses,
  questionListResponse,
  questionResponse,
  updateQuestionBody,
  uuidParam,
} from '../schemas/index.ts';

const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/questions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['questions'],
        summary: 'Captured questions, newest week first, filtered and paginated',
        querystring: listQuestionsQuery,
        response: { 200: questionListResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const { items, total } = await listQuestions(app.db, filter, {
        offset: (page - 1) * limit,
        limit,
      });
      return { items, total, page, limit };
    },
  );

  app.get(
    '/questions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['questions'],
        params: uuidParam,
        response: { 200: questionResponse, ...problemResponses },
      },
    },
    async (request) => {
      const question = await findQuestion(app.db, request.params.id);
      if (!question) throw notFound('The question');
      return { question };
    },
  );

  app.patch(
    '/questions/:id',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['questions'],
        summary: 'Change text (redacted again), status or categories',
        params: uuidParam,
        body: updateQuestionBody,
        response: { 200: questionResponse, ...problemResponses },
      },
    },
    async (request) => {
      const question = await editQuestion(
        app.db,
        app.redactor,
        request.params.id,
        request.body,
        request.actor,
      );
      return { question };
    },
  );

  app.delete(
    '/questions/:id',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['questions'],
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeQuestion(app.db, request.params.id, request.actor);
      return reply.code(204).send(null);
    },
  );
};

export default questionRoutes;
