import { listRoster, type RosterEntry } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addToRoster, removeFromRoster } from '../domain/roster.ts';
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
      const entry = await addToRoster(app.db, request.body.name, request.actor);
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
      await removeFromRoster(app.db, request.params.id, request.actor);
      return reply.code(204).send(null);
    },
  );
};

export default rosterRoutes;
