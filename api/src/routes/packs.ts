import { listPacks } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import { exportPack } from '../domain/exports.ts';
import { changePack, createPack, loadPack, removePack } from '../domain/packs.ts';
import {
  createPackBody,
  exportFormatQuery,
  packResponse,
  packsResponse,
  problemResponses,
  updatePackBody,
  uuidParam,
} from '../schemas/index.ts';

const editors = ['admin', 'editor'] as const;

const packRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/packs',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['prep packs'], response: { 200: packsResponse, ...problemResponses } },
    },
    async () => ({
      packs: (await listPacks(app.db)).map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    }),
  );

  app.post(
    '/packs',
    {
      config: { access: editors },
      schema: {
        tags: ['prep packs'],
        summary:
          'Start a prep pack for an all-hands, proposed from rising and recurring unanswered themes',
        body: createPackBody,
        response: { 201: packResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const pack = await createPack(
        app.db,
        app.redactor,
        request.body,
        request.actor,
        app.config.kAnonymity,
      );
      return reply.code(201).send({ pack });
    },
  );

  app.get(
    '/packs/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['prep packs'],
        params: uuidParam,
        response: { 200: packResponse, ...problemResponses },
      },
    },
    async (request) => {
      const pack = await loadPack(app.db, request.params.id);
      if (!pack) throw notFound('The prep pack');
      return { pack };
    },
  );

  app.patch(
    '/packs/:id',
    {
      config: { access: editors },
      schema: {
        tags: ['prep packs'],
        summary: 'Rename, date, or set the ordered themes and questions with their draft answers',
        params: uuidParam,
        body: updatePackBody,
        response: { 200: packResponse, ...problemResponses },
      },
    },
    async (request) => ({
      pack: await changePack(app.db, app.redactor, request.params.id, request.body, request.actor),
    }),
  );

  app.delete(
    '/packs/:id',
    {
      config: { access: editors },
      schema: {
        tags: ['prep packs'],
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removePack(app.db, request.params.id, request.actor);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/packs/:id/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['prep packs'],
        summary: 'The pack as Markdown (grouped by tone), CSV or JSON; recorded in the audit log',
        params: uuidParam,
        querystring: exportFormatQuery,
      },
    },
    async (request, reply) => {
      const file = await exportPack(app.db, request.params.id, request.query.format, request.actor);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .type(file.contentType)
        .send(file.body);
    },
  );
};

export default packRoutes;
