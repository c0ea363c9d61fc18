import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentAlerts } from '../domain/alerts/service.ts';
import { isInFuture, weekOf } from '../domain/weeks.ts';
import { AppError } from '../errors.ts';
import { isoDate, problemResponses, shownCountSchema } from '../schemas/index.ts';
import { sendFromSummary } from './summary-reply.ts';

const alertsQuery = z.object({
  /** Evaluate as of this date instead of today (to look back at a past period). */
  at: isoDate.optional(),
});

const alertsResponse = z.object({
  window: z.object({ from: z.string(), to: z.string(), weeks: z.number().int() }),
  alerts: z.array(
    z.object({
      kind: z.enum(['rising', 'new-theme']),
      by: z.enum(['category', 'theme']),
      key: z.string(),
      name: z.string(),
      count: shownCountSchema,
      expected: z.number(),
      pValue: z.number(),
      message: z.string(),
    }),
  ),
});

const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/alerts',
    {
      config: { access: 'signed-in' },
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
