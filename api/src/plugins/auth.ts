// Sessions in an httpOnly cookie, and the role check every /api route declares in its config.
import { createHash, randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import { deleteSession, findSessionUser, insertSession, type PublicUser, type Role } from '@kb/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'kb_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: PublicUser | null;
  }
  interface FastifyReply {
    startSession(userId: string): Promise<void>;
    endSession(): Promise<void>;
  }
  interface FastifyContextConfig {
    /** Who may call the route: 'public' needs no session; a role list needs one of those roles. */
    access?: 'public' | 'signed-in' | readonly Role[];
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(cookie);
    app.decorateRequest('user', null);

    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.cookieSecure,
    };

    async function resolveUser(request: FastifyRequest) {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || token.length > 200) return null;
      return (await findSessionUser(app.db, hashToken(token), new Date())) ?? null;
    }

    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      // The API documentation describes the routes, never data: it is readable without a session.
      const documentation = request.url.startsWith('/api/docs');
      const access = request.routeOptions.config.access ?? (documentation ? 'public' : 'signed-in');
      if (access === 'public') return;
      const user = await resolveUser(request);
      if (!user) throw new AppError('unauthenticated', 401, 'Sign in to use this.');
      request.user = { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
      if (access !== 'signed-in' && !access.includes(user.role)) {
        throw new AppError('forbidden', 403, `This needs the ${access.join(' or ')} role.`);
      }
    });

    app.decorateReply('startSession', async function (this: FastifyReply, userId: string) {
      // Rotate: whatever session the browser had before is ended, a new token is issued.
      const previous = this.request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(app.db, hashToken(previous));
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3_600_000);
      await insertSession(app.db, { tokenHash: hashToken(token), userId, expiresAt });
      this.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
    });

    app.decorateReply('endSession', async function (this: FastifyReply) {
      const token = this.request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(app.db, hashToken(token));
      this.clearCookie(SESSION_COOKIE, cookieOptions);
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
