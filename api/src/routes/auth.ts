import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn } from '../domain/sign-in.ts';
import { changeOwnPassword } from '../domain/users.ts';
import {
  changePasswordBody,
  loginBody,
  meResponse,
  problemResponses,
  problemSchema,
} from '../schemas/index.ts';

const toUserDto = (u: { id: string; email: string; role: 'admin' | 'editor' | 'viewer' }) => ({
  id: u.id,
  email: u.email,
  role: u.role,
});

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      // A session changes nothing anyone reads.
      config: {
        access: 'public',
        forgetsReads: 'nothing',
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets an httpOnly session cookie (10 attempts a minute per address; an account pauses for up to 5 minutes after 5 wrong passwords)',
        body: loginBody,
        response: {
          200: meResponse,
          400: problemResponses[400],
          401: problemResponses[401],
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const user = await signIn(app.db, request.body.email, request.body.password, new Date());
      await reply.startSession(user.id);
      return { user: toUserDto(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public', forgetsReads: 'nothing' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (_request, reply) => {
      await reply.endSession();
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/auth/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary:
          'Change your own password; ends your other sessions and renews this one (a wrong current password counts toward the sign-in limit)',
        body: changePasswordBody,
        response: {
          204: z.null(),
          400: problemResponses[400],
          401: problemResponses[401],
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      await changeOwnPassword(app.db, user, request.body, new Date());
      app.forgetSessionsOf(user.id);
      await reply.startSession(user.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: meResponse, 401: problemResponses[401] },
      },
    },
    async (request) => ({ user: toUserDto(request.user!) }),
  );
};

export default authRoutes;
