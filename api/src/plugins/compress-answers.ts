// Compression of the API's JSON answers, which are whole strings by the time they are sent: done at
// once on the request's thread. Through @fastify/compress's streams, a search answer of 8 KB took
// 0.5 to 0.9 ms to compress (a hop to the thread pool per chunk) against 0.05 to 0.15 ms here.
// Every JSON answer is compressed here (routes with a response schema skip @fastify/compress
// altogether); streams (pages, assets, exports) still go to @fastify/compress, which leaves alone
// an answer that already says how it is encoded.
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import fp from 'fastify-plugin';

/** Below this, compressing costs more than the bytes it saves (the threshold @fastify/compress has). */
const MIN_CHARACTERS = 1024;

/**
 * Above this, the thread pool compresses it in one task: a few milliseconds of compressing would
 * hold up every other request on this thread (a page of themes or trends stays well below).
 */
const INLINE_CHARACTERS = 256 * 1024;

const gzipInPool = promisify(gzip);
const brotliInPool = promisify(brotliCompress);

/** The quality @fastify/compress uses: most of the gain of brotli for a fraction of its time. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

const isJson = (type: unknown) =>
  typeof type === 'string' &&
  (type.startsWith('application/json') || type.startsWith('application/problem+json'));

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string') return payload;
      if (payload.length < MIN_CHARACTERS) return payload;
      if (reply.hasHeader('content-encoding') || !isJson(reply.getHeader('content-type'))) {
        return payload;
      }
      if (request.headers['x-no-compression'] !== undefined) return payload;
      // Negotiated by the library @fastify/compress uses, so both choose alike; brotli first.
      const accepted = request.headers['accept-encoding'];
      const encoding = typeof accepted === 'string' ? negotiate(accepted, ['br', 'gzip']) : null;
      if (!encoding) return payload;
      const vary = reply.getHeader('vary');
      if (!vary) reply.header('vary', 'Accept-Encoding');
      else if (!/accept-encoding/i.test(String(vary))) {
        reply.header('vary', `${String(vary)}, Accept-Encoding`);
      }
      reply.header('content-encoding', encoding);
      reply.removeHeader('content-length');
      if (payload.length <= INLINE_CHARACTERS) {
        return encoding === 'br' ? brotliCompressSync(payload, BROTLI) : gzipSync(payload);
      }
      return encoding === 'br' ? brotliInPool(payload, BROTLI) : gzipInPool(payload);
    });
  },
  { name: 'compress-answers' },
);
