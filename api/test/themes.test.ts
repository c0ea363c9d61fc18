// Themes, trends and their anonymity rule, through the API on real Postgres.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { essayMeetings } from '../src/demo/essay.ts';
import { createTestApp, expectProblem, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };
let admin: { cookie: string };

const diversity = [
  'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?',
  'What is your personal position on the issues of diversity that have been discussed at the last all hands?',
];

async function capture(heldOn: string, questions: { text: string; categories?: string[] }[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: editor,
    payload: { heldOn, questions: questions.map((q) => ({ categories: [], ...q })) },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function themes() {
  const response = await t.app.inject({ method: 'GET', url: '/api/themes', headers: editor });
  expect(response.statusCode).toBe(200);
  return response.json().themes as {
    id: string;
    name: string;
    label: string;
    pinned: boolean;
    questions: { display: string; count: number | null };
    meetings: { display: string };
    firstWeek: string | null;
  }[];
}

async function themeOf(text: string) {
  for (const theme of await themes()) {
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/themes/${theme.id}`,
      headers: editor,
    });
    if (detail.json().questions.some((q: { text: string }) => q.text === text))
      return detail.json();
  }
  return undefined;
}

beforeAll(async () => {
  t = await createTestApp();
  // The hourly recompute is on, as shipped: let its run at start finish before capturing.
  await t.app.themeJobIdle();
  editor = await signIn(t.app, 'editor');
  admin = await signIn(t.app, 'admin');
  for (const meeting of essayMeetings) await capture(meeting.heldOn, meeting.questions);
  const recompute = await t.app.inject({
    method: 'POST',
    url: '/api/themes/recompute',
    headers: admin,
  });
  expect(recompute.statusCode).toBe(200);
  expect(recompute.json().questions).toBe(essayMeetings.flatMap((m) => m.questions).length);
});
afterAll(() => t.close());

describe('themes', () => {
  it('groups the essay’s two diversity questions under a theme whose label mentions diversity', async () => {
    const first = await themeOf(diversity[0]!);
    const second = await themeOf(diversity[1]!);
    expect(first.theme.id).toBe(second.theme.id);
    expect(first.theme.label).toMatch(/diversity/i);
    expect(first.questions).toHaveLength(2);
  });

  it('places a new question in its nearest theme at capture', async () => {
    await capture('2015-07-20', [
      { text: 'What are we doing about diversity after the all hands discussion?' },
    ]);
    const theme = await themeOf(diversity[0]!);
    expect(theme.questions.map((q: { text: string }) => q.text)).toContain(
      'What are we doing about diversity after the all hands discussion?',
    );
    // Something unrelated opens a theme of its own.
    await capture('2015-07-20', [{ text: 'Can we get standing desks in the Berlin office?' }]);
    const own = await themeOf('Can we get standing desks in the Berlin office?');
    expect(own.questions).toHaveLength(1);
  });

  it('places concurrent captures of a new topic without referring to uncommitted themes', async () => {
    const texts = Array.from(
      { length: 8 },
      (_, i) => `Will the rooftop garden on floor ${i + 3} open for the summer?`,
    );
    const responses = await Promise.all(
      texts.map((text) =>
        t.app.inject({
          method: 'POST',
          url: '/api/meetings',
          headers: editor,
          payload: { heldOn: '2015-07-27', questions: [{ text, categories: [] }] },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(texts.map(() => 201));
    // Every question has a theme, and later captures join the new topic's themes.
    for (const text of texts) expect(await themeOf(text)).toBeDefined();
    await capture('2015-07-27', [{ text: 'When does the rooftop garden open for the summer?' }]);
    const joined = await themeOf('When does the rooftop garden open for the summer?');
    expect(joined.questions.length).toBeGreaterThan(1);
  });

  it('shows a theme count only from 5 distinct meetings', async () => {
    const before = (await themeOf(diversity[0]!)).theme;
    expect(before.questions).toEqual({ count: null, display: '<5', suppressed: true });
    expect(before.firstSeen).toBeNull();
    // Two more meetings raise it: 3 + 2 = 5 distinct meetings.
    await capture('2015-08-03', [
      { text: 'Is diversity still a priority after the last all hands?' },
    ]);
    await capture('2015-08-10', [
      { text: 'How is the diversity discussion from the all hands going?' },
    ]);
    const after = (await themeOf(diversity[0]!)).theme;
    expect(after.meetings.display).toBe('5');
    expect(after.questions).toEqual({ count: 5, display: '5', suppressed: false });
    // When it was first raised shows as a period, never as a week.
    expect(after.firstSeen).toMatch(/^(Q\d \d{4}|\w+ \d{4})( – .+)?$/);
  });

  it('lets editors rename and pin a theme, and keeps pinned themes through a recompute', async () => {
    const theme = (await themeOf(diversity[0]!)).theme;
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${theme.id}`,
      headers: editor,
      payload: { name: 'Diversity and inclusion', pinned: true },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().theme).toMatchObject({ name: 'Diversity and inclusion', pinned: true });

    await t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: admin });
    const kept = (await themeOf(diversity[0]!)).theme;
    expect(kept.id).toBe(theme.id);
    expect(kept.name).toBe('Diversity and inclusion');
  });

  it('merges themes and moves a question between themes', async () => {
    const target = (await themeOf(diversity[0]!)).theme;
    // A recompute may have left the first desks question with the other questions: ask again.
    await capture('2015-07-27', [{ text: 'Could the Berlin office get standing desks?' }]);
    const desks = (await themeOf('Could the Berlin office get standing desks?')).theme;
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/themes/${target.id}/merge`,
      headers: editor,
      payload: { themeIds: [desks.id] },
    });
    expect(merged.statusCode).toBe(200);
    // The merged theme is retired, not deleted: it says where its questions went.
    const retired = await t.app.inject({
      method: 'GET',
      url: `/api/themes/${desks.id}`,
      headers: editor,
    });
    expect(retired.json().theme.retired).toMatchObject({ mergedInto: { id: target.id } });
    expect(retired.json().questions).toEqual([]);
    expect((await themes()).map((th) => th.id)).not.toContain(desks.id);

    const detail = await themeOf('Could the Berlin office get standing desks?');
    expect(detail.theme.id).toBe(target.id);
    const deskQuestion = detail.questions.find((q: { text: string }) =>
      q.text.includes('standing desks'),
    );
    const other = (await themes()).find((th) => th.id !== target.id)!;
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/questions/${deskQuestion.id}`,
      headers: editor,
      payload: { themeId: other.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().question.themeId).toBe(other.id);

    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/themes/${target.id}/merge`,
        headers: editor,
        payload: { themeIds: [target.id] },
      }),
      400,
    );
  });

  it('keeps curation for editors and recompute for admins', async () => {
    const viewer = await signIn(t.app, 'viewer');
    const [theme] = await themes();
    expectProblem(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/themes/${theme!.id}`,
        headers: viewer,
        payload: { pinned: true },
      }),
      403,
    );
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: editor }),
      403,
    );
  });
});

