import { listCategories } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCategory, changeCategory, removeCategory } from '../domain/categories.ts';
import {
  categoriesResponse,
  categoryResponse,
  createCategoryBody,
  problemResponses,
  updateCategoryBody,
  uuidParam,
} from '../schemas/index.ts';

const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/categories',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['categories'],
        summary: 'All categories, tones first',
        response: { 200: categoriesResponse, ...problemResponses },
      },
    },
    async () => ({ categories: await listCategories(app.db) }),
  );

  app.post(
    '/categories',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['categories'],
        body: createCategoryBody,
        response: { 201: categoryResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const category = await addCategory(app.db, request.body, request.actor);
      return reply.code(201).send({ category });
    },
  );

  app.patch(
    '/categories/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['categories'],
        params: uuidParam,
        body: updateCategoryBody,
        response: { 200: categoryResponse, ...problemResponses },
      },
    },
    async (request) => ({
      category: await changeCategory(app.db, request.params.id, request.body, request.actor),
    }),
  );

  app.delete(
    '/categories/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['categories'],
        summary: 'Delete a category; its questions lose the tag, nothing else',
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeCategory(app.db, request.params.id, request.actor);
      return reply.code(204).send(null);
    },
  );
};

export default categoryRoutes;
