// The write path end to end: redaction on the server, what lands in every table, and what is logged.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
let admin: { cookie: string };
let editor: { cookie: string };
let viewer: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  editor = await signIn(t.app, 'editor');
  viewer = await signIn(t.app, 'viewer');
  const added = await t.app.inject({
    method: 'POST',
    url: '/api/roster',
    headers: admin,
    payload: { name: 'Ingrid Solberg' },
  });
  expect(added.statusCode).toBe(201);
});
afterAll(() => t.close());

const guidanceQuestion =
  'Ingrid gives me very little guidance on my goals, how can I make progress?';

/** Every text-like column of every table but the roster, as one list of strings. */
async function everyStoredText(): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    t.db.handle,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and table_name <> 'roster_entries'
          and data_type in ('text', 'character varying', 'jsonb', 'json')`,
  );
  const values: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await queryRows<{ value: string | null }>(
      t.db.handle,
      sql.raw(`select "${column_name}"::text as value from "${table_name}"`),
    );
    values.push(...rows.map((r) => r.value ?? ''));
  }
  return values;
}

describe('capturing a meeting', () => {
  it('stores the question with [name] in place of a roster name and keeps no trace of it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: {
        heldOn: '2026-03-12',
        questions: [
          { text: guidanceQuestion, categories: ['tough', 'management'] },
          {
            text: 'Can I write to ingrid.solberg@fabrikam.dev about my career path?',
            categories: ['career'],
          },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.meeting.week).toBe('2026-03-09'); // the Monday of that week, not the day
    expect(body.questions[0].text).toBe(
      '[name] gives me very little guidance on my goals, how can I make progress?',
    );
    expect(body.questions[0].categories.map((c: { slug: string }) => c.slug)).toEqual([
      'tough',
      'management',
    ]);
    expect(body.questions[1].text).not.toContain('ingrid.solberg@fabrikam.dev');

    const stored = await everyStoredText();
    const joined = stored.join('\n');
    expect(joined).toContain('[name] gives me very little guidance');
    for (const secret of ['Ingrid', 'Solberg', 'ingrid.solberg@fabrikam.dev']) {
      expect(joined).not.toContain(secret);
      expect(t.logs.text).not.toContain(secret);
    }
    // The question text itself is never logged either.
    expect(t.logs.text).not.toContain('how can I make progress');
  });

  it('keeps no participant identity and no exact date in meetings', async () => {
    const columns = await queryRows<{ column_name: string }>(
      t.db.handle,
      sql`select column_name from information_schema.columns where table_name = 'meetings'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(['id', 'week']);
  });

  it('queues every captured question for the search index in the same transaction', async () => {
    const queued = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from search_outbox o join questions q on q.id = o.question_id`,
    );
    expect(queued[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('lists and filters what was captured', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/questions', headers: viewer });
    expect(all.statusCode).toBe(200);
    // One meeting: the questions are listed, but no count says how few they are.
    expect(all.json()).toMatchObject({ total: null, more: false });
    expect(all.json().items).toHaveLength(2);
    for (const item of all.json().items) {
      expect(item).not.toHaveProperty('meetingId');
      expect(item).not.toHaveProperty('week');
      expect(item.period.label).toBe('Q1 2026');
    }

    const career = await t.app.inject({
      method: 'GET',
      url: '/api/questions?category=career',
      headers: viewer,
    });
    expect(career.json().items).toHaveLength(1);
    expect(career.json().items[0].categories[0].slug).toBe('career');

    // Dates widen to whole periods: a day inside the quarter takes in all of it.
    const inQuarter = await t.app.inject({
      method: 'GET',
      url: '/api/questions?to=2026-03-01',
      headers: viewer,
    });
    expect(inQuarter.json().items).toHaveLength(2);
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/questions?to=2025-12-31',
      headers: viewer,
    });
    expect(before.json().items).toHaveLength(0);

    const paged = await t.app.inject({
      method: 'GET',
      url: '/api/questions?limit=1&page=2',
      headers: viewer,
    });
    expect(paged.json()).toMatchObject({ total: null, more: false, page: 2, limit: 1 });
    expect(paged.json().items).toHaveLength(1);
  });

  it('previews redaction without storing anything', async () => {
    const before = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/redactions/preview',
      headers: editor,
      payload: { text: 'Ingrid said to call +1 (415) 555-0187' },
    });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.text).toBe('[name] said to call [phone]');
    expect(body.spans.map((s: { kind: string }) => s.kind)).toEqual(['name', 'phone']);
    const after = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('what a capture refuses', () => {
  async function counts() {
    const [row] = await queryRows<{ meetings: number; questions: number; outbox: number }>(
      t.db.handle,
      sql`select (select count(*)::int from meetings) as meetings,
                 (select count(*)::int from questions) as questions,
                 (select count(*)::int from search_outbox) as outbox`,
    );
    return row!;
  }

  it('answers 403 to a viewer and writes nothing', async () => {
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: viewer,
      payload: { heldOn: '2026-03-12', questions: [{ text: 'Why?', categories: [] }] },
    });
    expectProblem(response, 403);
    expect(await counts()).toEqual(before);
  });

  it('answers 401 without a session', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { heldOn: '2026-03-12', questions: [{ text: 'Why?', categories: [] }] },
      }),
      401,
    );
  });

  it.each([
    ['a missing date', { questions: [{ text: 'Why is that?', categories: [] }] }, 'body.heldOn'],
    [
      'an impossible date',
      { heldOn: '2026-02-30', questions: [{ text: 'Why is that?' }] },
      'body.heldOn',
    ],
    [
      'a future date',
      { heldOn: '2099-01-01', questions: [{ text: 'Why is that?' }] },
      'body.heldOn',
    ],
    ['no questions', { heldOn: '2026-03-12', questions: [] }, 'body.questions'],
    [
      'an empty question',
      { heldOn: '2026-03-12', questions: [{ text: '   ' }] },
      'body.questions.0.text',
    ],
    [
      'a text of the wrong type',
      { heldOn: '2026-03-12', questions: [{ text: 42 }] },
      'body.questions.0.text',
    ],
    [
      'a huge question',
      { heldOn: '2026-03-12', questions: [{ text: 'x'.repeat(5000) }] },
      'body.questions.0.text',
    ],
    [
      'an unknown category',
      {
        heldOn: '2026-03-12',
        questions: [
          { text: 'Fine question?', categories: ['career'] },
          { text: 'Another one?', categories: ['career', 'no-such-category'] },
        ],
      },
      'body.questions.1.categories.1',
    ],
  ])('answers 400 naming the field for %s, and writes nothing', async (_case, payload, field) => {
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload,
    });
    const problem = expectProblem(response, 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
    expect(problem.detail).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: { ...editor, 'content-type': 'application/json' },
      payload: '{"heldOn": ',
    });
    expectProblem(response, 400);
  });
});

describe('editing and deleting a question', () => {
  it('re-redacts edited text, changes categories, and audits who did it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/questions', headers: viewer });
    const id = list.json().items[0].id as string;

    expectProblem(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/questions/${id}`,
        headers: viewer,
        payload: { status: 'archived' },
      }),
      403,
    );
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/questions/${id}`,
      headers: editor,
      payload: {
        text: 'Does Ingrid Solberg decide priorities?',
        categories: ['priorities'],
        status: 'answered',
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().question).toMatchObject({
      text: 'Does [name] decide priorities?',
      status: 'answered',
      categories: [{ slug: 'priorities' }],
    });

    const audit = await queryRows<{ actor_email: string; action: string }>(
      t.db.handle,
      sql`select actor_email, action from audit_log where entity_id = ${id}`,
    );
    expect(audit).toContainEqual({ actor_email: 'editor@example.com', action: 'question.update' });

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/questions/${id}`,
      headers: editor,
    });
    expect(deleted.statusCode).toBe(204);
    expectProblem(
      await t.app.inject({ method: 'GET', url: `/api/questions/${id}`, headers: viewer }),
      404,
    );
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/questions/not-a-uuid', headers: viewer }),
      400,
    );
  });
});