describe('trends', () => {
  it('counts per category and month with shares, hiding small cells and their complement', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/trends?by=category&bucket=month&from=2015-01-01&to=2015-12-31',
      headers: editor,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.k).toBe(5);
    expect(body.buckets).toEqual(['2015-04', '2015-05', '2015-06', '2015-07', '2015-08']);
    // Two meetings a month at most: every category cell reads "<5", and so does each month's total.
    for (const series of body.series) {
      for (const point of series.points) expect(['<5', '0']).toContain(point.display);
    }
  });

  it('shows a cell of 5 meetings and hides one of 4 with its complement', async () => {
    // Days whose weeks start in September: the product only keeps the week.
    const september = ['2015-09-08', '2015-09-10', '2015-09-15', '2015-09-22'];
    for (const day of september) {
      await capture(day, [{ text: `Career question on ${day}?`, categories: ['career'] }]);
      await capture(day, [{ text: `Strategy question on ${day}?`, categories: ['strategy'] }]);
      await capture(day, [{ text: `Mission question on ${day}?`, categories: ['mission'] }]);
    }
    await capture('2015-09-23', [{ text: 'One more career question?', categories: ['career'] }]);
    await capture('2015-09-23', [
      { text: 'One more strategy question?', categories: ['strategy'] },
    ]);

    const response = await t.app.inject({
      method: 'GET',
      url: '/api/trends?by=category&bucket=month&from=2015-09-01&to=2015-09-30',
      headers: editor,
    });
    const body = response.json();
    const cell = (slug: string) =>
      body.series.find((s: { key: string }) => s.key === slug).points[0];
    // Mission has 4 meetings: hidden, and the smallest shown cell (career, 5) goes with it so the
    // total minus strategy cannot reveal it.
    expect(cell('mission')).toMatchObject({ count: null, display: '<5', suppressed: true });
    expect(cell('career')).toMatchObject({ count: null, display: '<5', suppressed: true });
    expect(cell('strategy')).toMatchObject({ count: 5, display: '5', share: 0.357 });
    expect(body.totals[0]).toMatchObject({ count: 14, display: '14' });

    // By week, the week of 14 September holds 3 meetings: hidden, and another week of the month
    // with it, so 14 less the shown weeks cannot give it.
    const weekly = (
      await t.app.inject({
        method: 'GET',
        url: '/api/trends?by=category&bucket=week&from=2015-09-07&to=2015-09-27',
        headers: editor,
      })
    ).json();
    expect(weekly.buckets).toEqual(['2015-09-07', '2015-09-14', '2015-09-21']);
    const hiddenWeeks = weekly.totals.filter((p: { suppressed: boolean }) => p.suppressed);
    expect(hiddenWeeks.map((p: { bucket: string }) => p.bucket)).toContain('2015-09-14');
    expect(hiddenWeeks.length).toBeGreaterThanOrEqual(2);
  });

  it('splits by theme too, and refuses bad parameters', async () => {
    const byTheme = await t.app.inject({
      method: 'GET',
      url: '/api/trends?by=theme&bucket=week',
      headers: editor,
    });
    expect(byTheme.statusCode).toBe(200);
    expect(byTheme.json().series.length).toBeGreaterThan(0);
    for (const query of [
      'by=person',
      'bucket=day',
      'from=2015-13-01',
      'from=2016-01-01&to=2015-01-01',
    ]) {
      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/trends?${query}`, headers: editor }),
        400,
      );
    }
  });
});

describe('after an import', () => {
  it('places the imported questions in themes in the background', async () => {
    const withJob = await createTestApp();
    try {
      const importer = await signIn(withJob.app, 'editor');
      const rows = [
        'text,date,categories',
        '"How are priorities set for the platform team?",2026-02-02,priorities',
        '"Who decides the priorities of the platform team?",2026-02-09,priorities',
        '"What is my career path as a designer?",2026-02-09,career',
      ].join('\n');
      const imported = await withJob.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: importer,
        payload: { format: 'csv', content: rows, dryRun: false },
      });
      expect(imported.statusCode).toBe(201);
      await expect
        .poll(async () => {
          const list = await withJob.app.inject({
            method: 'GET',
            url: '/api/questions?limit=10',
            headers: importer,
          });
          const { items } = list.json<{ items: { text: string; themeId: string | null }[] }>();
          const priorities = items.filter((q) => q.text.includes('priorities'));
          // The two alike questions share a theme; the third may stay with the other questions.
          return priorities.length === 2 && priorities[0]!.themeId !== null
            ? priorities[0]!.themeId === priorities[1]!.themeId
            : false;
        })
        .toBe(true);
    } finally {
      await withJob.close();
    }
  });
});

describe('splitting a theme', () => {
  const rooftop = [
    'Will the rooftop terrace open for the summer?',
    'Can the rooftop terrace open on Fridays?',
    'Is the rooftop terrace open to guests?',
  ];

  it('moves the chosen questions into a new pinned theme that recomputes keep', async () => {
    for (const text of rooftop) await capture('2015-10-05', [{ text }]);
    const whole = await themeOf(rooftop[0]!);
    expect(whole.questions.map((q: { text: string }) => q.text)).toEqual(
      expect.arrayContaining(rooftop),
    );
    const guests = whole.questions.find((q: { text: string }) => q.text === rooftop[2]);
    const split = await t.app.inject({
      method: 'POST',
      url: `/api/themes/${whole.theme.id}/split`,
      headers: editor,
      payload: { questionIds: [guests.id], name: 'Guests on the roof' },
    });
    expect(split.statusCode).toBe(201);
    const { theme, created } = split.json();
    expect(theme).toMatchObject({ id: whole.theme.id, pinned: true });
    expect(created).toMatchObject({ name: 'Guests on the roof', pinned: true, retired: null });

    await t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: admin });
    expect((await themeOf(rooftop[2]!)).theme.id).toBe(created.id);
    expect((await themeOf(rooftop[0]!)).theme.id).toBe(whole.theme.id);
  });

  it('refuses questions of another theme, taking every question, and viewers', async () => {
    const theme = await themeOf(rooftop[0]!);
    const stranger = (await themeOf(diversity[0]!)).questions[0];
    const refused = expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/themes/${theme.theme.id}/split`,
        headers: editor,
        payload: { questionIds: [stranger.id] },
      }),
      400,
    );
    expect(refused.errors).toEqual([
      { path: 'body.questionIds.0', message: 'not a question of this theme' },
    ]);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/themes/${theme.theme.id}/split`,
        headers: editor,
        payload: { questionIds: theme.questions.map((q: { id: string }) => q.id) },
      }),
      400,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/themes/${theme.theme.id}/split`,
        headers: editor,
        payload: { questionIds: [] },
      }),
      400,
    );
    const viewer = await signIn(t.app, 'viewer');
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: `/api/themes/${theme.theme.id}/split`,
        headers: viewer,
        payload: { questionIds: [theme.questions[0].id] },
      }),
      403,
    );
  });
});

