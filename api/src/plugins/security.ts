// Security headers, the Host allow-list, refusal of cross-site writes, and the rate limits that
// routes declare.
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import { AppError } from '../domain/errors.ts';

export interface SecurityOptions {
  config: Config;
  /** CSP sources (`'sha256-…'`) of the inline scripts the web app's pages boot with. */
  scriptHashes: readonly string[];
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host part of a Host header without its port, lower-cased; null when it is not one. */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Which Host headers are served. With PUBLIC_URL, its host alone; listening on loopback, loopback
 * names alone (a page on another site that rebinds its DNS name to 127.0.0.1 gets nothing); else
 * any, since the operator has said nothing narrower.
 */
function hostAllowList(config: Config): ((host: string) => boolean) | null {
  if (config.publicUrl) {
    const expected = config.publicUrl.hostname;
    return (host) => host === expected || loopbackHosts.has(host);
  }
  if (loopbackHosts.has(config.host) || config.host === '::1') {
    return (host) => loopbackHosts.has(host);
  }
  return null;
}

/**
 * The origin a same-site browser sends with a write: scheme, host and port, exactly as a browser
 * serialises it (lower case, default port left out).
 */
function expectedOrigin(request: FastifyRequest, config: Config): string | null {
  if (config.publicUrl) return config.publicUrl.origin;
  try {
    return new URL(`${request.protocol}://${request.headers.host ?? ''}`).origin;
  } catch {
    return null;
  }
}

/** An Origin header is a bare origin: one with credentials, a path or a query is forged. */
function sameOrigin(header: string, expected: string | null): boolean {
  if (!expected) return false;
  try {
    const url = new URL(header);
    const bare = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
    return bare && !header.endsWith('/') && url.origin === expected;
  } catch {
    return false;
  }
}

/** Helmet reports a failing header middleware through its callback: let it fail the start. */
const throwError = (error?: unknown) => {
  if (error) throw error;
};

/**
 * The headers a helmet middleware writes, worked out once: no directive here depends on the
 * request, so every answer gets the same list, without helmet joining the policy again each time.
 * A directive that does (a function, such as a per-request nonce) would be frozen at its first
 * value: this is only for fixed policies.
 */
export function fixedHeaders(
  middleware: ReturnType<typeof helmet>,
): (response: ServerResponse) => void {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.push([name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, throwError);
  return (response) => {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of set) response.setHeader(name, value);
  };
}

export default fp<SecurityOptions>(
  async (app, { config, scriptHashes }) => {
    // Built once: the Fastify wrapper of the same library builds it again on every request.
    const helmetMiddleware = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // The SvelteKit entry page boots with one inline script: allowed by its hash, no other.
          scriptSrc: ["'self'", ...scriptHashes],
          // Svelte transitions and the charts set style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          // Only behind HTTPS: on plain HTTP it would break every request to the product.
          ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS on plain HTTP would pin browsers to an HTTPS that does not exist.
      strictTransportSecurity: config.cookieSecure
        ? { maxAge: 180 * 24 * 3600, includeSubDomains: true }
        : false,
      crossOriginEmbedderPolicy: false,
    });
    const securityHeaders = fixedHeaders(helmetMiddleware);

    // Only routes that opt in (sign-in, the redaction preview) are limited.
    await app.register(rateLimit, { global: false });

    const hostAllowed = hostAllowList(config);
    if (!hostAllowed) {
      app.log.warn(
        'PUBLIC_URL is not set: any Host header is served and Origin is checked against it',
      );
    }

    app.addHook('onRequest', async (request, reply) => {
      // Set on every answer, errors included: the library writes them to the raw response.
      securityHeaders(reply.raw);
      if (hostAllowed) {
        const host = hostName(request.headers.host);
        if (!host || !hostAllowed(host)) {
          throw new AppError('misdirected', 421, 'This server does not serve that host name.');
        }
      }
      if (safeMethods.has(request.method)) return;
      // The session cookie is SameSite=Strict already; refusing writes that a browser marks as
      // coming from another site, or whose Origin is not exactly this one, closes the remaining gaps.
      const fetchSite = request.headers['sec-fetch-site'];
      const origin = request.headers.origin;
      const crossSite = fetchSite === 'cross-site' || fetchSite === 'same-site';
      const foreignOrigin =
        origin !== undefined && !sameOrigin(origin, expectedOrigin(request, config));
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
