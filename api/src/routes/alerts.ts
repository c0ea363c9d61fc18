import { isInFuture, weekOf } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentAlerts } from '../domain/alerts/service.ts';
import { AppError } from '../domain/errors.ts';
import { alertsQuery, alertsResponse, problemResponses } from '../schemas/index.ts';
import { sendFromSummary } from './summary-reply.ts';

const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/alerts',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['trends'],
        summary:
          'Categories and themes rising beyond what their history predicts, each explained in a sentence',
        querystring: alertsQuery,
        response: { 200: alertsResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const at = request.query.at ?? new Date().toISOString().slice(0, 10);
      if (isInFuture(at)) {
        throw new AppError('validation', 400, 'query.at: must not be in the future', [
          { path: 'query.at', message: 'must not be in the future' },
        ]);
      }
      const k = app.config.kAnonymity;
      return sendFromSummary(app, reply, ['alerts', weekOf(at), k], alertsResponse, () =>
        currentAlerts(app.db, at, k),
      );
    },
  );
};

export default alertRoutes;
