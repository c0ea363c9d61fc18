// Response headers and the request checks that sit in front of every route: HSTS only behind
// HTTPS, scripts allowed by hash, exact Origin comparison, and the Host allow-list.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestDatabase,
  expectProblem,
  signIn,
  type TestApp,
  type TestDatabase,
} from './support.ts';

const webDir = fileURLToPath(new URL('../../web/build', import.meta.url));

let database: TestDatabase;
let plain: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  plain = await createTestApp({ database, config: { webDir } });
});
afterAll(async () => {
  await plain.close();
  await database.drop();
});

const capture = (app: TestApp, headers: Record<string, string>) =>
  app.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers,
    payload: { heldOn: '2026-03-12', questions: [{ text: 'Where is this write coming from?' }] },
  });

describe('headers', () => {
  it('sends neither HSTS nor upgrade-insecure-requests on plain HTTP', async () => {
    const response = await plain.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('sends the same headers with a refusal and with a page not found', async () => {
    for (const url of ['/api/questions', '/api/no-such-route']) {
      const response = await plain.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('sends both behind HTTPS (COOKIE_SECURE=true)', async () => {
    const secure = await createTestApp({ database, config: { cookieSecure: true } });
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });

  it("allows the entry page's inline script by its hash and no other inline script", async () => {
    const page = await plain.app.inject({
      method: 'GET',
      url: '/dashboard',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    const html = readFileSync(`${webDir}/index.html`, 'utf8');
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(scriptSrc).toContain(`'sha256-${hash}'`);
    expect(policy).toContain("object-src 'none'");
  });
});

describe('cross-site writes', () => {
  it('compares the Origin by scheme, host and port, and refuses credentials in it', async () => {
    const editor = await signIn(plain.app, 'editor');
    const host = { ...editor, host: 'localhost:3000' };
    expect((await capture(plain, { ...host, origin: 'http://localhost:3000' })).statusCode).toBe(
      201,
    );
    for (const origin of [
      'https://localhost:3000',
      'http://localhost:3001',
      'http://localhost',
      'http://evil@localhost:3000',
      'http://localhost:3000@evil.example',
      'http://localhost:3000/',
      'http://localhost:3000/path',
      'null',
      'not a url',
    ]) {
      expectProblem(await capture(plain, { ...host, origin }), 403);
    }
    expectProblem(await capture(plain, { ...editor, 'sec-fetch-site': 'cross-site' }), 403);
  });

  it('refuses cross-site writes whatever the URL looks like', async () => {
    const editor = await signIn(plain.app, 'editor');
    const response = await plain.app.inject({
      method: 'POST',
      url: '/%61pi/meetings',
      headers: { ...editor, origin: 'https://evil.example' },
      payload: { heldOn: '2026-03-12', questions: [{ text: 'Spelled another way?' }] },
    });
    expect([403, 404]).toContain(response.statusCode);
    expect(response.statusCode).not.toBe(201);
  });
});

describe('PUBLIC_URL', () => {
  it('fixes the expected origin and the host names served', async () => {
    const fixed = await createTestApp({
      database,
      config: { publicUrl: new URL('https://asked.example.com'), host: '0.0.0.0' },
    });
    try {
      const editor = await signIn(fixed.app, 'editor');
      const here = { ...editor, host: 'asked.example.com' };
      expect(
        (await capture(fixed, { ...here, origin: 'https://asked.example.com' })).statusCode,
      ).toBe(201);
      expectProblem(await capture(fixed, { ...here, origin: 'http://asked.example.com' }), 403);
      expectProblem(
        await fixed.app.inject({
          method: 'GET',
          url: '/api/health',
          headers: { host: 'rebound.evil.example' },
        }),
        421,
      );
      // Health checks from inside the container or host still reach it on loopback.
      const local = await fixed.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { host: '127.0.0.1:3000' },
      });
      expect(local.statusCode).toBe(200);
    } finally {
      await fixed.close();
    }
  });

  it('serves only loopback names when listening on loopback', async () => {
    const response = await plain.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'attacker.example:3000' },
    });
    expectProblem(response, 421);
  });
});

describe('delivery', () => {
  it('caches hashed assets for good and revalidates the page, compressed', async () => {
    const entry = readdirSync(`${webDir}/_app/immutable/entry`).find((f) => f.endsWith('.js'))!;
    const asset = await plain.app.inject({
      method: 'GET',
      url: `/_app/immutable/entry/${entry}`,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await plain.app.inject({
      method: 'GET',
      url: '/dashboard',
      headers: { accept: 'text/html', 'accept-encoding': 'gzip' },
    });
    expect(page.headers['cache-control']).toBe('no-cache');
    const chunks = readdirSync(`${webDir}/_app/immutable/chunks`);
    const largest = chunks
      .map((name) => ({ name, size: statSync(`${webDir}/_app/immutable/chunks/${name}`).size }))
      .sort((a, b) => b.size - a.size)[0]!;
    const big = await plain.app.inject({
      method: 'GET',
      url: `/_app/immutable/chunks/${largest.name}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.rawPayload.length).toBeLessThan(largest.size / 2);
  });

  it('compresses JSON answers in the encoding asked for, and the same bytes come back', async () => {
    const admin = await signIn(plain.app, 'admin');
    const ask = (encoding: string | undefined) =>
      plain.app.inject({
        method: 'GET',
        url: '/api/categories',
        headers: { ...admin, ...(encoding ? { 'accept-encoding': encoding } : {}) },
      });
    const identity = await ask(undefined);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.length).toBeGreaterThan(1024);
    const cases: [string, string | undefined][] = [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['identity', undefined],
    ];
    for (const [asked, expected] of cases) {
      const response = await ask(asked);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(expected);
      if (!expected) continue;
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      const body =
        expected === 'br'
          ? brotliDecompressSync(response.rawPayload)
          : gunzipSync(response.rawPayload);
      expect(body.toString('utf8')).toBe(identity.body);
    }
  });

  it('compresses streamed exports, which leave the JSON answer path', async () => {
    const admin = await signIn(plain.app, 'admin');
    const questions = Array.from({ length: 12 }, (_, i) => ({
      text: `How will the roadmap for the platform change in quarter ${i + 1}?`,
    }));
    const captured = await plain.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: admin,
      payload: { heldOn: '2026-03-12', questions },
    });
    expect(captured.statusCode).toBe(201);
    const plainCsv = await plain.app.inject({
      method: 'GET',
      url: '/api/export?format=csv',
      headers: admin,
    });
    expect(plainCsv.body.length).toBeGreaterThan(1024);
    const response = await plain.app.inject({
      method: 'GET',
      url: '/api/export?format=csv',
      headers: { ...admin, 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(plainCsv.body);
  });

  it('compresses API answers', async () => {
    const admin = await signIn(plain.app, 'admin');
    const response = await plain.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { ...admin, 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});