describe('placing captured questions in themes', () => {
  it('commits the capture when a theme cannot be opened, and leaves the question to the recompute', async () => {
    // Placement opens themes in a savepoint of the capture's transaction: a failure there must not
    // take the meeting down with it.
    await t.db.handle.db.execute(sql`
      create function refuse_themes() returns trigger language plpgsql
      as $$ begin raise exception 'no new themes'; end $$`);
    await t.db.handle.db.execute(sql`
      create trigger refuse_themes before insert on themes
      for each row execute function refuse_themes()`);
    const text = 'Could the aquarium beside reception hold seahorses and an octopus?';
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: editor,
        payload: { heldOn: '2026-03-19', questions: [{ text, categories: ['predictable'] }] },
      });
      expect(response.statusCode).toBe(201);
    } finally {
      await t.db.handle.db.execute(sql`drop trigger refuse_themes on themes`);
      await t.db.handle.db.execute(sql`drop function refuse_themes()`);
    }
    const [stored] = await queryRows<{ theme_id: string | null; queued: number }>(
      t.db.handle,
      sql`select q.theme_id, (select count(*)::int from search_outbox o where o.question_id = q.id)
            as queued
          from questions q where q.text = ${text}`,
    );
    expect(stored).toEqual({ theme_id: null, queued: 1 });
    expect(t.logs.lines.some((line) => line.includes('theme assignment deferred'))).toBe(true);
  });
});
