import { findQuestion, themesOfQuestions } from '@kb/db';
import { similarQuestions, type SearchService, type SimilarResult } from '@kb/search';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../domain/errors.ts';
import {
  problemResponses,
  searchQuery,
  searchResponse,
  similarBody,
  similarQuery,
  similarResponse,
  uuidParam,
} from '../schemas/index.ts';

/** Adds each similar question's theme, so capture can show where a question was asked before. */
async function withThemes(app: FastifyInstance, result: SimilarResult) {
  const themes = await themesOfQuestions(
    app.db,
    result.questions.map((q) => q.id),
  );
  return {
    ...result,
    questions: result.questions.map((q) => ({ ...q, theme: themes.get(q.id) ?? null })),
  };
}

function searchOf(app: FastifyInstance): SearchService {
  if (!app.searchEngine) {
    throw new AppError('unavailable', 503, 'Search is not available on this server right now.');
  }
  return app.searchEngine;
}

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['search'],
        summary:
          'Typo-tolerant search with highlights and facet counts; an empty q browses newest first',
        querystring: searchQuery,
        response: { 200: searchResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { category, ...rest } = request.query;
      // Never a 5xx for a read: with the engine away or slow, Postgres answers (flagged).
      return app.questionSearch.search({
        ...rest,
        ...(category ? { categories: category } : {}),
      });
    },
  );

  app.post(
    '/questions/similar',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['search'],
        summary: 'Past questions like a text being captured, with categories voted by them',
        body: similarBody,
        response: { 200: similarResponse, ...problemResponses },
      },
    },
    async (request) => {
      // The draft may name people: match on its redacted form, which is also all the engine may see.
      const redacted = await app.redactor.redact(request.body.text);
      return withThemes(
        app,
        await similarQuestions(searchOf(app), redacted.text, { limit: request.body.limit }),
      );
    },
  );

  app.get(
    '/questions/:id/similar',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['search'],
        params: uuidParam,
        querystring: similarQuery,
        response: { 200: similarResponse, ...problemResponses },
      },
    },
    async (request) => {
      const question = await findQuestion(app.db, request.params.id);
      if (!question) throw notFound('The question');
      return withThemes(
        app,
        await similarQuestions(searchOf(app), question.text, {
          limit: request.query.limit,
          excludeId: question.id,
        }),
      );
    },
  );
};

export default searchRoutes;
