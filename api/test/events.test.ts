// All-hands imports end to end: a Slido XLSX and a Claper CSV previewed, mapped and imported over
// real Postgres and Meilisearch; the report matched to the 1:1 themes under the k rule; the pack
// compared; bad files refused as problems; and no author's name or email anywhere afterwards.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { captureMeeting } from '../src/domain/capture.ts';
import {
  ALL_HANDS_DAY,
  AUTHOR_TRACES,
  ONE_ON_ONES,
  claperCsv,
  slidoWorkbook,
} from './fixtures/all-hands.ts';
import {
  createSearchTestApp,
  expectProblem,
  queryRows,
  signIn,
  waitForSearchSync,
} from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let editor: { cookie: string };
let viewer: { cookie: string };

beforeAll(async () => {
  t = await createSearchTestApp();
  editor = await signIn(t.app, 'editor');
  viewer = await signIn(t.app, 'viewer');
  for (const meeting of ONE_ON_ONES) {
    await captureMeeting(
      t.app.db,
      t.app.redactor,
      { heldOn: meeting.heldOn, questions: [{ text: meeting.text, categories: [] }] },
      systemActor,
    );
  }
  await t.app.themeJobIdle();
  await t.app.themes.recompute();
});
afterAll(() => t?.close());

const file = (name: string, content: Buffer | string) => ({
  name,
  content: Buffer.from(content).toString('base64'),
});

interface Question {
  text: string;
  votes: number;
  similarity: number;
  anticipated: boolean;
  theme: { id: string; name: string; recent: { display: string; suppressed: boolean } } | null;
}
interface Report {
  event: {
    id: string;
    name: string;
    heldOn: string;
    pack: { id: string } | null;
    matching: { threshold: number };
  };
  totals: {
    questions: number;
    votes: number;
    surprises: number;
    surpriseVotes: number;
    surpriseRate: number;
    voteSurpriseRate: number;
  };
  anticipated: {
    theme: { id: string; name: string; recent: { display: string } };
    questions: Question[];
  }[];
  surprises: { groups: { title: string; questions: Question[] }[]; other: Question[] };
  quietConcerns: {
    theme: { id: string; name: string; recent: { display: string } };
    recurring: boolean;
  }[];
  pack: {
    preparedAndAsked: { entry: { id: string; title: string }; questions: Question[] }[];
    preparedNotAsked: { id: string; title: string }[];
    askedNotPrepared: Question[];
  } | null;
}

let slido: Report;

describe('previewing an all-hands file', () => {
  it('reads a Slido XLSX: finds the columns, drops the people, shows the first questions redacted', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events/preview',
      headers: editor,
      payload: { file: file('slido-export.xlsx', await slidoWorkbook()) },
    });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.source).toBe('xlsx');
    expect(preview.columns).toEqual([
      { name: 'Question', detected: 'question' },
      { name: 'Likes', detected: 'votes' },
      { name: 'Dislikes', detected: null },
      { name: 'Author', detected: 'personal' },
      { name: 'Author email', detected: 'personal' },
      { name: 'Date', detected: 'date' },
      { name: 'Labels', detected: 'labels' },
      { name: 'Answered', detected: 'answered' },
      { name: 'Highlighted', detected: null },
    ]);
    expect(preview.mapping).toEqual({
      question: 'Question',
      votes: 'Likes',
      date: 'Date',
      labels: 'Labels',
      answered: 'Answered',
    });
    expect(preview.questions).toBe(6);
    expect(preview.suggestedDay).toBe(ALL_HANDS_DAY);
    expect(preview.sample[0]).toEqual({
      text: 'When will the remote work rules be final after the office move?',
      votes: 42,
      labels: ['Workplace'],
      answered: true,
    });
    // The author named in a question is redacted though nobody put them on the roster.
    expect(preview.sample[4].text).toBe(
      '[name] asked before: what is the plan for the parking garage?',
    );
    for (const trace of AUTHOR_TRACES) expect(response.body).not.toContain(trace);
  });

  it('reads a Claper CSV, and a mapping chosen by hand', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events/preview',
      headers: editor,
      payload: {
        file: file('claper.csv', claperCsv()),
        mapping: { question: 'content', votes: 'like_count' },
      },
    });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.source).toBe('csv');
    expect(preview.columns.map((c: { detected: string | null }) => c.detected)).toEqual([
      null,
      'question',
      'votes',
      'personal',
      'personal',
      'date',
    ]);
    expect(preview.mapping).toEqual({ question: 'content', votes: 'like_count' });
    expect(preview.sample[1].text).toBe('What does the new logo mean for the brand, "really"?');
    expect(preview.suggestedDay).toBeNull();
  });
});

