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
