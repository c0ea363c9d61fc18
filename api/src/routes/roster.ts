import {
  deleteRosterEntry,
  insertAudit,
  insertRosterEntry,
  listRoster,
  type RosterEntry,
} from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import {
  createRosterBody,
  problemResponses,
  rosterEntryResponse,
  rosterResponse,
  uuidParam,
} from '../schemas/index.ts';

const toDto = (e: RosterEntry) => ({
  id: e.id,
  name: e.name,
  createdAt: e.createdAt.toISOString(),
});

const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/roster',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['roster'],
        summary: 'Names redaction always removes',
        response: { 200: rosterResponse, ...problemResponses },
      },
    },
    async () => ({ entries: (await listRoster(app.db)).map(toDto) }),
  );

  app.post(
    '/roster',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['roster'],
        body: createRosterBody,
        response: { 201: rosterEntryResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const entry = await app.db.transaction(async (tx) => {
        const created = await insertRosterEntry(tx, request.body.name);
        if (!created) {
          throw new AppError('conflict', 409, 'This name is on the roster already.', [
            { path: 'body.name', message: 'is on the roster already' },
          ]);
        }
        // The audit log records that the roster changed, never the name itself.
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'roster.add',
          entity: 'roster',
          entityId: created.id,
        });
        return created;
      });
      return reply.code(201).send({ entry: toDto(entry) });
    },
  );

  app.delete(
    '/roster/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['roster'],
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        if (!(await deleteRosterEntry(tx, request.params.id))) throw notFound('The roster entry');
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'roster.remove',
          entity: 'roster',
          entityId: request.params.id,
        });
      });
      return reply.code(204).send(null);
    },
  );
};

export default rosterRoutes;
