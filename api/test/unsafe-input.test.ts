// Input that used to reach Postgres or a spreadsheet unchanged: control characters, dates outside
// what the product can store, requests Node refuses before Fastify sees them, and CSV formulas.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchTestApp, expectProblem, queryRows, signIn } from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let admin: { cookie: string };

beforeAll(async () => {
  t = await createSearchTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t?.close());

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    t.db.handle,
    sql`select (select count(*)::int from meetings) as meetings,
               (select count(*)::int from questions) as questions,
               (select count(*)::int from categories) as categories,
               (select count(*)::int from roster_entries) as roster,
               (select count(*)::int from answers) as answers,
               (select count(*)::int from prep_packs) as packs,
               (select count(*)::int from users) as users`,
  );
  return row!;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const someId = randomUUID();
const question = (text: string) => ({ heldOn: '2026-03-12', questions: [{ text }] });

describe('control characters', () => {
  const nul = '\u0000';
  it.each<[string, Method, string, unknown, string]>([
    [
      'a question at capture',
      'POST',
      '/api/meetings',
      question(`Why${nul} now?`),
      'body.questions.0.text',
    ],
    [
      'an edited question',
      'PATCH',
      `/api/questions/${someId}`,
      { text: `Why${nul} now?` },
      'body.text',
    ],
    ['a redaction preview', 'POST', '/api/redactions/preview', { text: `Why${nul}` }, 'body.text'],
    [
      'a similar-question lookup',
      'POST',
      '/api/questions/similar',
      { text: `Why${nul} now?` },
      'body.text',
    ],
    ['a search', 'GET', '/api/search?q=pay%00', undefined, 'querystring.q'],
    ['trend keys', 'GET', '/api/trends?keys=pay%00', undefined, 'querystring.keys'],
    [
      'a category name',
      'POST',
      '/api/categories',
      { slug: 'perks', name: `Perks${nul}`, colour: '#112233', axis: 'topic' },
      'body.name',
    ],
    [
      'a category description',
      'PATCH',
      `/api/categories/${someId}`,
      { description: `Perks${nul}` },
      'body.description',
    ],
    ['a roster name', 'POST', '/api/roster', { name: `Greta${nul} Lindqvist` }, 'body.name'],
    [
      'a new user’s email',
      'POST',
      '/api/users',
      { email: `greta${nul}@example.com`, password: 'a long enough password', role: 'viewer' },
      'body.email',
    ],
    [
      'a new user’s password',
      'POST',
      '/api/users',
      { email: 'greta@example.com', password: `a long enough${nul} password`, role: 'viewer' },
      'body.password',
    ],
    [
      'a changed email',
      'PATCH',
      `/api/users/${someId}`,
      { email: `greta${nul}@example.com` },
      'body.email',
    ],
    [
      'a sign-in email',
      'POST',
      '/api/auth/login',
      { email: `greta${nul}@example.com`, password: 'x' },
      'body.email',
    ],
    ['a theme name', 'PATCH', `/api/themes/${someId}`, { name: `Pay${nul}` }, 'body.name'],
    [
      'an answer',
      'PUT',
      `/api/themes/${someId}/answer`,
      { body: `We${nul} will`, status: 'answered' },
      'body.body',
    ],
    [
      'where an answer was given',
      'PUT',
      `/api/questions/${someId}/answer`,
      { status: 'answered', answeredIn: `all${nul}hands` },
      'body.answeredIn',
    ],
    ['a pack name', 'POST', '/api/packs', { name: `Q3${nul}`, propose: false }, 'body.name'],
    ['a renamed pack', 'PATCH', `/api/packs/${someId}`, { name: `Q3${nul}` }, 'body.name'],
    [
      'a draft answer in a pack',
      'PATCH',
      `/api/packs/${someId}`,
      { items: [{ themeId: someId, draftAnswer: `We${nul}` }] },
      'body.items.0.draftAnswer',
    ],
  ])(
    'answers 400 naming the field for NUL in %s, and writes nothing',
    async (_case, method, url, payload, field) => {
      const before = await counts();
      const response = await t.app.inject({
        method,
        url,
        headers: url === '/api/auth/login' ? {} : admin,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      const problem = expectProblem(response, 400);
      expect(problem.errors?.map((e) => e.path)).toContain(field);
      expect(problem.detail).toContain(field);
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses every C0 and C1 control character but tab, line feed and carriage return', async () => {
    const refused = [
      '\u0001',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u000e',
      '\u001b',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u009f',
    ];
    for (const character of refused) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/roster',
        headers: admin,
        payload: { name: `Greta${character}Lindqvist` },
      });
      expect(expectProblem(response, 400).errors?.map((e) => e.path)).toEqual(['body.name']);
    }
    const multiLine = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: admin,
      payload: question('Why now?\r\n\tAnd why\nthis way?'),
    });
    expect(multiLine.statusCode).toBe(201);
    expect(multiLine.json().questions[0].text).toBe('Why now?\r\n\tAnd why\nthis way?');
  });

  it('refuses an imported row with a control character by its line, like any other bad row', async () => {
    const content = [
      'text,date,categories',
      'How are priorities set this year?,2016-03-01,priorities',
      `Why${nul} the reorg?,2016-03-01,priorities`,
      'Who decides?,2016-03-01,priorities\u0001',
      `When is the offsite?,2016-03-01${nul},`,
    ].join('\n');
    const before = await counts();
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: admin,
      payload: { format: 'csv', content, dryRun: true },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ rows: 4, valid: 1 });
    expect(dry.json().rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/control character/) },
      { line: 4, reason: expect.stringMatching(/control character/) },
      { line: 5, reason: expect.stringMatching(/control character/) },
    ]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: admin,
      payload: { format: 'csv', content, dryRun: false },
    });
    expect(expectProblem(refused, 400).errors?.map((e) => e.path)).toEqual([
      'line 3',
      'line 4',
      'line 5',
    ]);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: admin,
      payload: {
        format: 'json',
        content: JSON.stringify([{ text: `Why${nul} the reorg?`, date: '2016-03-01' }]),
        dryRun: false,
      },
    });
    expect(expectProblem(json, 400).errors).toEqual([
      { path: 'line 1', message: expect.stringMatching(/control character/) },
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('dates', () => {
  const outOfRange = ['0000-01-01', '0001-01-01', '1989-12-31', '2101-01-01'];
  const cases: [string, Method, string, unknown, string][] = outOfRange.flatMap((date) =>
    [
      [
        'a meeting',
        'POST',
        '/api/meetings',
        { heldOn: date, questions: [{ text: 'Why now?' }] },
        'body.heldOn',
      ],
      ['alerts as of a date', 'GET', `/api/alerts?at=${date}`, undefined, 'querystring.at'],
      [
        'a digest quarter',
        'GET',
        `/api/digest?period=${date.slice(0, 4)}-Q1`,
        undefined,
        'querystring.period',
      ],
      [
        'a digest month',
        'GET',
        `/api/digest?period=${date.slice(0, 7)}`,
        undefined,
        'querystring.period',
      ],
      ['a question filter', 'GET', `/api/questions?from=${date}`, undefined, 'querystring.from'],
      ['a search filter', 'GET', `/api/search?to=${date}`, undefined, 'querystring.to'],
      ['a trend period', 'GET', `/api/trends?from=${date}`, undefined, 'querystring.from'],
      [
        'a pack’s event',
        'POST',
        '/api/packs',
        { name: 'Q3', eventOn: date, propose: false },
        'body.eventOn',
      ],
      ['a pack’s new event', 'PATCH', `/api/packs/${someId}`, { eventOn: date }, 'body.eventOn'],
      [
        'an answer’s review-by',
        'PUT',
        `/api/themes/${someId}/answer`,
        { status: 'answered', reviewBy: date },
        'body.reviewBy',
      ],
      [
        'when an answer was given',
        'PUT',
        `/api/questions/${someId}/answer`,
        { status: 'answered', answeredOn: date },
        'body.answeredOn',
      ],
      [
        'an audit page',
        'GET',
        `/api/audit?after=${Buffer.from(`${date}T00:00:00Z|${someId}`).toString('base64url')}`,
        undefined,
        'querystring.after',
      ],
    ].map(
      ([what, ...rest]) =>
        [`${what} on ${date}`, ...rest] as [string, Method, string, unknown, string],
    ),
  );

  it.each(cases)(
    'answers 400 naming the field for %s, and writes nothing',
    async (_case, method, url, payload, field) => {
      const before = await counts();
      const response = await t.app.inject({
        method,
        url,
        headers: admin,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      const problem = expectProblem(response, 400);
      expect(problem.errors?.map((e) => e.path)).toContain(field);
      expect(problem.detail).toContain(field);
      expect(await counts()).toEqual(before);
    },
  );

  it('accepts the first and last day of the range', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: admin,
      payload: { heldOn: '1990-01-01', questions: [{ text: 'Why did we start?' }] },
    });
    expect(first.statusCode).toBe(201);
    const answer = await t.app.inject({
      method: 'PUT',
      url: `/api/questions/${first.json().questions[0].id}/answer`,
      headers: admin,
      payload: { status: 'answered', answeredOn: '1990-01-01', reviewBy: '2100-12-31' },
    });
    expect(answer.statusCode).toBe(200);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/audit?before=2100-12-31T23:59:59Z',
      headers: admin,
    });
    expect(audit.statusCode).toBe(200);
  });

  it('refuses an imported row dated outside the range by its line', async () => {
    const content = [
      'text,date',
      'How are priorities set this year?,2016-03-01',
      'Why the reorg?,0000-01-01',
      'Who decides?,1989-12-31',
    ].join('\n');
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: admin,
      payload: { format: 'csv', content, dryRun: true },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/1990-01-01/) },
      { line: 4, reason: expect.stringMatching(/1990-01-01/) },
    ]);
  });
});

