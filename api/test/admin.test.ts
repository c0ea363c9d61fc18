// Admin-only resources: users, categories and the redaction roster.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  createTestApp,
  expectProblem,
  queryRows,
  signIn,
  type TestApp,
} from './support.ts';

let t: TestApp;
let admin: { cookie: string };
let editor: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

describe('users', () => {
  it('lets an admin create, change and delete users, and nobody else', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/users', headers: editor }), 403);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'New.Person@Example.com', password: PASSWORD, role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({ email: 'new.person@example.com', role: 'viewer' });
    expect(created.body).not.toContain('argon2');

    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'new.person@example.com', password: PASSWORD, role: 'viewer' },
    });
    expect(expectProblem(duplicate, 409).errors?.[0]?.path).toBe('body.email');

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'weak@example.com', password: 'short', role: 'viewer' },
    });
    expect(expectProblem(weak, 400).errors?.[0]?.path).toBe('body.password');

    const promoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin,
      payload: { role: 'editor' },
    });
    expect(promoted.json().user.role).toBe('editor');

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${user.id}`,
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);
    const actions = await queryRows<{ action: string }>(
      t.db.handle,
      sql`select action from audit_log where entity_id = ${user.id} order by at`,
    );
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.update', 'user.delete']);
  });

  it('never lets the last admin go', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin });
    const id = me.json().user.id;
    expectProblem(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: admin,
        payload: { role: 'viewer' },
      }),
      409,
    );
    expectProblem(
      await t.app.inject({ method: 'DELETE', url: `/api/users/${id}`, headers: admin }),
      409,
    );
  });

  it('ends the sessions of a user whose role is lowered', async () => {
    const { cookie } = await signIn(t.app, 'editor', 'demoted@example.com');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${me.json().user.id}`,
      headers: admin,
      payload: { role: 'viewer' },
    });
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
      401,
    );
  });
});

describe('sessions of a deleted user', () => {
  it('stop working at once, even right after a request remembered them', async () => {
    const { cookie } = await signIn(t.app, 'viewer', 'leaving@example.com');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${me.json().user.id}`,
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
      401,
    );
  });
});

describe('categories', () => {
  it('lists the seeded defaults to every role', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/categories', headers: editor });
    const slugs = response.json().categories.map((c: { slug: string }) => c.slug);
    for (const slug of ['predictable', 'tough', 'career', 'diversity', 'priorities', 'mission']) {
      expect(slugs).toContain(slug);
    }
    const tones = response.json().categories.filter((c: { axis: string }) => c.axis === 'tone');
    expect(tones.map((c: { slug: string }) => c.slug).sort()).toEqual(['predictable', 'tough']);
  });

  it('lets an admin add, rename and delete a category', async () => {
    const payload = {
      slug: 'compensation',
      name: 'Compensation',
      colour: '#AA3366',
      axis: 'topic',
    };
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/categories', headers: editor, payload }),
      403,
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin,
      payload,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().category.colour).toBe('#aa3366');
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/categories', headers: admin, payload }),
      409,
    );

    const id = created.json().category.id;
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/categories/${id}`,
      headers: admin,
      payload: { name: 'Pay and benefits' },
    });
    expect(renamed.json().category.name).toBe('Pay and benefits');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin,
      payload: { ...payload, slug: 'Not A Slug', axis: 'mood' },
    });
    const paths = expectProblem(bad, 400).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.slug', 'body.axis']));
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/categories/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
  });
});

describe('roster', () => {
  it('is admin-only, refuses duplicates, and records changes without the name', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/roster', headers: editor }), 403);
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/roster',
      headers: admin,
      payload: { name: 'Helga Brandt' },
    });
    expect(added.statusCode).toBe(201);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/roster',
        headers: admin,
        payload: { name: 'Helga Brandt' },
      }),
      409,
    );
    const audit = await queryRows<{ detail: string }>(
      t.db.handle,
      sql`select detail::text from audit_log`,
    );
    expect(audit.map((a) => a.detail).join()).not.toContain('Helga');

    const id = added.json().entry.id;
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/roster/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await t.app.inject({ method: 'DELETE', url: `/api/roster/${id}`, headers: admin }),
      404,
    );
  });
});

describe('roster across app processes', () => {
  it('redacts a name another process just added, and stops once it is removed', async () => {
    const other = await createTestApp({ database: t.db });
    try {
      const preview = async () =>
        (
          await other.app.inject({
            method: 'POST',
            url: '/api/redactions/preview',
            headers: await signIn(other.app, 'editor', 'other-editor@example.com'),
            payload: { text: 'Ask Zephyrine about the budget' },
          })
        ).json<{ text: string }>().text;
      expect(await preview()).toContain('Zephyrine');
      const added = await t.app.inject({
        method: 'POST',
        url: '/api/roster',
        headers: admin,
        payload: { name: 'Zephyrine Okafor' },
      });
      expect(added.statusCode).toBe(201);
      expect(await preview()).toBe('Ask [name] about the budget');
      await t.app.inject({
        method: 'DELETE',
        url: `/api/roster/${added.json().entry.id}`,
        headers: admin,
      });
      expect(await preview()).toContain('Zephyrine');
    } finally {
      await other.close();
    }
  });
});

describe('API description', () => {
  it('serves an OpenAPI document built from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings',
        '/api/questions',
        '/api/questions/{id}',
        '/api/auth/login',
      ]),
    );
    expect(doc.paths['/api/meetings'].post.requestBody).toBeDefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});
