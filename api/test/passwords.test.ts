// Password rules wherever a password is set, and changing your own password.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { createUser } from '../src/domain/users.ts';
import {
  PASSWORD,
  createTestApp,
  expectProblem,
  queryRows,
  sessionCookie,
  type TestApp,
} from './support.ts';

const NEW_PASSWORD = 'lilac mortgage umbrella sixty';

let t: TestApp;
let admin: { cookie: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionOf('admin@example.com', '198.51.100.1', 'admin');
});
afterAll(() => t.close());

/** Each test signs in from an address of its own, so the per-client limit never gets in the way. */
async function signInFrom(client: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: client,
    payload: { email, password },
  });
}

async function sessionOf(email: string, client: string, role: 'admin' | 'editor' = 'editor') {
  await createUser(t.app.db, { email, password: PASSWORD, role }, systemActor).catch(() => {});
  const response = await signInFrom(client, email, PASSWORD);
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { cookie: sessionCookie(response) };
}

const changePassword = (
  headers: { cookie: string } | undefined,
  body: { currentPassword: string; newPassword: string },
) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/auth/password',
    ...(headers ? { headers } : {}),
    payload: body,
  });

const me = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('new passwords', () => {
  it('refuses one an admin sets that is easy to guess, with the advice in the detail', async () => {
    const repeated = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'rosa@example.com', password: 'aaaaaaaaaaaa', role: 'viewer' },
    });
    const problem = expectProblem(repeated, 400);
    expect(problem.detail).toContain('too easy to guess');
    expect(problem.detail).toContain('Repeated characters like "aaa" are easy to guess.');
    expect(problem.errors).toEqual([{ path: 'body.password', message: 'is too easy to guess' }]);

    const ownEmail = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        email: 'rosa.mendes@example.com',
        password: 'rosa.mendes@example.com',
        role: 'viewer',
      },
    });
    expect(expectProblem(ownEmail, 400).detail).toContain('personal');

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'rosa@example.com', password: NEW_PASSWORD, role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);

    const common = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.json().user.id}`,
      headers: admin,
      payload: { password: 'password1234' },
    });
    expect(expectProblem(common, 400).detail).toContain('commonly used password');
  });

  // The command line connects on its own, which needs a server: PGlite lives inside this process.
  it.skipIf(inject('postgresServerUrl') === null)(
    'refuses one set from the command line, for new and existing accounts',
    async () => {
      const cli = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
          cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
          env: { PATH: process.env.PATH, DATABASE_URL: t.db.url!, KB_PASSWORD: 'aaaaaaaaaaaa' },
          encoding: 'utf8',
        });
      const created = cli(['create-user', '--email', 'cli@example.com', '--role', 'viewer']);
      expect(created.status).toBe(2);
      expect(created.stderr).toContain('too easy to guess');
      const changed = cli(['set-password', '--email', 'admin@example.com']);
      expect(changed.status).toBe(2);
      expect(changed.stderr).toContain('Repeated characters');
      const admin = await signInFrom('198.51.100.2', 'admin@example.com', PASSWORD);
      expect(admin.statusCode).toBe(200);
    },
  );
});

describe('changing your own password', () => {
  it('ends your other sessions, renews this one, and the new password signs in', async () => {
    const here = await sessionOf('changer@example.com', '198.51.100.10');
    const elsewhere = await sessionOf('changer@example.com', '198.51.100.11');
    expect((await me(elsewhere.cookie)).statusCode).toBe(200); // remembered by this process

    expectProblem(
      await changePassword(undefined, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      401,
    );
    const changed = await changePassword(here, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);
    const renewed = sessionCookie(changed);

    expect((await me(renewed)).statusCode).toBe(200);
    expectProblem(await me(elsewhere.cookie), 401);
    expectProblem(await me(here.cookie), 401);
    expectProblem(await signInFrom('198.51.100.12', 'changer@example.com', PASSWORD), 401);
    expect(
      (await signInFrom('198.51.100.12', 'changer@example.com', NEW_PASSWORD)).statusCode,
    ).toBe(200);
    const audit = await queryRows<{ detail: { fields: string[] } }>(
      t.db.handle,
      sql`select a.detail from audit_log a join users u on u.id::text = a.entity_id
          where u.email = 'changer@example.com' and a.action = 'user.update'`,
    );
    expect(audit.map((a) => a.detail.fields)).toEqual([['password']]);
  });

  it('refuses a wrong current password, and counts it toward the sign-in limit', async () => {
    const session = await sessionOf('forgetful@example.com', '198.51.100.20');
    for (let i = 1; i <= 5; i++) {
      const wrong = await changePassword(session, {
        currentPassword: `not it ${i}`,
        newPassword: NEW_PASSWORD,
      });
      expect(expectProblem(wrong, 400).errors).toEqual([
        { path: 'body.currentPassword', message: 'is not your current password' },
      ]);
    }
    const paused = await changePassword(session, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(expectProblem(paused, 429).detail).toMatch(/^Too many failed sign-ins/);
    expect(paused.headers['retry-after']).toBeDefined();
    expectProblem(await signInFrom('198.51.100.21', 'forgetful@example.com', PASSWORD), 429);
    // The password stayed what it was, and the session is still open.
    expect((await me(session.cookie)).statusCode).toBe(200);
  });

  it('refuses a new password that is easy to guess and keeps the session', async () => {
    const session = await sessionOf('careless@example.com', '198.51.100.30');
    const weak = await changePassword(session, {
      currentPassword: PASSWORD,
      newPassword: 'careless@example.com',
    });
    const problem = expectProblem(weak, 400);
    expect(problem.errors).toEqual([{ path: 'body.newPassword', message: 'is too easy to guess' }]);
    expect(problem.detail).toContain('personal');
    const short = await changePassword(session, {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(expectProblem(short, 400).errors?.[0]?.path).toBe('body.newPassword');
    expect((await me(session.cookie)).statusCode).toBe(200);
  });
});
