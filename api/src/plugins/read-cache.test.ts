// The kept answers on a bare server: a test route whose answer the test releases when it wants.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import readCache from './read-cache.ts';

let app: FastifyInstance;
let computed = 0;
let release: (() => void)[] = [];

async function serverWithSlowRead() {
  computed = 0;
  release = [];
  app = Fastify();
  await app.register(readCache);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    request.user = { id: 'u1', email: 'u1@example.com', role: 'viewer', createdAt: new Date() };
  });
  app.get('/slow', { config: { readCache: true } }, async () => {
    const n = ++computed;
    await new Promise<void>((resolve) => release.push(resolve));
    return { n };
  });
  app.post('/write', async () => ({ ok: true }));
  await app.ready();
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

afterEach(async () => app?.close());

describe('read cache', () => {
  it('computes a burst of one read once', async () => {
    await serverWithSlowRead();
    const reads = Array.from({ length: 5 }, () => app.inject({ method: 'GET', url: '/slow' }));
    await until(() => release.length === 1);
    release.shift()!();
    const answers = await Promise.all(reads);
    expect(answers.map((a) => a.json())).toEqual(Array(5).fill({ n: 1 }));
    expect(computed).toBe(1);
  });

  it('answers those waiting on a read that a write made old, after a newer read began', async () => {
    await serverWithSlowRead();
    const first = app.inject({ method: 'GET', url: '/slow' });
    await until(() => release.length === 1);
    const waiting = app.inject({ method: 'GET', url: '/slow' });
    await new Promise((r) => setTimeout(r, 20));
    await app.inject({ method: 'POST', url: '/write' });
    const newer = app.inject({ method: 'GET', url: '/slow' });
    await until(() => release.length === 2);
    release.shift()!();
    expect((await first).json()).toEqual({ n: 1 });
    // The one waiting hears at once and computes its own answer, the first being older than the
    // write: a second computation is now running beside the newer read's.
    await until(() => release.length === 2);
    release.splice(0).forEach((r) => r());
    expect((await waiting).json()).toEqual({ n: 3 });
    expect((await newer).json()).toEqual({ n: 2 });
  });
});

describe('read cache and writes', () => {
  let computedFor: string[];

  /** Two readers (the x-user header), a kept route, an engine route, one shared computation. */
  async function serverWithReaders() {
    computedFor = [];
    app = Fastify();
    await app.register(readCache);
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const id = String(request.headers['x-user'] ?? 'u1');
      if (id === 'nobody') return;
      request.user = { id, email: `${id}@example.com`, role: 'viewer', createdAt: new Date() };
    });
    let shared = 0;
    app.get('/kept', { config: { readCache: true } }, async (request) => {
      computedFor.push(`kept ${request.user!.id}`);
      return { n: computedFor.length };
    });
    app.get('/found', { config: { readCache: 'engine' } }, async (request) => {
      computedFor.push(`found ${request.user!.id}`);
      return { n: computedFor.length };
    });
    app.get('/shared', async (request) => {
      const value = await app.sharedRead('count', request.user!.id, async () => ++shared);
      return { value };
    });
    app.post('/write', async () => ({ ok: true }));
    app.post('/add', { config: { forgetsReads: 'writer' } }, async () => ({ ok: true }));
    app.post('/preview', { config: { forgetsReads: 'nothing' } }, async () => ({ ok: true }));
    await app.ready();
  }
  const read = (url: string, user: string) =>
    app.inject({ method: 'GET', url, headers: { 'x-user': user } });
  const post = (url: string, user: string) =>
    app.inject({ method: 'POST', url, headers: { 'x-user': user } });

  it("ends the adder's kept answers after an addition, and leaves everyone else's", async () => {
    await serverWithReaders();
    await read('/kept', 'u1');
    await read('/kept', 'u2');
    expect(computedFor).toEqual(['kept u1', 'kept u2']);
    await post('/add', 'u1');
    await read('/kept', 'u1');
    await read('/kept', 'u2');
    // u1 reads what came after their write; u2 is answered as a moment ago.
    expect(computedFor).toEqual(['kept u1', 'kept u2', 'kept u1']);
    await read('/kept', 'u1');
    expect(computedFor).toHaveLength(3);
  });

  it('computes a shared read again for a reader whose write came after it', async () => {
    await serverWithReaders();
    expect((await read('/shared', 'u1')).json()).toEqual({ value: 1 });
    expect((await read('/shared', 'u2')).json()).toEqual({ value: 1 });
    await post('/add', 'u2');
    expect((await read('/shared', 'u1')).json()).toEqual({ value: 1 });
    expect((await read('/shared', 'u2')).json()).toEqual({ value: 2 });
    // The newer one is everyone's from then on.
    expect((await read('/shared', 'u1')).json()).toEqual({ value: 2 });
  });

  it("ends answers from the engine when it applied changes, and everyone's when told", async () => {
    await serverWithReaders();
    await read('/kept', 'u1');
    await read('/found', 'u1');
    app.forgetEngineReads();
    await read('/kept', 'u1');
    await read('/found', 'u1');
    expect(computedFor).toEqual(['kept u1', 'found u1', 'found u1']);
    app.forgetReads();
    await read('/kept', 'u2');
    await read('/kept', 'u1');
    expect(computedFor.slice(3)).toEqual(['kept u2', 'kept u1']);
  });

  it("ends everyone's after any other write or an addition by nobody signed in; a read by POST ends nothing", async () => {
    await serverWithReaders();
    await read('/kept', 'u2');
    await post('/preview', 'u1');
    await read('/kept', 'u2');
    expect(computedFor).toEqual(['kept u2']);
    await post('/write', 'u1');
    await read('/kept', 'u2');
    await post('/add', 'nobody');
    await read('/kept', 'u2');
    expect(computedFor).toEqual(['kept u2', 'kept u2', 'kept u2']);
  });
});