/** Sends bytes on a real socket and reads the answer until the server closes the connection. */
async function rawRequest(port: number, request: string) {
  const received = await new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close while the request is still being written: what it answered counts.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const [head = '', body = ''] = received.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('errors raised before a route', () => {
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  // Not hexadecimal, so no request id in the logs can contain it by chance.
  const PAD = 'zqxwzqxw';

  it.each([
    [
      'an overlong URL',
      `GET /api/health?pad=${PAD.repeat(12_500)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      431,
    ],
    [
      'an overlong header',
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${PAD.repeat(12_500)}\r\n\r\n`,
      431,
    ],
    ['a request that is not HTTP', 'HELLO THERE\r\n\r\n', 400],
  ])('answers %s with problem+json that echoes nothing', async (_case, request, status) => {
    const response = await rawRequest(port, request);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    const problem = JSON.parse(response.body);
    expect(problem).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.any(String),
      requestId: expect.any(String),
    });
    expect(problem.instance).toBe(`urn:uuid:${problem.requestId}`);
    expect(response.body).not.toContain(PAD);
    expect(response.body).not.toContain('HELLO');
    expect(t.logs.text).toContain(problem.requestId);
    expect(t.logs.text).not.toContain(PAD);
  });

  it('answers 404, 413 and 415 with problem+json', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }), 404);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/redactions/preview',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: JSON.stringify({ text: 'x'.repeat(400_000) }),
      }),
      413,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: { ...admin, 'content-type': 'application/xml' },
        payload: '<question>Why now?</question>',
      }),
      415,
    );
  });
});

