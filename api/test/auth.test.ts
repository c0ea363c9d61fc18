import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  createTestApp,
  expectProblem,
  queryRows,
  sessionCookie,
  signIn,
  type TestApp,
} from './support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sessions', () => {
  it('signs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
    const { cookie } = await signIn(t.app, 'editor');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: 'editor@example.com', role: 'editor' });

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'EDITOR@example.com', password: PASSWORD },
    });
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
  });

  it('refuses a wrong password or an unknown email with the same 401', async () => {
    await signIn(t.app, 'viewer');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'viewer@example.com', password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.com', password: 'not the password' },
    });
    expect(expectProblem(wrong, 401).detail).toBe(expectProblem(unknown, 401).detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 problem+json without a session, with a made-up one, and after logout', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/questions' }), 401);
    expectProblem(
      await t.app.inject({
        method: 'GET',
        url: '/api/questions',
        headers: { cookie: 'kb_session=forged' },
      }),
      401,
    );
    const { cookie } = await signIn(t.app, 'viewer', 'leaving@example.com');
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(logout.statusCode).toBe(204);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
      401,
    );
  });

  it('rotates the session on login: the old token stops working', async () => {
    const { cookie: first } = await signIn(t.app, 'editor', 'rotate@example.com');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first },
      payload: { email: 'rotate@example.com', password: PASSWORD },
    });
    const second = sessionCookie(again);
    expect(second).not.toBe(first);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } }),
      401,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } }))
        .statusCode,
    ).toBe(200);
  });

  it('stores only a digest of the session token and an argon2id password hash', async () => {
    const { cookie } = await signIn(t.app, 'editor', 'digest@example.com');
    const token = cookie.split('=')[1]!;
    const sessions = await queryRows<{ token_hash: string }>(
      t.db.handle,
      sql`select token_hash from sessions`,
    );
    const hashes = sessions.map((r) => r.token_hash);
    expect(hashes).not.toContain(token);
    expect(hashes.length).toBeGreaterThan(0);
    const users = await queryRows<{ password_hash: string }>(
      t.db.handle,
      sql`select password_hash from users`,
    );
    for (const u of users) expect(u.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('keeps health public', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });
});
