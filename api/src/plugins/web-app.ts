// Serves the static SvelteKit build: hashed assets, and index.html for every page path (the app
// routes on the client). Unknown API paths get a problem+json 404.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundHandler } from '../errors.ts';

const indexOf = (webDir: string | null) => (webDir ? path.join(webDir, 'index.html') : null);

/**
 * CSP sources for the inline scripts of the built entry page, so the policy can allow exactly
 * those and no other inline script.
 */
export function inlineScriptHashes(webDir: string | null): string[] {
  const index = indexOf(webDir);
  if (!index || !existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
  }
  return hashes;
}

export default async function webAppPlugin(
  app: FastifyInstance,
  { webDir }: { webDir: string | null },
) {
  const index = indexOf(webDir);
  if (!webDir || !index || !existsSync(index)) {
    app.log.warn({ webDir }, 'web app not built: serving the API only');
    app.setNotFoundHandler(notFoundHandler);
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: 'index.html',
    // The build's precompressed .br/.gz files, when present, go out as they are.
    preCompressed: true,
    setHeaders(reply, file) {
      // Hashed assets never change under their name; everything else is revalidated.
      const immutable = file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) return reply.type('text/html').sendFile('index.html');
    return notFoundHandler(request, reply);
  });
}
