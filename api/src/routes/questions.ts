import { findQuestion, listQuestions } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import { periodsOf } from '../domain/periods.ts';
import { editQuestion, questionForReader, removeQuestion } from '../domain/questions.ts';
import {
  listQuestionsQuery,
  problemResponses,
  questionListResponse,
  questionResponse,
  updateQuestionBody,
  uuidParam,
} from '../schemas/index.ts';

const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  const k = app.config.kAnonymity;
  app.get(
    '/questions',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['questions'],
        summary:
          'Captured questions, newest period first, filtered and paginated; dates snap to whole periods, and the total is null when under k meetings',
        querystring: listQuestionsQuery,
        response: { 200: questionListResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { page, limit, from, to, ...filter } = request.query;
      const periods = await periodsOf(app.db, k);
      const { items, total, meetings } = await listQuestions(
        app.db,
        { ...filter, ...periods.snap({ from, to }) },
        { offset: (page - 1) * limit, limit, periodStarts: periods.all.map((p) => p.from) },
      );
      return {
        items: items.map((q) => questionForReader(q, periods)),
        total: total === 0 || meetings >= k ? total : null,
        more: page * limit < total,
        page,
        limit,
      };
    },
  );

  app.get(
    '/questions/:id',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['questions'],
        params: uuidParam,
        response: { 200: questionResponse, ...problemResponses },
      },
    },
    async (request) => {
      const question = await findQuestion(app.db, request.params.id);
      if (!question) throw notFound('The question');
      return { question: questionForReader(question, await periodsOf(app.db, k)) };
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
      return { question: questionForReader(question, await periodsOf(app.db, k)) };
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
