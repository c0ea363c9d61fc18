// People's work on a theme survives computation, with the product as shipped: the hourly recompute
// on (it also runs at start), search on, real Postgres.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const diversity = [
  'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?',
  'What is your personal position on the issues of diversity that have been discussed at the last all hands?',
];
const answerBody = 'We publish our hiring funnel every quarter and started an inclusion council.';

async function themeIdOf(text: string): Promise<string> {
  const [row] = await queryRows<{ theme_id: string }>(
    t.db.handle,
    sql`select theme_id from questions where text = ${text}`,
  );
  return row!.theme_id;
}

async function get(url: string) {
  return t.app.inject({ method: 'GET', url, headers: editor });
}

async function recomputeByAdmin() {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/themes/recompute',
    headers: admin,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ kept: number; created: number; retired: number }>();
}

/** Runs the job has finished, by its log lines. */
const jobRuns = () => t.logs.lines.filter((line) => line.includes('"themes recomputed"')).length;

/** The background job, as the hourly timer or an import asks for it. */
async function recomputeByJob(ask: () => unknown = () => t.app.recomputeThemesSoon()) {
  const before = jobRuns();
  await ask();
  await t.app.themeJobIdle();
  expect(jobRuns()).toBeGreaterThan(before);
}

beforeAll(async () => {
  t = await createSearchTestApp();
  // The job's first run, at start, is over before the test writes anything.
  await t.app.themeJobIdle();
  expect(jobRuns()).toBe(1);
  editor = await signIn(t.app, 'editor');
  admin = await signIn(t.app, 'admin');
  await captureEssay(t.app, editor);
  await recomputeByAdmin();
}, 120_000);
afterAll(() => t?.close());