describe('recompute', () => {
  it('queues search updates only for questions whose theme or recurrence changed', async () => {
    const outbox = async () =>
      (
        await queryRows<{ n: number }>(
          t.db.handle,
          sql`select count(*)::int as n from search_outbox`,
        )
      )[0]!.n;
    const recompute = () =>
      t.app.inject({ method: 'POST', url: '/api/themes/recompute', headers: admin });
    await recompute();
    const before = await outbox();
    const again = await recompute();
    expect(again.json()).toMatchObject({ searchUpdates: 0, created: 0, retired: 0 });
    expect(await outbox()).toBe(before);

    // One new question joins a theme: at most its theme's questions move level, never all.
    await capture('2015-10-12', [{ text: 'Is the diversity council open to everyone?' }]);
    const total = (
      await queryRows<{ n: number }>(t.db.handle, sql`select count(*)::int as n from questions`)
    )[0]!.n;
    const after = await recompute();
    expect(after.json().searchUpdates).toBeLessThan(total);
  });

  it('writes its audit row with what it kept, opened and retired', async () => {
    const log = await t.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: admin });
    const entry = log
      .json()
      .entries.find((e: { action: string }) => e.action === 'theme.recompute');
    expect(entry.detail).toMatchObject({
      themes: expect.any(Number),
      created: expect.any(Number),
      retired: expect.any(Number),
    });
  });
});