describe('importing an all-hands', () => {
  it('matches each question to its nearest 1:1 theme and measures the surprise', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: editor,
      payload: {
        name: 'June all-hands',
        heldOn: ALL_HANDS_DAY,
        file: file('slido.xlsx', await slidoWorkbook()),
      },
    });
    expect(response.statusCode).toBe(201);
    slido = response.json<{ event: Report }>().event;
    expect(slido.event.name).toBe('June all-hands');
    expect(slido.totals).toMatchObject({
      questions: 6,
      votes: 104,
      surprises: 3,
      surpriseVotes: 37,
    });
    expect(slido.totals.surpriseRate).toBeCloseTo(0.5, 6);
    expect(slido.totals.voteSurpriseRate).toBeCloseTo(37 / 104, 6);

    const byTheme = new Map(
      slido.anticipated.map((a) => [a.theme.name, a.questions.map((q) => q.text)]),
    );
    const remote = [...byTheme].find(([, texts]) =>
      texts.some((x) => x.includes('remote work rules')),
    );
    expect(remote?.[1].sort()).toEqual([
      'Can remote work stay on Fridays for the team?',
      'When will the remote work rules be final after the office move?',
    ]);
    const promotion = [...byTheme].find(([, texts]) => texts.some((x) => x.includes('promotion')));
    expect(promotion?.[1]).toEqual([
      'How does the promotion process work for engineers this year?',
    ]);
    for (const group of slido.anticipated) {
      // Six 1:1s each raised remote work and promotions this quarter: over k, so shown.
      expect(group.theme.recent.display).toBe('6');
      for (const q of group.questions)
        expect(q.similarity).toBeGreaterThanOrEqual(slido.event.matching.threshold);
    }

    const surprises = [
      ...slido.surprises.groups.flatMap((g) => g.questions),
      ...slido.surprises.other,
    ];
    expect(surprises.map((q) => q.text).sort()).toEqual([
      'Why did we cancel the summer party this year?',
      'Will the summer party come back next year?',
      '[name] asked before: what is the plan for the parking garage?',
    ]);
    expect(slido.surprises.groups.map((g) => g.questions.map((q) => q.votes))).toEqual([[25, 9]]);
    for (const q of surprises) expect(q.anticipated).toBe(false);

    // The hiring freeze came up in five 1:1s this quarter and not once at the all-hands.
    expect(slido.quietConcerns).toHaveLength(1);
    expect(slido.quietConcerns[0]!.recurring).toBe(true);
    expect(slido.quietConcerns[0]!.theme.recent.display).toBe('5');
    expect(slido.quietConcerns[0]!.theme.name.toLowerCase()).toContain('hiring');
  });

  it('imports a Claper CSV with the mapping confirmed, and lists every event with its surprise rate', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: editor,
      payload: {
        name: 'September all-hands',
        heldOn: '2026-09-24',
        file: file('claper.csv', claperCsv()),
        mapping: { question: 'content', votes: 'like_count', date: 'inserted_at' },
      },
    });
    expect(response.statusCode).toBe(201);
    const report = response.json<{ event: Report }>().event;
    expect(report.totals).toMatchObject({
      questions: 4,
      votes: 61,
      surprises: 2,
      surpriseVotes: 34,
    });
    // No 1:1 in September's quarter: recent counts cover the event's quarter, a fixed period.
    for (const group of report.anticipated) expect(group.theme.recent.display).toBe('0');

    const list = await t.app.inject({ method: 'GET', url: '/api/events', headers: viewer });
    expect(list.statusCode).toBe(200);
    const events = list.json<{
      events: { name: string; heldOn: string; surpriseRate: number; voteSurpriseRate: number }[];
    }>().events;
    expect(events.map((e) => [e.heldOn, e.surpriseRate])).toEqual([
      ['2026-09-24', 0.5],
      [ALL_HANDS_DAY, 0.5],
    ]);
    expect(events[0]!.voteSurpriseRate).toBeCloseTo(34 / 61, 6);
  });

  it('compares a tied prep pack: prepared and asked, prepared and not asked, asked and not prepared', async () => {
    const remote = slido.anticipated.find((a) =>
      a.questions.some((q) => q.text.includes('remote')),
    )!.theme;
    const hiring = slido.quietConcerns[0]!.theme;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'June prep', eventOn: ALL_HANDS_DAY, propose: false },
    });
    const packId = created.json<{ pack: { id: string } }>().pack.id;
    const filled = await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: editor,
      payload: {
        items: [
          { themeId: remote.id, draftAnswer: 'Two days a week stay.' },
          { themeId: hiring.id, draftAnswer: '' },
        ],
      },
    });
    expect(filled.statusCode).toBe(200);

    const tied = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${slido.event.id}`,
      headers: editor,
      payload: { packId },
    });
    expect(tied.statusCode).toBe(200);
    const { pack } = tied.json<{ event: Report }>().event;
    expect(pack!.preparedAndAsked.map((p) => [p.entry.id, p.questions.length])).toEqual([
      [remote.id, 2],
    ]);
    expect(pack!.preparedNotAsked.map((p) => p.id)).toEqual([hiring.id]);
    expect(pack!.askedNotPrepared.map((q) => q.text).sort()).toEqual([
      'How does the promotion process work for engineers this year?',
      'Why did we cancel the summer party this year?',
      'Will the summer party come back next year?',
      '[name] asked before: what is the plan for the parking garage?',
    ]);

    const markdown = await t.app.inject({
      method: 'GET',
      url: `/api/events/${slido.event.id}/export?format=md`,
      headers: viewer,
    });
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers['content-type']).toContain('text/markdown');
    expect(markdown.body).toContain('# June all-hands');
    expect(markdown.body).toContain('**Surprise rate:** 50 % of 6 questions');
    expect(markdown.body).toContain('### Prepared, not asked');
    const json = await t.app.inject({
      method: 'GET',
      url: `/api/events/${slido.event.id}/export?format=json`,
      headers: viewer,
    });
    expect(json.json<Report>().pack?.preparedAndAsked).toHaveLength(1);
  });

  it('matches the questions again when the day moves, against the 1:1s up to that week', async () => {
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${slido.event.id}`,
      headers: editor,
      payload: { heldOn: '2026-01-15' },
    });
    expect(moved.statusCode).toBe(200);
    // Before the first 1:1 there was nothing to anticipate anything.
    expect(moved.json<{ event: Report }>().event.totals.surprises).toBe(6);
    const back = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${slido.event.id}`,
      headers: editor,
      payload: { heldOn: ALL_HANDS_DAY },
    });
    expect(back.json<{ event: Report }>().event.totals.surprises).toBe(3);
  });
});

describe('who may do what', () => {
  it('lets viewers read reports, and only editors and admins import, change or delete', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/events/${slido.event.id}`,
      headers: viewer,
    });
    expect(read.statusCode).toBe(200);
    const payload = { name: 'x', heldOn: ALL_HANDS_DAY, file: file('a.txt', 'Why now?\n') };
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/events', headers: viewer, payload }),
      403,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/events/preview',
        headers: viewer,
        payload: { file: payload.file },
      }),
      403,
    );
    expectProblem(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/events/${slido.event.id}`,
        headers: viewer,
        payload: { name: 'y' },
      }),
      403,
    );
    expectProblem(
      await t.app.inject({
        method: 'DELETE',
        url: `/api/events/${slido.event.id}`,
        headers: viewer,
      }),
      403,
    );
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/events' }), 401);
  });
});

describe('bad input', () => {
  const importing = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: editor,
      payload: { name: 'Refused', heldOn: ALL_HANDS_DAY, ...payload },
    });

  it('refuses unknown and personal columns, empty files and files that are not CSV or XLSX', async () => {
    const csv = file('claper.csv', claperCsv());
    const unknown = expectProblem(
      await importing({ file: csv, mapping: { question: 'Frage' } }),
      400,
    );
    expect(unknown.detail).toContain('no column "Frage"');
    expect(unknown.errors?.[0]?.path).toBe('body.mapping.question');
    const personal = expectProblem(
      await importing({ file: csv, mapping: { question: 'name' } }),
      400,
    );
    expect(personal.detail).toContain('says who asked');

    expect(expectProblem(await importing({ file: file('empty.csv', '') }), 400).detail).toContain(
      'file is empty',
    );
    expect(
      expectProblem(await importing({ file: file('blank.csv', '\n\n  \n') }), 400).detail,
    ).toContain('empty');
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48,
    ]);
    expectProblem(await importing({ file: file('photo.png', png) }), 415);
    expectProblem(
      await importing({ file: file('archive.xlsx', Buffer.from('PK\u0003\u0004 not a workbook')) }),
      415,
    );
    expectProblem(
      await importing({ file: file('report.pdf', '%PDF-1.7 one question a line?') }),
      415,
    );
    const headerless = expectProblem(
      await importing({ file: file('other.csv', 'foo,bar\n1,2\n') }),
      400,
    );
    expect(headerless.detail).toContain('choose which column');
    const broken = expectProblem(
      await importing({ file: file('broken.csv', 'question,votes\n"never closed,1\n') }),
      400,
    );
    expect(broken.detail).toContain('cannot be read');
    const votes = expectProblem(
      await importing({ file: file('votes.csv', 'question,votes\nWhy now though?,many\n') }),
      400,
    );
    expect(votes.errors).toEqual([{ path: 'row 2', message: 'the votes are not a whole number' }]);
    expectProblem(await importing({ file: { name: 'x.csv', content: 'not base64!' } }), 400);
  });

  it('refuses a file too big, a day ahead and a pack that does not exist', async () => {
    const big = 'question\n' + 'Why is this question repeated so often?\n'.repeat(140_000);
    expectProblem(await importing({ file: file('big.csv', big) }), 413);
    const many =
      'question\n' + Array.from({ length: 5_001 }, (_, i) => `Question number ${i}?`).join('\n');
    expectProblem(await importing({ file: file('many.csv', many) }), 413);
    expectProblem(
      await importing({ heldOn: '2099-01-01', file: file('a.txt', 'Why now?\n') }),
      400,
    );
    expectProblem(
      await importing({
        packId: '6d0c5f8e-8f57-4b0e-9d7e-2b1f1c0e9a11',
        file: file('a.txt', 'Why now?\n'),
      }),
      404,
    );
  });

  it('finds the header under the title lines some exports start with', async () => {
    const pigeonhole = [
      'Pigeonhole Live export',
      'Session: Town hall',
      'Question;Votes;Name;Answered',
      'Why is the canteen closing early?;7;Oskar Lindqvist;Yes',
    ].join('\n');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events/preview',
      headers: editor,
      payload: { file: file('pigeonhole.csv', pigeonhole) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      mapping: { question: 'Question', votes: 'Votes', answered: 'Answered' },
      sample: [{ text: 'Why is the canteen closing early?', votes: 7, answered: true }],
    });
    expect(response.body).not.toContain('Lindqvist');
  });

  it('reads a plain list, one question a line', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events/preview',
      headers: editor,
      payload: {
        file: file(
          'questions.txt',
          'Why, after the move, are there fewer office days?\n\nWhat about parking?\n',
        ),
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      source: 'text',
      mapping: { question: 'Question' },
      questions: 2,
    });
  });
});

describe('the people in the files', () => {
  it('are nowhere after the imports: not in any table, the search index or the log', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      t.db.handle,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public'
            and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toContain(
      'all_hands_questions.text',
    );
    const stored: string[] = [];
    for (const { table_name, column_name } of columns) {
      const rows = await queryRows<{ value: string | null }>(
        t.db.handle,
        sql.raw(`select "${column_name}"::text as value from "${table_name}"`),
      );
      stored.push(...rows.map((r) => r.value ?? ''));
    }
    const joined = stored.join('\n').toLowerCase();
    expect(joined).toContain('parking garage');
    await waitForSearchSync(t.app);
    const { results } = await t.engine.service.index().getDocuments({ limit: 10_000 });
    expect(results.length).toBe(ONE_ON_ONES.length);
    const indexed = JSON.stringify(results).toLowerCase();
    const logged = t.logs.text.toLowerCase();
    for (const trace of AUTHOR_TRACES) {
      expect(joined).not.toContain(trace.toLowerCase());
      expect(indexed).not.toContain(trace.toLowerCase());
      expect(logged).not.toContain(trace.toLowerCase());
    }
  });

  it('deletes an event with its questions', async () => {
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${slido.event.id}`,
      headers: editor,
    });
    expect(gone.statusCode).toBe(204);
    expectProblem(
      await t.app.inject({ method: 'GET', url: `/api/events/${slido.event.id}`, headers: viewer }),
      404,
    );
    const left = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from all_hands_questions where event_id = ${slido.event.id}`,
    );
    expect(left[0]!.n).toBe(0);
  });
});
