// Answers, prep packs, digest, import and export: the all-hands side of the product.
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { essayMeetings } from '../src/demo/essay.ts';
import {
  captureEssay,
  createSearchTestApp,
  expectProblem,
  queryRows,
  signIn,
  waitForSearchSync,
} from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let editor: { cookie: string };
let admin: { cookie: string };
let viewer: { cookie: string };

async function themeIdOf(text: string): Promise<string> {
  const [row] = await queryRows<{ theme_id: string }>(
    t.db.handle,
    sql`select theme_id from questions where text = ${text}`,
  );
  return row!.theme_id;
}

beforeAll(async () => {
  t = await createSearchTestApp();
  editor = await signIn(t.app, 'editor');
  admin = await signIn(t.app, 'admin');
  viewer = await signIn(t.app, 'viewer');
  await captureEssay(t.app, editor);
  await t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: admin });
  await waitForSearchSync(t.app);
}, 120_000);
afterAll(() => t?.close());

const diversityQuestion =
  'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?';

describe('answers', () => {
  it('answering a theme marks it answered, makes the answer searchable, and goes stale after review-by', async () => {
    const themeId = await themeIdOf(diversityQuestion);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: editor });
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${themeId}/answer`,
      headers: editor,
      payload: {
        body: 'We are publishing our **hiring funnel** numbers every quarter and started an inclusion council.',
        status: 'answered',
        ownerId: me.json().user.id,
        answeredIn: 'all-hands',
        answeredOn: '2015-07-16',
        reviewBy: '2015-12-31',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().answer).toMatchObject({
      status: 'answered',
      answeredIn: 'all-hands',
      stale: true,
    });

    const theme = await t.app.inject({
      method: 'GET',
      url: `/api/themes/${themeId}`,
      headers: viewer,
    });
    expect(theme.json().theme.answer.status).toBe('answered');
    for (const q of theme.json().questions) expect(q.status).toBe('answered');

    await waitForSearchSync(t.app);
    const search = await t.app.inject({
      method: 'GET',
      url: '/api/search?q=inclusion+council',
      headers: viewer,
    });
    expect(search.json().hits.map((h: { text: string }) => h.text)).toContain(diversityQuestion);

    const fresh = await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${themeId}/answer`,
      headers: editor,
      payload: { body: 'Updated.', status: 'follow-up', reviewBy: '2100-12-31' },
    });
    expect(fresh.json().answer).toMatchObject({ status: 'follow-up', stale: false });

    const audit = await queryRows<{ action: string }>(
      t.db.handle,
      sql`select action from audit_log where entity_id = ${themeId}`,
    );
    expect(audit.filter((a) => a.action === 'answer.save')).toHaveLength(2);
  });

  it('names the admins and editors an answer may be owned by, and refuses an owner who is nobody', async () => {
    const owners = await t.app.inject({
      method: 'GET',
      url: '/api/answers/owners',
      headers: viewer,
    });
    expect(owners.statusCode).toBe(200);
    const emails = owners.json().owners.map((o: { email: string }) => o.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@example.com', 'editor@example.com']));
    expect(emails).not.toContain('viewer@example.com');
    expect((await t.app.inject({ method: 'GET', url: '/api/answers/owners' })).statusCode).toBe(
      401,
    );

    const themeId = await themeIdOf(diversityQuestion);
    const owner = owners.json().owners.find((o: { email: string }) => o.email.startsWith('admin'));
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${themeId}/answer`,
      headers: editor,
      payload: { body: 'Owned.', status: 'follow-up', ownerId: owner.id, reviewBy: '2100-01-31' },
    });
    expect(saved.json().answer).toMatchObject({ ownerId: owner.id, reviewBy: '2100-01-31' });
    const problem = expectProblem(
      await t.app.inject({
        method: 'PUT',
        url: `/api/themes/${themeId}/answer`,
        headers: editor,
        payload: { status: 'open', ownerId: '00000000-0000-4000-8000-000000000000' },
      }),
      400,
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.ownerId']);
  });

  it('refuses viewers and bad answers', async () => {
    const themeId = await themeIdOf(diversityQuestion);
    expectProblem(
      await t.app.inject({
        method: 'PUT',
        url: `/api/themes/${themeId}/answer`,
        headers: viewer,
        payload: { status: 'answered' },
      }),
      403,
    );
    expectProblem(
      await t.app.inject({
        method: 'PUT',
        url: `/api/themes/${themeId}/answer`,
        headers: editor,
        payload: { status: 'maybe' },
      }),
      400,
    );
  });
});

describe('prep pack', () => {
  it('proposes unanswered themes and exports Markdown with the tough questions under their categories', async () => {
    const diversityTheme = await themeIdOf(diversityQuestion);
    await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${diversityTheme}/answer`,
      headers: editor,
      payload: {
        body: 'Updated.',
        status: 'answered',
        answeredIn: 'all-hands',
        answeredOn: '2015-07-16',
      },
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'Q3 all-hands', eventOn: '2015-07-30' },
    });
    expect(created.statusCode).toBe(201);
    const pack = created.json().pack;
    expect(pack.entries.length).toBeGreaterThan(0);
    // The answered diversity theme is not proposed.
    expect(pack.entries.map((e: { id: string }) => e.id)).not.toContain(diversityTheme);

    // Make sure every essay question is in, ordered by the editor, with a draft answer: each
    // theme, and each question the grouping left among "other questions" on its own.
    const themes = await queryRows<{ theme_id: string }>(
      t.db.handle,
      sql`select distinct theme_id from questions where theme_id is not null`,
    );
    const loose = await queryRows<{ id: string }>(
      t.db.handle,
      sql`select id from questions where theme_id is null`,
    );
    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${pack.id}`,
      headers: editor,
      payload: {
        items: [
          ...themes.map((row, i) => ({
            themeId: row.theme_id,
            draftAnswer: i === 0 ? 'We will cover this first.' : '',
          })),
          ...loose.map((row) => ({ questionId: row.id, draftAnswer: '' })),
        ],
      },
    });
    expect(updated.statusCode).toBe(200);

    const markdown = await t.app.inject({
      method: 'GET',
      url: `/api/packs/${pack.id}/export?format=md`,
      headers: viewer,
    });
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers['content-type']).toContain('text/markdown');
    const md = markdown.body;
    expect(md).toMatch(/^# Q3 all-hands/);
    expect(md).toContain('## Tough');
    expect(md).toContain('## Predictable');
    // The entries keep the editor's order, under a tone heading wherever the tone changes: each
    // tough question of the essay sits under a "Tough" heading.
    const headingBefore = (at: number) =>
      [...md.slice(0, at).matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? null;
    for (const question of essayMeetings
      .flatMap((m) => m.questions)
      .filter((q) => q.categories.includes('tough'))) {
      const at = md.indexOf(question.text);
      expect(at).toBeGreaterThan(-1);
      expect(headingBefore(at)).toBe('Tough');
    }
    expect(md).toContain('We will cover this first.');

    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/packs/${pack.id}/export?format=csv`,
      headers: viewer,
    });
    expect(csv.body.split('\r\n')[0]).toBe(
      'position,kind,title,questions,categories,draft_answer,answer_status',
    );
    const json = await t.app.inject({
      method: 'GET',
      url: `/api/packs/${pack.id}/export?format=json`,
      headers: viewer,
    });
    expect(JSON.parse(json.body).entries.length).toBe(themes.length + loose.length);
  });
});

