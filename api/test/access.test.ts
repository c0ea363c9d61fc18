// Deny by default: every route of the OpenAPI document, reached over a real socket with every
// spelling of its URL a client can send, answers 401 or 404 without a session and gives no data.
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, signIn, testConfig, type TestApp } from './support.ts';

let t: TestApp;
let port: number;
let rosterName: string;
let questionId: string;

// The built web app is served too, as shipped: its static routes and page fallback are public.
const webDir = fileURLToPath(new URL('../../web/build', import.meta.url));

beforeAll(async () => {
  t = await createTestApp({ config: { webDir } });
  const admin = await signIn(t.app, 'admin');
  rosterName = 'Philippa Quennell';
  await t.app.inject({
    method: 'POST',
    url: '/api/roster',
    headers: admin,
    payload: { names: [rosterName] },
  });
  const captured = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: admin,
    payload: {
      heldOn: '2026-03-12',
      questions: [{ text: 'Which secret projects are planned for next year?' }],
    },
  });
  questionId = captured.json().questions[0].id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => t.close());

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Sends the request line exactly as written: no client library normalises the target. */
function rawRequest(method: string, target: string, accept = '*/*'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`${method} ${target} timed out`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    const body = method === 'GET' || method === 'DELETE' ? '' : '{}';
    // Written, not ended: a half-closed socket may be dropped before the answer is sent.
    socket.write(
      `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: ${accept}\r\n` +
        'Connection: close\r\n' +
        (body ? `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` : '') +
        `\r\n${body}`,
    );
  });
}

/** Ways to write one path that a router may read as the same route. */
function spellings(path: string): string[] {
  const rest = path.slice('/api/'.length);
  const first = rest[0] ?? 'x';
  const encodedFirst = `%${first.charCodeAt(0).toString(16)}`;
  return [
    path,
    `http://x${path}`,
    `http://127.0.0.1:${port}${path}`,
    `//${path.slice(1)}`,
    `/%61pi/${rest}`,
    `/%41pi/${rest}`,
    `/api/${encodedFirst}${rest.slice(1)}`,
    `/api%2F${rest}`,
    `/api%2f${rest}`,
    `/./api/${rest}`,
    `/api/./${rest}`,
    `/x/../api/${rest}`,
    `/api/x/../${rest}`,
    `/api/%2e/${rest}`,
    `/x/%2e%2e/api/${rest}`,
    `/API/${rest}`,
    `/Api/${rest.toUpperCase()}`,
    `${path}/`,
    `${path}?`,
    `${path}?x=1`,
    `${path}#`,
    `${path};`,
    `/api//${rest}`,
    `/api/${rest.replace(/\//g, '//')}`,
  ];
}

const publicRoutes = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/health']);

describe('deny by default', () => {
  it('refuses every route of the OpenAPI document without a session, however its URL is spelled', async () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, questionId),
      })),
    );
    expect(routes.length).toBeGreaterThan(30);

    const leaks: string[] = [];
    let requests = 0;
    for (const route of routes) {
      if (publicRoutes.has(`${route.method} ${route.path}`)) continue;
      for (const target of spellings(route.path)) {
        const response = await rawRequest(route.method, target);
        requests++;
        const refused = [400, 401, 404].includes(response.status);
        const problemJson = /content-type: application\/problem\+json/i.test(response.headers);
        // A problem names the path it was asked for; anything beyond that would be data.
        const answer = response.body.replace(/"(instance|detail)":"[^"]*"/g, '');
        const holdsData =
          answer.includes(rosterName) ||
          answer.includes(questionId) ||
          answer.includes('secret projects');
        if (!refused || !problemJson || holdsData) {
          leaks.push(
            `${route.method} ${target} → ${response.status} ${response.body.slice(0, 80)}`,
          );
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(requests).toBeGreaterThan(500);
  }, 300_000);

  it('runs no recompute for an absolute-form POST without a session', async () => {
    const response = await rawRequest('POST', 'http://x/api/themes/recompute');
    expect(response.status).toBe(401);
  });

  it('still serves the public routes and the web app shell without a session', async () => {
    expect((await rawRequest('GET', '/api/health')).status).toBe(200);
    expect((await rawRequest('GET', 'http://x/api/health')).status).toBe(200);
    expect((await rawRequest('GET', '/api/docs')).status).toBeLessThan(400);
    const shell = await rawRequest('GET', '/dashboard', 'text/html');
    expect(shell.status).toBe(200);
    expect(shell.body).toContain('<html');
    const asset = readdirSync(`${webDir}/_app/immutable/entry`)[0]!;
    expect((await rawRequest('GET', `/_app/immutable/entry/${asset}`)).status).toBe(200);
  });

  it('refuses to start when a route declares no access', async () => {
    const app = await buildApp(testConfig(), { dbHandle: t.db.handle, seed: false });
    app.get('/api/forgotten', () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/declare its access.*GET \/api\/forgotten/);
  });
});
