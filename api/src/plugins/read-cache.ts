// Answers to the read routes that opt in (`config: { readCache: true }`) are kept for a moment, per
// user and URL, so a burst of the same reads (everyone opening the dashboard before an all-hands)
// costs one computation. A write through this process ends every kept answer before its own
// response goes out, so a client never reads older data after a write; a write by another app
// process shows here within READ_CACHE_MS. A route that only adds (a capture) may say so
// (`forgetsReads: 'writer'`): what was kept then ends for the writer alone, and everyone else sees
// the addition within READ_CACHE_MS, as after a write through another process. With somebody
// capturing every few seconds, emptying every kept answer at each capture had every reader
// recompute the dashboard. A read that goes by POST (a preview) says `forgetsReads: 'nothing'`.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  interface FastifyInstance {
    /** Ends every kept answer, for everyone: call after a change made outside a request (a recompute, say). */
    forgetReads(): void;
    /** Ends the kept answers of routes that read the search engine: call when it applied changes. */
    forgetEngineReads(): void;
    /**
     * A computation every reader shares (the periods, a protected grid), kept like the answers:
     * computed once and READ_CACHE_MS at most, by one caller at a time, and again for a reader
     * whose own write came after it was begun. `reader` is the signed-in user's id.
     */
    sharedRead<T>(key: string, reader: string | null, compute: () => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /**
     * The route's 200 answers may be kept for READ_CACHE_MS, per user and URL. 'engine' marks a
     * route whose answers come from the search engine: they end too when it applies changes.
     */
    readCache?: boolean | 'engine';
    /**
     * What a successful write through the route ends of the kept answers: everyone's (unless
     * told), only the writer's for a write that only adds, or nothing for a read sent by POST.
     */
    forgetsReads?: 'everyone' | 'writer' | 'nothing';
  }
  interface FastifyRequest {
    /** Set on the read that computes an answer others wait for. */
    readFlight?: InFlight;
  }
}

export const READ_CACHE_MS = 1_000;
/** Longest a read waits for the same read computed by another request. */
const WAIT_FOR_FLIGHT_MS = 5_000;
/** Writers remembered at once, the latest first. */
const WRITERS = 10_000;

/** When a kept thing was begun: the write generation, and the engine's for answers that read it. */
interface Born {
  generation: number;
  engine: number;
}

interface Kept {
  body: string;
  contentType: string;
  born: Born;
}

/** A read being computed, which the same reads arriving meanwhile wait for. */
interface InFlight {
  key: string;
  born: Born;
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
    const shared = new LRUCache<string, { value: Promise<unknown>; born: Born }>({
      max: 256,
      ttl: READ_CACHE_MS,
      ttlAutopurge: false,
    });
    // Every write through this process moves `generation` on; the writer's next reads take only
    // what was begun at or after the generation of their write.
    let generation = 0;
    let engine = 0;
    // Without a time limit: a computation begun before a write may still be running long after.
    const writtenAt = new LRUCache<string, number>({ max: WRITERS });
    // Moved by a change for everyone: nothing begun before it is anybody's.
    let everyoneFrom = 0;
    let engineFrom = 0;

    const now = (): Born => ({ generation, engine });
    const usable = (born: Born, reader: string | null, followsEngine: boolean) =>
      born.generation >= everyoneFrom &&
      (!followsEngine || born.engine >= engineFrom) &&
      (reader === null || born.generation >= (writtenAt.get(reader) ?? 0));

    /** A write by `writer` ends what was kept for them alone; by null, for everyone. */
    const wrote = (writer: string | null) => {
      generation++;
      if (writer !== null) {
        writtenAt.set(writer, generation);
        return;
      }
      everyoneFrom = generation;
      kept.clear();
      shared.clear();
    };
    app.decorate('forgetReads', () => wrote(null));
    app.decorate('forgetEngineReads', () => {
      engineFrom = ++engine;
    });

    app.decorate(
      'sharedRead',
      <T>(key: string, reader: string | null, compute: () => Promise<T>): Promise<T> => {
        const known = shared.get(key);
        if (known && usable(known.born, reader, false)) return known.value as Promise<T>;
        const value = compute();
        const entry = { value, born: now() };
        shared.set(key, entry);
        // A failure is not kept: the next caller tries again.
        value.catch(() => shared.get(key) === entry && shared.delete(key));
        return value;
      },
    );

    const keyOf = (userId: string, url: string) => `${userId} ${url}`;
    // When a kept answer runs out under a burst, one request computes it again and the rest wait.
    const inFlight = new Map<string, InFlight>();
    // Always the request's own flight: a newer one may have taken its place in the map meanwhile,
    // and those waiting on this one must still hear.
    const settle = (request: FastifyRequest, answer: Kept | undefined) => {
      const flight = request.readFlight;
      if (!flight) return;
      request.readFlight = undefined;
      if (inFlight.get(flight.key) === flight) inFlight.delete(flight.key);
      flight.settle(answer);
    };

    // After access checks and validation: a kept answer goes only to the user it was made for.
    app.addHook('preHandler', async (request, reply) => {
      const readCache = request.routeOptions.config.readCache;
      if (request.method !== 'GET' || !readCache || !request.user) return;
      const reader = request.user.id;
      const followsEngine = readCache === 'engine';
      const fresh = (born: Born) => usable(born, reader, followsEngine);
      const key = keyOf(reader, request.url);
      const hit = kept.get(key);
      if (hit && fresh(hit.born)) return reply.type(hit.contentType).send(hit.body);
      const flight = inFlight.get(key);
      if (flight && fresh(flight.born)) {
        // Bounded: should the first never be heard of, this read computes its own answer.
        let timer: NodeJS.Timeout | undefined;
        const answer = await Promise.race([
          flight.done,
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), WAIT_FOR_FLIGHT_MS);
          }),
        ]).finally(() => clearTimeout(timer));
        // A write by this reader while it waited makes the answer old for them.
        if (answer && fresh(answer.born)) return reply.type(answer.contentType).send(answer.body);
        return;
      }
      let resolve!: (kept: Kept | undefined) => void;
      const done = new Promise<Kept | undefined>((r) => (resolve = r));
      request.readFlight = { key, born: now(), done, settle: resolve };
      inFlight.set(key, request.readFlight);
    });

    // Registered before compression: the payload here is the serialized JSON.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const reach = request.routeOptions.config.forgetsReads ?? 'everyone';
        if (reply.statusCode < 400 && reach !== 'nothing') {
          wrote(reach === 'writer' ? (request.user?.id ?? null) : null);
        }
        return payload;
      }
      const flight = request.readFlight;
      if (!flight) return payload;
      let answer: Kept | undefined;
      if (reply.statusCode === 200 && typeof payload === 'string') {
        answer = {
          body: payload,
          contentType: String(reply.getHeader('content-type') ?? 'application/json'),
          born: flight.born,
        };
        // Kept even when a write came meanwhile: it is old only for whoever wrote. A newer answer
        // the same reader got meanwhile stays.
        const current = kept.get(flight.key);
        if (!current || current.born.generation <= answer.born.generation) {
          kept.set(flight.key, answer);
        }
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