describe('CSV exports', () => {
  const dangerous = /^[=+\-@\t\r]/;

  it('write every cell that a spreadsheet would run as a formula as text', async () => {
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: admin,
      payload: {
        heldOn: '2016-05-02',
        questions: [
          { text: '=HYPERLINK("http://x","y")' },
          { text: '+1 for remote work, when is it official?' },
          { text: '-2 weeks of notice, is that the rule?' },
          { text: '@ the offsite, who pays for travel?' },
        ],
      },
    });
    expect(captured.statusCode).toBe(201);
    const questions: { id: string; text: string; themeId: string }[] = captured.json().questions;
    expect(questions.map((q) => q.text[0])).toEqual(['=', '+', '-', '@']);
    // Answers and drafts are redacted like questions, and "@" before a word is a handle: these
    // formulas keep their leading "@" through redaction.
    const answers = ['\t=1+1', '\r=cmd|"/c calc"!A0', '@(A1:A9)', '-1+1'];
    for (const [i, q] of questions.entries()) {
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/questions/${q.id}/answer`,
        headers: admin,
        payload: { body: answers[i], status: 'answered' },
      });
      expect(saved.statusCode).toBe(200);
    }

    const themeId = questions[0]!.themeId;
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${themeId}`,
      headers: admin,
      payload: { name: '=SUM(1+1)' },
    });
    expect(renamed.statusCode).toBe(200);

    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/export?format=csv',
      headers: admin,
    });
    expect(exported.statusCode).toBe(200);
    const rows: Record<string, string>[] = parse(exported.body, { columns: true });
    for (const [i, q] of questions.entries()) {
      const row = rows.find((r) => r.id === q.id)!;
      expect(row.text).toBe(`'${q.text}`);
      expect(row.answer).toBe(`'${answers[i]}`);
    }
    const first = rows.find((r) => r.id === questions[0]!.id)!;
    expect(first.text).toMatch(/^'=HYPERLINK\(/);
    expect(first.theme).toBe("'=SUM(1+1)");

    const pack = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: admin,
      payload: { name: 'Q3 all-hands', propose: false },
    });
    const drafts = ['\tdraft', '\rdraft', '=1+1', '@(A1)'];
    const filled = await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${pack.json().pack.id}`,
      headers: admin,
      payload: {
        items: [
          { themeId, draftAnswer: '+1 from the leadership team' },
          ...questions.map((q, i) => ({ questionId: q.id, draftAnswer: drafts[i] })),
        ],
      },
    });
    expect(filled.statusCode).toBe(200);
    const packCsv = await t.app.inject({
      method: 'GET',
      url: `/api/packs/${pack.json().pack.id}/export?format=csv`,
      headers: admin,
    });
    expect(packCsv.statusCode).toBe(200);
    const entries: Record<string, string>[] = parse(packCsv.body, { columns: true });
    expect(entries.map((e) => [e.title, e.draft_answer])).toEqual([
      ["'=SUM(1+1)", "'+1 from the leadership team"],
      ...questions.map((q, i) => [`'${q.text}`, `'${drafts[i]}`]),
    ]);

    for (const cell of [...rows, ...entries].flatMap((r) => Object.values(r))) {
      expect(cell).not.toMatch(dangerous);
    }
  });
});
