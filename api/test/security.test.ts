// Headers, cross-site writes, sign-in rate limit, session expiry, body size and what logs hold.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createTestApp, expectProblem, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

const capture = (headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: { ...editor, ...headers },
    payload: { heldOn: '2026-03-12', questions: [{ text: 'Is this from another site?' }] },
  });

describe('security', () => {
  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses cookie-authenticated writes from another site', async () => {
    expectProblem(await capture({ origin: 'https://evil.example' }), 403);
    expectProblem(await capture({ 'sec-fetch-site': 'cross-site' }), 403);
    expect(
      (await capture({ origin: 'http://localhost:80', host: 'localhost:80' })).statusCode,
    ).toBe(201);
    expect((await capture({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // A different account each time, so only the client's own limit can stop it.
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { email: `guess${i}@example.com`, password: 'guess number ' + i },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    const last = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.8.7',
      payload: { email: 'editor@example.com', password: PASSWORD },
    });
    expectProblem(last, 429);
  });

  it('refuses bodies over the limit with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/redactions/preview',
      headers: { ...editor, 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(400_000) }),
    });
    expectProblem(response, 413);
  });

  it('keeps passwords, session tokens and question text out of the logs', async () => {
    const secretQuestion = 'Is the secret reorganisation of the Lisbon office real?';
    await capture({}).catch(() => undefined);
    await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: { heldOn: '2026-03-12', questions: [{ text: secretQuestion }] },
    });
    await t.app.inject({
      method: 'GET',
      url: `/api/questions?category=${encodeURIComponent('not valid')}`,
      headers: editor,
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/redactions/preview',
      headers: editor,
      payload: { text: secretQuestion },
    });
    const token = editor.cookie.split('=')[1]!;
    expect(t.logs.lines.length).toBeGreaterThan(0);
    expect(t.logs.text).not.toContain(PASSWORD);
    expect(t.logs.text).not.toContain(token);
    expect(t.logs.text).not.toContain('Lisbon');
  });
});

describe('request logging', () => {
  it('writes one line per answered request: method, path without its query, status and time', async () => {
    for (const url of ['/api/search?q=reorganisation%20in%20Lisbon', '/api/nothing?q=Lisbon']) {
      const before = t.logs.lines.length;
      const response = await t.app.inject({ method: 'GET', url, headers: editor });
      const lines = t.logs.lines
        .slice(before)
        .map((line) => JSON.parse(line) as { msg?: string; req?: unknown; responseTime?: number });
      const requests = lines.filter((line) => line.req);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        msg: 'request completed',
        req: { method: 'GET', path: url.split('?')[0] },
        res: { statusCode: response.statusCode },
      });
      expect(requests[0]!.responseTime).toBeGreaterThan(0);
      expect(t.logs.lines.slice(before).join('\n')).not.toContain('Lisbon');
    }
  });
});

describe('a failing write', () => {
  it('answers 500 problem+json and logs no question text from the failed query', async () => {
    // A database that refuses this one question, as a broken constraint or disk would.
    await t.db.handle.db.execute(sql`
      create function refuse_question() returns trigger language plpgsql as $$
      begin
        if new.text like '%Porto%' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await t.db.handle.db.execute(sql`
      create trigger refuse_question before insert on questions
      for each row execute function refuse_question()`);
    try {
      const text = 'Will the Porto office close after the merger with our competitor?';
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: editor,
        payload: { heldOn: '2026-03-12', questions: [{ text, categories: [] }] },
      });
      const problem = expectProblem(response, 500);
      expect(JSON.stringify(problem)).not.toContain('Porto');
      const logged = t.logs.lines.filter((line) => line.includes('unhandled error'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).toContain('PostgresError');
      expect(t.logs.text).not.toContain('Porto');
      expect(t.logs.text).not.toContain('merger');
    } finally {
      await t.db.handle.db.execute(sql`drop trigger refuse_question on questions`);
      await t.db.handle.db.execute(sql`drop function refuse_question()`);
    }
  });
});

describe('session expiry', () => {
  it('stops accepting a session once it expires', async () => {
    const short = await createTestApp({ config: { sessionTtlHours: 1 / 3600 } });
    try {
      const { cookie } = await signIn(short.app, 'viewer');
      expect(
        (await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }))
          .statusCode,
      ).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expectProblem(
        await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
        401,
      );
    } finally {
      await short.close();
    }
  });
});
