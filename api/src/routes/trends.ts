import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { trends } from '../domain/trends.ts';
import { problemResponses, trendsQuery, trendsResponse } from '../schemas/index.ts';
import { sendFromSummary } from './summary-reply.ts';

const trendRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/trends',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['trends'],
        summary:
          'Counts and shares per week or month, by category or theme, under the k-anonymity rule',
        querystring: trendsQuery,
        response: { 200: trendsResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { by, bucket, keys, limit, ...period } = request.query;
      const k = app.config.kAnonymity;
      return sendFromSummary(
        app,
        reply,
        ['trends', by, bucket, period.from, period.to, keys, limit, k],
        trendsResponse,
        () => trends(app.db, by, bucket, period, k, keys, limit),
      );
    },
  );
};

export default trendRoutes;