describe('digest', () => {
  it('counts questions per category for the demo period, under the anonymity rule', async () => {
    const json = await t.app.inject({
      method: 'GET',
      url: '/api/digest?period=2015',
      headers: viewer,
    });
    expect(json.statusCode).toBe(200);
    const digest = json.json();
    expect(digest.questions).toMatchObject({ count: 17, display: '17' });
    expect(digest.meetings.display).toBe('7');
    const byCategory = Object.fromEntries(
      digest.categories.map((c: { slug: string; display: string }) => [c.slug, c.display]),
    );
    expect(byCategory.predictable).toBe('10');
    expect(byCategory.tough).toBe('7');
    // Diversity came up in 2 meetings: too few to show.
    expect(byCategory.diversity).toBe('<5');
    expect(digest.answered).toEqual([
      {
        title: expect.stringMatching(/diversity/),
        status: 'answered',
        answeredIn: 'all-hands',
        answeredOn: '2015-07-16',
      },
    ]);

    const md = await t.app.inject({
      method: 'GET',
      url: '/api/digest?period=2015&format=md',
      headers: viewer,
    });
    expect(md.body).toContain('| Tough | 7 |');
    expect(md.body).toContain('17 questions from 7 meetings.');
    expectProblem(
      await t.app.inject({
        method: 'GET',
        url: '/api/digest?period=2015-Q5',
        headers: viewer,
      }),
      400,
    );
  });
});

