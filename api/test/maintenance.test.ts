// Retention: expired sessions, outbox rows indexed long ago and stale sign-in counts go; what is
// still needed stays.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: string }>(t.db.handle, query))[0]?.n ?? 0);

describe('maintenance', () => {
  it('deletes expired sessions and outbox rows indexed over a week ago, and keeps the rest', async () => {
    const editor = await signIn(t.app, 'editor');
    const [user] = await queryRows<{ id: string }>(
      t.db.handle,
      sql`select id from users where email = 'editor@example.com'`,
    );
    await t.db.handle.db.execute(sql`
      insert into sessions (token_hash, user_id, expires_at)
      values ('expired-one', ${user!.id}, now() - interval '1 hour')`);
    const question = '6f1c7c56-5b0e-4c52-9a3e-0d6a3c0b9e11';
    await t.db.handle.db.execute(sql`
      insert into search_outbox (question_id, operation, processed_at) values
        (${question}, 'upsert', now() - interval '8 days'),
        (${question}, 'upsert', now() - interval '1 day'),
        (${question}, 'upsert', null)`);

    const result = await t.app.runMaintenance();

    expect(result.outboxRows).toBe(1);
    expect(await count(sql`select count(*) as n from search_outbox`)).toBe(2);
    expect(
      await count(sql`select count(*) as n from sessions where token_hash = 'expired-one'`),
    ).toBe(0);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: editor });
    expect(me.statusCode).toBe(200);
  });
});
