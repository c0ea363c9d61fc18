import { findUserByEmail } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decoyPasswordHash, verifyPassword } from '../domain/passwords.ts';
import { AppError } from '../errors.ts';
import { loginBody, meResponse, problemResponses } from '../schemas/index.ts';

const toUserDto = (u: { id: string; email: string; role: 'admin' | 'editor' | 'viewer' }) => ({
  id: u.id,
  email: u.email,
  role: u.role,
});

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an httpOnly session cookie (10 attempts a minute per address)',
        body: loginBody,
        response: {
          200: meResponse,
          400: problemResponses[400],
          401: problemResponses[401],
          429: problemResponses[400],
        },
      },
    },
    async (request, reply) => {
      const user = await findUserByEmail(app.db, request.body.email.toLowerCase());
      // Verify against a decoy when the email is unknown, so timing does not reveal accounts.
      const valid = await verifyPassword(
        user?.passwordHash ?? (await decoyPasswordHash()),
        request.body.password,
      );
      if (!user || !valid) {
        throw new AppError('unauthenticated', 401, 'Email or password is incorrect.');
      }
      await reply.startSession(user.id);
      return { user: toUserDto(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (_request, reply) => {
      await reply.endSession();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
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
