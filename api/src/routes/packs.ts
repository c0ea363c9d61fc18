import {
  deletePack,
  insertAudit,
  insertPack,
  listPacks,
  replacePackItems,
  updatePack,
} from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadPack, packCsv, packMarkdown, proposeThemes } from '../domain/packs.ts';
import { notFound } from '../errors.ts';
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
  async function loaded(id: string) {
    const pack = await loadPack(app.db, id);
    if (!pack) throw notFound('The prep pack');
    return pack;
  }

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
      const today = new Date().toISOString().slice(0, 10);
      const proposal = request.body.propose
        ? await proposeThemes(app.db, app.config.kAnonymity, today)
        : [];
      const pack = await app.db.transaction(async (tx) => {
        const created = await insertPack(tx, {
          name: request.body.name,
          eventOn: request.body.eventOn,
          createdBy: request.user!.id,
        });
        await replacePackItems(
          tx,
          created.id,
          proposal.map((themeId) => ({ themeId })),
        );
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'pack.create',
          entity: 'pack',
          entityId: created.id,
        });
        return created;
      });
      return reply.code(201).send({ pack: await loaded(pack.id) });
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
    async (request) => ({ pack: await loaded(request.params.id) }),
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
    async (request) => {
      const { items, ...fields } = request.body;
      await app.db.transaction(async (tx) => {
        const pack = await updatePack(tx, request.params.id, fields);
        if (!pack) throw notFound('The prep pack');
        if (items) await replacePackItems(tx, pack.id, items);
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'pack.update',
          entity: 'pack',
          entityId: pack.id,
          detail: { fields: Object.keys(request.body) },
        });
      });
      return { pack: await loaded(request.params.id) };
    },
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
      await app.db.transaction(async (tx) => {
        if (!(await deletePack(tx, request.params.id))) throw notFound('The prep pack');
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'pack.delete',
          entity: 'pack',
          entityId: request.params.id,
        });
      });
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
      const pack = await loaded(request.params.id);
      const { format } = request.query;
      await insertAudit(app.db, {
        actorId: request.user!.id,
        actorEmail: request.user!.email,
        action: 'export',
        entity: 'pack',
        entityId: pack.id,
        detail: { format, entries: pack.entries.length },
      });
      const slug =
        pack.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'prep-pack';
      reply.header('content-disposition', `attachment; filename="${slug}.${format}"`);
      if (format === 'md')
        return reply.type('text/markdown; charset=utf-8').send(packMarkdown(pack));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(packCsv(pack));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(pack, null, 2));
    },
  );
};

export default packRoutes;
