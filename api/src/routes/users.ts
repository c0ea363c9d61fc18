import { listUsers, type PublicUser } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeUser, createUser, removeUser } from '../domain/users.ts';
import {
  createUserBody,
  problemResponses,
  updateUserBody,
  userResponse,
  usersResponse,
  uuidParam,
} from '../schemas/index.ts';

const toDto = (u: PublicUser) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], response: { 200: usersResponse, ...problemResponses } },
    },
    async () => ({ users: (await listUsers(app.db)).map(toDto) }),
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        body: createUserBody,
        response: { 201: userResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, request.body, request.actor);
      return reply.code(201).send({ user: toDto(user) });
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change email, password or role; a new password or role ends their sessions',
        params: uuidParam,
        body: updateUserBody,
        response: { 200: userResponse, ...problemResponses },
      },
    },
    async (request) => {
      const user = await changeUser(app.db, request.params.id, request.body, request.actor);
      app.forgetSessionsOf(user.id);
      return { user: toDto(user) };
    },
  );

  app.delete(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeUser(app.db, request.params.id, request.actor);
      app.forgetSessionsOf(request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default userRoutes;
