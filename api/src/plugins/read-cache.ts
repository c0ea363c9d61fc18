// Answers to the read routes that opt in (`config: { readCache: true }`) are kept for a moment, per
// user and URL, so a burst of the same reads (everyone opening the dashboard before an all-hands)
// costs one computation. A write through this process ends every kept answer before its own
// response goes out, so a client never reads older data after its write; a write by another app
// process shows here within READ_CACHE_MS.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  interface FastifyInstance {
    /** Ends every kept answer: call after a change made outside a request (a recompute, say). */
    forgetReads(): void;
    /**
     * A computation every reader shares (the periods, a protected grid), kept like the answers:
     * computed once per generation and READ_CACHE_MS at most, and by one caller at a time.
     */
    sharedRead<T>(key: string, compute: () => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /** The route's 200 answers may be kept for READ_CACHE_MS, per user and URL. */
    readCache?: boolean;
  }
  interface FastifyRequest {
    /** Set on the read that computes an answer others wait for. */
    readFlight?: InFlight;
  }
}

export const READ_CACHE_MS = 1_000;
/** Longest a read waits for the same read computed by another request. */
const WAIT_FOR_FLIGHT_MS = 5_000;

interface Kept {
  body: string;
  contentType: string;
}

/** A read being computed, which the same reads arriving meanwhile wait for. */
interface InFlight {
  key: string;
  /** The generation of kept answers when it started: a write since makes its answer old. */
  generation: number;
  done: Promise<Kept | undefined>;
  settle(kept: Kept | undefined): void;
}

export default fp(
  async (app) => {
    // Bounded by bytes: a kept answer is a list page or a chart's data.
    const kept = new LRUCache<string, Kept>({
      maxSize: 32 * 1024 * 1024,
      sizeCalculation: (entry) => entry.body.length + 1,
      ttl: READ_CACHE_MS,
      ttlAutopurge: false,
    });
    // Every write moves it on and empties `kept`; an answer computed before the move is never kept
    // or served.
    let generation = 0;
    const shared = new LRUCache<string, Promise<unknown>>({
      max: 256,
      ttl: READ_CACHE_MS,
      ttlAutopurge: false,
    });
    const forget = () => {
      generation++;
      kept.clear();
      shared.clear();
    };
    app.decorate('forgetReads', forget);
    app.decorate('sharedRead', <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      const known = shared.get(key);
      if (known) return known as Promise<T>;
      const value = compute();
      shared.set(key, value);
      // A failure is not kept: the next caller tries again.
      value.catch(() => shared.get(key) === value && shared.delete(key));
      return value;
    });

    const keyOf = (userId: string, url: string) => `${userId} ${url}`;
    // When a kept answer runs out under a burst, one request computes it again and the rest wait.
    const inFlight = new Map<string, InFlight>();
    // Always the request's own flight: a newer one may have taken its place in the map meanwhile,
    // and those waiting on this one must still hear.
    const settle = (request: FastifyRequest, kept: Kept | undefined) => {
      const flight = request.readFlight;
      if (!flight) return;
      request.readFlight = undefined;
      if (inFlight.get(flight.key) === flight) inFlight.delete(flight.key);
      flight.settle(kept);
    };

    // After access checks and validation: a kept answer goes only to the user it was made for.
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' || !request.routeOptions.config.readCache || !request.user) {
        return;
      }
      const key = keyOf(request.user.id, request.url);
      const hit = kept.get(key);
      if (hit) return reply.type(hit.contentType).send(hit.body);
      const flight = inFlight.get(key);
      if (flight && flight.generation === generation) {
        // Bounded: should the first never be heard of, this read computes its own answer.
        let timer: NodeJS.Timeout | undefined;
        const answer = await Promise.race([
          flight.done,
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), WAIT_FOR_FLIGHT_MS);
          }),
        ]).finally(() => clearTimeout(timer));
        if (answer && flight.generation === generation) {
          return reply.type(answer.contentType).send(answer.body);
        }
        return;
      }
      let resolve!: (kept: Kept | undefined) => void;
      const done = new Promise<Kept | undefined>((r) => (resolve = r));
      request.readFlight = { key, generation, done, settle: resolve };
      inFlight.set(key, request.readFlight);
    });

    // Registered before compression: the payload here is the serialized JSON.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        if (reply.statusCode < 400) forget();
        return payload;
      }
      const flight = request.readFlight;
      if (!flight) return payload;
      let answer: Kept | undefined;
      if (
        flight.generation === generation &&
        reply.statusCode === 200 &&
        typeof payload === 'string'
      ) {
        answer = {
          body: payload,
          contentType: String(reply.getHeader('content-type') ?? 'application/json'),
        };
        kept.set(flight.key, answer);
      }
      settle(request, answer);
      return payload;
    });
    // A read that failed or was cut off before sending: whoever waited computes it themselves.
    const abandon = async (request: FastifyRequest) => settle(request, undefined);
    app.addHook('onResponse', abandon);
    app.addHook('onRequestAbort', abandon);
  },
  { name: 'read-cache' },
);
