import { outboxLag } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from '../schemas/index.ts';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Whether the service and its database answer',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      const [databaseUp, searchUp] = await Promise.all([
        app.dbHandle.ping(),
        app.searchEngine ? app.searchEngine.healthy() : Promise.resolve(null),
      ]);
      const lag = databaseUp ? await outboxLag(app.db) : null;
      const body = {
        status: databaseUp && searchUp !== false ? ('ok' as const) : ('degraded' as const),
        database: {
          status: databaseUp ? ('ok' as const) : ('unavailable' as const),
          kind: app.dbHandle.kind,
        },
        search: {
          status:
            searchUp === null
              ? ('off' as const)
              : searchUp
                ? ('ok' as const)
                : ('unavailable' as const),
          pendingChanges: lag?.pending ?? null,
          lagSeconds: lag?.oldest
            ? Math.max(0, (Date.now() - lag.oldest.getTime()) / 1000)
            : lag
              ? 0
              : null,
          engine: app.localSearchEngine
            ? { supervised: true as const, ...app.localSearchEngine.status() }
            : null,
        },
      };
      return reply.code(databaseUp ? 200 : 503).send(body);
    },
  );
};

export default healthRoutes;