describe('import', () => {
  function csvOf(rows: string[][]) {
    const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return ['text,date,categories', ...rows.map((r) => r.map(cell).join(','))].join('\n');
  }

  it('dry-runs 1,000 rows naming 3 bad lines, imports nothing until they are fixed, then all with names redacted', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/roster',
      headers: admin,
      payload: { name: 'Lucia Ferrante' },
    });
    const rows = Array.from({ length: 1000 }, (_, i) => [
      i % 100 === 0
        ? `Lucia said the roadmap changes weekly, what is the plan? (${i})`
        : `How do we decide priorities, take ${i}?`,
      `2016-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      i % 2 ? 'priorities;tough' : 'priorities',
    ]);
    const broken = rows.map((r) => [...r]);
    broken[10]![0] = '';
    broken[500]![1] = '2016-02-30';
    broken[900]![2] = 'priorities;nonsense';
    const before = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );

    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: { format: 'csv', content: csvOf(broken), dryRun: true },
    });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ rows: 1000, valid: 997, created: { questions: 997 } });
    expect(report.created.meetings).toBeGreaterThan(100);
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([12, 502, 902]);
    expect(report.rejected[0].reason).toMatch(/empty/);
    expect(report.rejected[1].reason).toMatch(/not a date/);
    expect(report.rejected[2].reason).toMatch(/unknown category "nonsense"/);
    // Ten rows name Lucia; two of them (lines 502 and 902) are the rejected ones.
    expect(report.redacted.byKind.name).toBe(8);

    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: { format: 'csv', content: csvOf(broken), dryRun: false },
    });
    const problem = expectProblem(refused, 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['line 12', 'line 502', 'line 902']);
    const unchanged = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );
    expect(unchanged[0]!.n).toBe(before[0]!.n);

    const fixed = broken.filter((_, i) => i !== 10 && i !== 500 && i !== 900);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: { format: 'csv', content: csvOf(fixed), dryRun: false },
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().created.questions).toBe(997);
    const after = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );
    expect(after[0]!.n).toBe(before[0]!.n + 997);
    const leaked = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions where text like '%Lucia%'`,
    );
    expect(leaked[0]!.n).toBe(0);
  });

  it('accepts JSON and names the item of a bad row', async () => {
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: {
        format: 'json',
        content: JSON.stringify([
          { text: 'Is the mission still the same?', date: '2016-03-01', categories: ['mission'] },
          { text: 'x' },
        ]),
        dryRun: true,
      },
    });
    expect(dry.json().rejected).toEqual([
      { line: 2, reason: 'each item needs "text" and "date" strings' },
    ]);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: viewer,
        payload: { format: 'json', content: '[]' },
      }),
      403,
    );
  });
});

describe('export and audit', () => {
  it('exports every question and records who exported what in the audit log', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/export?format=csv',
      headers: viewer,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,period,text,status,categories,theme,answer,answer_status',
    );
    const json = await t.app.inject({
      method: 'GET',
      url: '/api/export?format=json',
      headers: viewer,
    });
    const exported = JSON.parse(json.body).questions;
    // Written a page of a thousand at a time: every question, once, in both files.
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from questions`,
    );
    expect(n).toBeGreaterThan(1000);
    expect(exported).toHaveLength(n);
    expect(new Set(exported.map((q: { id: string }) => q.id)).size).toBe(n);
    expect(parse(csv.body, { columns: true })).toHaveLength(n);
    // The import above is regrouped by a recompute (in the background, and once more here); the
    // answered theme was pinned by its answer, so its questions, and the answer on them, stay.
    await t.app.themeJobIdle();
    await t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: admin });
    const regrouped = await t.app.inject({
      method: 'GET',
      url: '/api/export?format=json',
      headers: viewer,
    });
    expect(
      JSON.parse(regrouped.body).questions.find(
        (q: { text: string }) => q.text === diversityQuestion,
      ).answer,
    ).toBe('Updated.');
    expect(exported.find((q: { text: string }) => q.text === diversityQuestion).answer).toBe(
      'Updated.',
    );

    expectProblem(await t.app.inject({ method: 'GET', url: '/api/audit', headers: viewer }), 403);
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?limit=50', headers: admin });
    const exports = audit.json().entries.filter((e: { action: string }) => e.action === 'export');
    expect(
      exports.map((e: { actorEmail: string; detail: { format: string } }) => [
        e.actorEmail,
        e.detail.format,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['viewer@example.com', 'csv'],
        ['viewer@example.com', 'json'],
      ]),
    );
  });
});
