// Security headers, cross-site request refusal for cookie-authenticated writes, and the rate limit
// that sign-in declares.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares as URLs, so "http://host:80" and a Host header of "host" agree. */
function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // The SvelteKit entry page boots with a small inline script.
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    });

    // Only routes that opt in (sign-in) are limited.
    await app.register(rateLimit, { global: false });

    // The session cookie is SameSite=Strict already; refusing writes that a browser marks as coming
    // from another site, or whose Origin is not this host, closes the remaining gaps.
    app.addHook('onRequest', async (request) => {
      if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
      const fetchSite = request.headers['sec-fetch-site'];
      const origin = request.headers.origin;
      const crossSite = fetchSite === 'cross-site' || fetchSite === 'same-site';
      let foreignOrigin = false;
      if (origin) foreignOrigin = !sameHost(origin, request.headers.host);
      if (crossSite || foreignOrigin) {
        throw new AppError(
          'forbidden',
          403,
          'Requests from other sites may not change anything here.',
        );
      }
    });
  },
  { name: 'security' },
);
