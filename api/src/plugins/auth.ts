// Sessions in an httpOnly cookie, and the role check every /api route declares in its config.
import { createHash, randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import { deleteSession, findSessionUser, insertSession, type PublicUser, type Role } from '@kb/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.ts';
import { AppError } from '../domain/errors.ts';

export const SESSION_COOKIE = 'kb_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgets what this process remembers of a user's sessions: call when they end or change. */
    forgetSessionsOf(userId: string): void;
  }
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

/**
 * How long this process trusts a session it looked up, so a page's burst of calls costs one read.
 * Ending a session, changing a user's role or password, or deleting them here takes effect at
 * once; done by another app process, within this many milliseconds.
 */
const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_SIZE = 10_000;

type SessionUser = PublicUser & { expiresAt: Date };

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

    // Least recently used sessions make room first; each entry lives SESSION_CACHE_MS at most.
    const remembered = new LRUCache<string, SessionUser>({
      max: SESSION_CACHE_SIZE,
      ttl: SESSION_CACHE_MS,
      ttlAutopurge: false,
    });
    app.decorate('forgetSessionsOf', (userId: string) => {
      for (const [hash, user] of remembered.entries()) {
        if (user.id === userId) remembered.delete(hash);
      }
    });

    async function resolveUser(request: FastifyRequest): Promise<SessionUser | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || token.length > 200) return null;
      const hash = hashToken(token);
      const now = Date.now();
      const known = remembered.get(hash);
      if (known && known.expiresAt.getTime() > now) return known;
      const user = (await findSessionUser(app.db, hash, new Date(now))) ?? null;
      if (!user) {
        remembered.delete(hash);
        return null;
      }
      remembered.set(hash, user);
      return user;
    }

    // Deny by default: a route that forgot to say who may call it stops the boot, and the check
    // below reads the matched route's own config, so no spelling of a URL can step around it.
    const declared: { method: string | string[]; url: string; config?: { access?: unknown } }[] =
      [];
    app.addHook('onRoute', (route) => {
      declared.push(route);
    });
    app.addHook('onReady', async () => {
      const silent = declared.filter((route) => route.config?.access === undefined);
      if (silent.length > 0) {
        const names = silent.map((route) => `${String(route.method)} ${route.url}`).join(', ');
        throw new Error(`Every route must declare its access; these do not: ${names}`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      // No route matched: the not-found handler answers with the web app's shell or a 404, never data.
      if (access === undefined && request.is404) return;
      const user = await resolveUser(request);
      if (!user) throw new AppError('unauthenticated', 401, 'Sign in to use this.');
      request.user = { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
      if (Array.isArray(access) && !access.includes(user.role)) {
        throw new AppError('forbidden', 403, `This needs the ${access.join(' or ')} role.`);
      }
      if (access === undefined) throw new AppError('forbidden', 403, 'This route is closed.');
    });

    app.decorateReply('startSession', async function (this: FastifyReply, userId: string) {
      // Rotate: whatever session the browser had before is ended, a new token is issued.
      const previous = this.request.cookies[SESSION_COOKIE];
      if (previous) {
        const hash = hashToken(previous);
        remembered.delete(hash);
        await deleteSession(app.db, hash);
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3_600_000);
      await insertSession(app.db, { tokenHash: hashToken(token), userId, expiresAt });
      this.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
    });

    app.decorateReply('endSession', async function (this: FastifyReply) {
      const token = this.request.cookies[SESSION_COOKIE];
      if (token) {
        const hash = hashToken(token);
        remembered.delete(hash);
        await deleteSession(app.db, hash);
      }
      this.clearCookie(SESSION_COOKIE, cookieOptions);
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