describe('an answered, packed and renamed theme', () => {
  let themeId: string;
  let packId: string;

  async function expectWorkKept() {
    const detail = await get(`/api/themes/${themeId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().theme).toMatchObject({
      id: themeId,
      name: 'Diversity and inclusion',
      // Answering pinned it: its questions, and the answer on them, stay through recomputes.
      pinned: true,
      retired: null,
      answer: { body: answerBody, status: 'answered' },
    });
    const texts = detail.json().questions.map((q: { text: string }) => q.text);
    for (const text of diversity) expect(texts).toContain(text);

    const answer = await get(`/api/themes/${themeId}/answer`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().answer.body).toBe(answerBody);

    const pack = await get(`/api/packs/${packId}`);
    expect(pack.json().pack.entries).toEqual([
      expect.objectContaining({
        kind: 'theme',
        id: themeId,
        title: 'Diversity and inclusion',
        draftAnswer: 'Start from the council.',
        retired: null,
      }),
    ]);
  }

  beforeAll(async () => {
    themeId = await themeIdOf(diversity[0]!);
    expect(await themeIdOf(diversity[1]!)).toBe(themeId);
    const answered = await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${themeId}/answer`,
      headers: editor,
      payload: { body: answerBody, status: 'answered', answeredOn: '2015-07-16' },
    });
    expect(answered.statusCode).toBe(200);
    const pack = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'Autumn all-hands', propose: false },
    });
    packId = pack.json().pack.id;
    const items = await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: editor,
      payload: { items: [{ themeId, draftAnswer: 'Start from the council.' }] },
    });
    expect(items.statusCode).toBe(200);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${themeId}`,
      headers: editor,
      payload: { name: 'Diversity and inclusion' },
    });
    expect(renamed.statusCode).toBe(200);
    await expectWorkKept();
  });

  it('keeps its id, name, answer and pack entry through three recomputes and an import', async () => {
    await recomputeByAdmin();
    await expectWorkKept();

    await recomputeByJob();
    await expectWorkKept();

    // The import asks the job to place its questions.
    await recomputeByJob(async () => {
      const imported = await t.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: editor,
        payload: {
          format: 'csv',
          dryRun: false,
          content: [
            'text,date,categories',
            '"How do we follow up on the diversity discussion from the last all hands?",2015-08-04,diversity',
            '"Can the Berlin office get standing desks?",2015-08-04,',
          ].join('\n'),
        },
      });
      expect(imported.statusCode).toBe(201);
    });
    await expectWorkKept();

    const last = await recomputeByAdmin();
    // Nothing changed since the job's run: every theme is carried over and none is opened.
    expect(last).toMatchObject({ created: 0, retired: 0 });
    await expectWorkKept();

    // The answer is still on its questions, in search and in the export.
    await waitForSearchSync(t.app);
    const search = await get('/api/search?q=inclusion+council');
    expect(search.json().hits.map((h: { text: string }) => h.text)).toContain(diversity[0]);
    const exported = await get('/api/export?format=json');
    const rows = JSON.parse(exported.body).questions as { text: string; answer: string }[];
    expect(rows.find((q) => q.text === diversity[1])!.answer).toBe(answerBody);
  });

  it('cannot be deleted under the answer and pack entry that refer to it', async () => {
    await expect(
      t.db.handle.db.execute(sql`delete from themes where id = ${themeId}`),
    ).rejects.toThrow();
    expect((await get(`/api/themes/${themeId}/answer`)).statusCode).toBe(200);
  });
});

describe('a merged theme', () => {
  it('is retired, not deleted: its answer shows on the target and its pack entry follows', async () => {
    // Two themes of their own, opened at capture.
    const opened = async (text: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: editor,
        payload: { heldOn: '2015-08-11', questions: [{ text, categories: [] }] },
      });
      return response.json().questions[0].themeId as string;
    };
    const target = await opened('Is the harbour relocation still planned for spring?');
    const source = await opened('Will the bicycle garage get more racks?');
    expect(source).not.toBe(target);
    const sourceQuestions = (await get(`/api/themes/${source}`))
      .json()
      .questions.map((q: { text: string }) => q.text) as string[];
    await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${source}/answer`,
      headers: editor,
      payload: { body: 'Answered at the spring all-hands.', status: 'answered' },
    });
    const pack = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'Winter all-hands', propose: false },
    });
    const packId = pack.json().pack.id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: editor,
      payload: { items: [{ themeId: source }] },
    });

    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/themes/${target}/merge`,
      headers: editor,
      payload: { themeIds: [source] },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().theme).toMatchObject({
      id: target,
      pinned: true,
      answer: { body: 'Answered at the spring all-hands.' },
    });

    for (const step of ['merge', 'recompute']) {
      if (step === 'recompute') await recomputeByJob();
      const retired = await get(`/api/themes/${source}`);
      expect(retired.statusCode).toBe(200);
      expect(retired.json().theme.retired).toEqual({
        on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        mergedInto: { id: target, name: expect.any(String) },
      });
      expect((await get(`/api/themes/${source}/answer`)).statusCode).toBe(200);
      const entry = (await get(`/api/packs/${packId}`)).json().pack.entries[0];
      expect(entry).toMatchObject({
        id: source,
        retired: { mergedInto: { id: target } },
        answerStatus: 'answered',
      });
      expect(entry.questions.length).toBeGreaterThan(0);
      // The retired theme is gone from the list and from curation, not from what refers to it.
      const list = (await t.app.inject({ method: 'GET', url: '/api/themes', headers: editor }))
        .json()
        .themes.map((th: { id: string }) => th.id);
      expect(list).not.toContain(source);
      expectProblem(
        await t.app.inject({
          method: 'PATCH',
          url: `/api/themes/${source}`,
          headers: editor,
          payload: { pinned: true },
        }),
        409,
      );
    }
    const exported = JSON.parse((await get('/api/export?format=json')).body).questions as {
      text: string;
      answer: string;
    }[];
    for (const text of sourceQuestions) {
      expect(exported.find((q) => q.text === text)!.answer).toBe(
        'Answered at the spring all-hands.',
      );
    }
  });
});

describe('a theme that lost every question', () => {
  it('is retired by the next recompute, keeping its answer and pack entry', async () => {
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: {
        heldOn: '2015-09-01',
        questions: [{ text: 'Will the rooftop garden open for the summer?', categories: [] }],
      },
    });
    const question = captured.json().questions[0];
    const themeId = question.themeId as string;
    await t.app.inject({
      method: 'PUT',
      url: `/api/themes/${themeId}/answer`,
      headers: editor,
      payload: { body: 'In June.', status: 'answered' },
    });
    const pack = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'Summer all-hands', propose: false },
    });
    const packId = pack.json().pack.id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: editor,
      payload: { items: [{ themeId }] },
    });
    // An editor deletes the question (a person's act: its own answer would go with it).
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/questions/${question.id}`,
          headers: editor,
        })
      ).statusCode,
    ).toBe(204);

    const report = await recomputeByAdmin();
    expect(report.retired).toBeGreaterThanOrEqual(1);
    const retired = (await get(`/api/themes/${themeId}`)).json().theme;
    expect(retired.retired).toEqual({ on: expect.any(String), mergedInto: null });
    expect((await get(`/api/themes/${themeId}/answer`)).json().answer.body).toBe('In June.');
    const [entry] = (await get(`/api/packs/${packId}`)).json().pack.entries;
    expect(entry).toMatchObject({
      id: themeId,
      retired: { mergedInto: null },
      questions: [],
      answerStatus: 'answered',
    });
  });
});
