import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { trends } from '../domain/trends.ts';
import { problemResponses, trendsQuery, trendsResponse } from '../schemas/index.ts';

const trendRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/trends',
    {
      schema: {
        tags: ['trends'],
        summary:
          'Counts and shares per week or month, by category or theme, under the k-anonymity rule',
        querystring: trendsQuery,
        response: { 200: trendsResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { by, bucket, keys, ...period } = request.query;
      return trends(app.db, by, bucket, period, app.config.kAnonymity, keys);
    },
  );
};

export default trendRoutes;
