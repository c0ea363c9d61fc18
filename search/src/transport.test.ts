import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '@kb/db';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnavailable } from './service.ts';
import { keepAliveTransport } from './transport.ts';

// A stand-in engine on loopback: enough to see how answers, refusals and silence come back.
let server: http.Server;
let url = '';
const seen: { method?: string; path?: string; auth?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({
        method: request.method,
        path: request.url,
        auth: request.headers.authorization,
        body,
      });
      if (request.url?.startsWith('/indexes/slow')) return; // never answers
      if (request.url?.startsWith('/indexes/missing')) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ message: 'Index `missing` not found.', code: 'index_not_found' }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ hits: [{ id: '1' }], query: JSON.parse(body || '{}').q }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (timeoutMs = 2000, host = url) =>
  new Meilisearch({
    host,
    apiKey: 'a-key-for-the-test',
    httpClient: keepAliveTransport(timeoutMs),
  });

describe('keepAliveTransport', () => {
  it('sends the request with its key and body, and resolves with the parsed answer', async () => {
    const result = await client().index('questions').search('career');
    expect(result.hits).toEqual([{ id: '1' }]);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/indexes/questions/search',
      auth: 'Bearer a-key-for-the-test',
    });
    expect(JSON.parse(seen.at(-1)!.body)).toMatchObject({ q: 'career' });
  });

  it('reports a refusal as a refusal, not as an engine that is down', async () => {
    const error = await client()
      .index('missing')
      .search('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isUnavailable(error)).toBe(false);
  });

  it('is described in logs by its code, without the engine message', async () => {
    const error = await client()
      .index('missing')
      .search('Porto')
      .catch((e: unknown) => e);
    const described = JSON.stringify(describeError(error));
    expect(described).toContain('index_not_found');
    expect(described).not.toContain('Index `missing`');
  });

  it('reports silence and a closed port as unavailable', async () => {
    const slow = await client(200)
      .index('slow')
      .search('x')
      .catch((e: unknown) => e);
    expect(isUnavailable(slow)).toBe(true);
    const closed = await client(200, 'http://127.0.0.1:1')
      .health()
      .catch((e: unknown) => e);
    expect(isUnavailable(closed)).toBe(true);
  });
});