describe('long lists', () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: editor });

  it('gives themes a page at a time, with how many there are and how many are answered', async () => {
    const all = (await get('/api/themes?limit=1000')).json();
    expect(all.total).toBe(all.themes.length);
    expect(all.total).toBeGreaterThan(2);
    expect(all.more).toBe(false);
    const first = (await get('/api/themes?limit=2')).json();
    expect(first).toMatchObject({ total: all.total, page: 1, limit: 2, more: true });
    expect(first.themes.map((th: { id: string }) => th.id)).toEqual(
      all.themes.slice(0, 2).map((th: { id: string }) => th.id),
    );
    const second = (await get('/api/themes?limit=2&page=2')).json();
    expect(second.themes[0].id).toBe(all.themes[2].id);
    expect(first.answered).toBe(
      all.themes.filter(
        (th: { answer: { status: string } | null }) => th.answer?.status === 'answered',
      ).length,
    );
    expectProblem(await get('/api/themes?limit=5000'), 400);
  });

  it('keeps the series with most meetings when a trend has more than its limit', async () => {
    const all = (await get('/api/trends?by=theme&bucket=month')).json();
    expect(all.series.length).toBeGreaterThan(1);
    expect(all.more).toBe(false);
    const one = (await get('/api/trends?by=theme&bucket=month&limit=1')).json();
    expect(one.series).toHaveLength(1);
    expect(one.more).toBe(true);
    expectProblem(await get('/api/trends?limit=0'), 400);
  });
});
