import Fastify from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import compressAnswers from './compress-answers.ts';

const app = Fastify();
const answer = (size: number) =>
  JSON.stringify({
    items: Array.from({ length: size / 40 }, (_, i) => `item ${i} of a long list`),
  });

beforeAll(async () => {
  await app.register(compressAnswers);
  app.get<{ Querystring: { size: string } }>('/answer', async (request, reply) =>
    reply.type('application/json').send(answer(Number(request.query.size))),
  );
  await app.ready();
});
afterAll(() => app.close());

describe('compressAnswers', () => {
  it('compresses small and large JSON answers alike, in the encoding asked for', async () => {
    // 4 KB is compressed on the request's thread, 600 KB in the thread pool.
    for (const size of [4_000, 600_000]) {
      const body = answer(size);
      for (const [asked, decode] of [
        ['gzip', gunzipSync],
        ['br, gzip', brotliDecompressSync],
      ] as const) {
        const response = await app.inject({
          url: `/answer?size=${size}`,
          headers: { 'accept-encoding': asked },
        });
        expect(response.headers['content-encoding']).toBe(asked === 'gzip' ? 'gzip' : 'br');
        expect(response.rawPayload.length).toBeLessThan(body.length / 4);
        expect(decode(response.rawPayload).toString('utf8')).toBe(body);
      }
    }
  });

  it('leaves an answer alone when the client asks for none', async () => {
    const response = await app.inject({ url: '/answer?size=600000' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(answer(600_000));
  });
});
