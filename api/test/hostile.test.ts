// Hostile input: 10,000 generated and malicious requests across every endpoint. None may answer 5xx,
// every error is problem+json, and a rejected request writes nothing.
import { answerStatuses } from '@kb/db/constants';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchTestApp, queryRows, signIn } from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let sessions: Record<'admin' | 'editor' | 'viewer' | 'none', Record<string, string>>;
let realIds: string[] = [];

beforeAll(async () => {
  t = await createSearchTestApp();
  sessions = {
    admin: await signIn(t.app, 'admin'),
    editor: await signIn(t.app, 'editor'),
    viewer: await signIn(t.app, 'viewer'),
    none: {},
  };
  const captured = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: sessions.editor,
    payload: {
      heldOn: '2026-03-12',
      questions: [{ text: 'How are priorities set?', categories: ['priorities'] }],
    },
  });
  realIds = [captured.json().questions[0].id, captured.json().meeting.id];
}, 120_000);
afterAll(() => t?.close());

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE questions; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '\u0000\u0001\u202e',
  '\u0000',
  'How are\u0000 priorities set?',
  'Pay\u0007\u0008\u000b\u000c\u000e\u001f',
  '\u001b[31mred\u001b[0m',
  '\u007f\u0080\u0085\u009f',
  'Why now?\r\n\tAnd why this way?',
  '𝕳𝖊𝖑𝖑𝖔 🤖 مرحبا 你好',
  'NaN',
  '-1',
  '1e309',
  '9999-99-99',
  '2026-02-30',
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '1989-12-31',
  '2101-01-01',
  '0000-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(3000),
  '__proto__',
  'constructor',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  nasty,
);
// Dates and instants at and beyond the range the product stores (1990-01-01..2100-12-31), and
// any day of years 0 to 9999.
const day = fc
  .date({ noInvalidDate: true, min: new Date('0000-01-01'), max: new Date('9999-12-31') })
  .map((d) => d.toISOString().slice(0, 10));
const date = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0001-01-01',
    '1989-12-31',
    '1990-01-01',
    '2100-12-31',
    '2101-01-01',
    '0000-01-01T00:00:00Z',
    '2100-12-31T23:30:00-05:00',
    '2026-03-12\u0000',
  ),
  day,
  day.map((d) => `${d}T00:00:00Z`),
  text,
);
const id = fc.oneof(fc.uuid(), nasty, fc.constantFrom(...['realQuestion', 'realMeeting']));
const value = fc.oneof(
  text,
  date,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'text',
      'heldOn',
      'questions',
      'categories',
      'email',
      'password',
      'role',
      'name',
      'slug',
      'colour',
      'axis',
      'status',
      'themeId',
      'themeIds',
      'body',
      'format',
      'content',
      'dryRun',
      'items',
      'limit',
      'reviewBy',
      'eventOn',
      'answeredOn',
      'answeredIn',
      'description',
      'draftAnswer',
      'propose',
      'pinned',
    ),
    value,
  ),
  fc.record({
    heldOn: date,
    questions: fc.array(fc.record({ text, categories: fc.array(text, { maxLength: 3 }) }), {
      maxLength: 4,
    }),
  }),
  // A pack, an answer and an import, close enough to valid that the dates and text get read.
  fc.record(
    {
      name: text,
      eventOn: date,
      propose: fc.boolean(),
      items: fc.array(
        fc.oneof(
          fc.record({ themeId: id, draftAnswer: text }),
          fc.record({ questionId: id, draftAnswer: text }),
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      body: text,
      status: fc.constantFrom(...answerStatuses),
      answeredIn: text,
      answeredOn: date,
      reviewBy: date,
    },
    { requiredKeys: ['status'] },
  ),
  fc.record({
    format: fc.constant('csv'),
    content: fc
      .array(fc.tuple(text, date), { minLength: 1, maxLength: 4 })
      .map((rows) =>
        ['text,date', ...rows.map(([q, d]) => `"${q.replace(/"/g, '""')}",${d}`)].join('\n'),
      ),
    dryRun: fc.boolean(),
  }),
);
const query = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(
        'q',
        'category',
        'status',
        'page',
        'limit',
        'sort',
        'by',
        'bucket',
        'format',
        'keys',
      ),
      text,
    ),
    fc.dictionary(fc.constantFrom('from', 'to', 'at', 'before'), date),
  )
  .map(([entries, dates]) => new URLSearchParams({ ...entries, ...dates }).toString());

const routes: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string }[] = [
  { method: 'POST', path: '/api/auth/login' },
  { method: 'GET', path: '/api/auth/me' },
  { method: 'POST', path: '/api/redactions/preview' },
  { method: 'POST', path: '/api/meetings' },
  { method: 'GET', path: '/api/questions' },
  { method: 'GET', path: '/api/questions/:id' },
  { method: 'PATCH', path: '/api/questions/:id' },
  { method: 'DELETE', path: '/api/questions/:id' },
  { method: 'GET', path: '/api/categories' },
  { method: 'POST', path: '/api/categories' },
  { method: 'PATCH', path: '/api/categories/:id' },
  { method: 'DELETE', path: '/api/categories/:id' },
  { method: 'GET', path: '/api/roster' },
  { method: 'POST', path: '/api/roster' },
  { method: 'DELETE', path: '/api/roster/:id' },
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/users' },
  { method: 'PATCH', path: '/api/users/:id' },
  { method: 'DELETE', path: '/api/users/:id' },
  { method: 'GET', path: '/api/search' },
  { method: 'POST', path: '/api/questions/similar' },
  { method: 'GET', path: '/api/questions/:id/similar' },
  { method: 'GET', path: '/api/themes' },
  { method: 'GET', path: '/api/themes/:id' },
  { method: 'PATCH', path: '/api/themes/:id' },
  { method: 'POST', path: '/api/themes/:id/merge' },
  { method: 'GET', path: '/api/trends' },
  { method: 'GET', path: '/api/alerts' },
  { method: 'PUT', path: '/api/themes/:id/answer' },
  { method: 'PUT', path: '/api/questions/:id/answer' },
  { method: 'GET', path: '/api/packs' },
  { method: 'POST', path: '/api/packs' },
  { method: 'GET', path: '/api/packs/:id' },
  { method: 'PATCH', path: '/api/packs/:id' },
  { method: 'GET', path: '/api/packs/:id/export' },
  { method: 'POST', path: '/api/import' },
  { method: 'GET', path: '/api/export' },
  { method: 'GET', path: '/api/digest' },
  { method: 'GET', path: '/api/audit' },
];

const request = fc.record({
  route: fc.constantFrom(...routes),
  who: fc.constantFrom('admin', 'editor', 'viewer', 'none', 'admin', 'editor'),
  id,
  query,
  body,
  rawBody: fc.option(
    fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.constantFrom('{"text":', 'null', '[]', '{"__proto__":{"a":1}}'),
    ),
    { nil: undefined },
  ),
});

async function fingerprint(): Promise<string> {
  const [row] = await queryRows<Record<string, number>>(
    t.db.handle,
    sql`select (select count(*)::int from meetings) as meetings, (select count(*)::int from questions) as questions,
               (select count(*)::int from categories) as categories, (select count(*)::int from users) as users,
               (select count(*)::int from roster_entries) as roster, (select count(*)::int from answers) as answers,
               (select count(*)::int from prep_packs) as packs, (select count(*)::int from themes) as themes,
               (select count(*)::int from question_categories) as tags`,
  );
  return JSON.stringify(row);
}

describe('hostile input', () => {
  it('answers 10,000 generated and malicious requests without a 5xx, always with problem+json, writing nothing when refusing', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        request,
        async ({ route, who, id: rawId, query: qs, body: payload, rawBody }) => {
          const resolvedId =
            rawId === 'realQuestion' ? realIds[0]! : rawId === 'realMeeting' ? realIds[1]! : rawId;
          const url = `${route.path.replace(':id', encodeURIComponent(resolvedId))}${qs ? `?${qs}` : ''}`;
          const writes = route.method !== 'GET';
          const before = writes ? await fingerprint() : '';
          const response = await t.app.inject({
            method: route.method,
            url,
            headers: {
              ...sessions[who as keyof typeof sessions],
              ...(route.method === 'GET' || route.method === 'DELETE'
                ? {}
                : { 'content-type': 'application/json' }),
            },
            ...(route.method === 'GET' || route.method === 'DELETE'
              ? {}
              : { payload: rawBody ?? JSON.stringify(payload) }),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 500) {
            throw new Error(
              `${route.method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`,
            );
          }
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            const problem = response.json();
            expect(problem).toMatchObject({ status: response.statusCode });
            expect(typeof problem.type).toBe('string');
            expect(typeof problem.detail).toBe('string');
            expect(typeof problem.requestId).toBe('string');
            if (writes) expect(await fingerprint()).toBe(before);
          }
        },
      ),
      { numRuns: 10_000, seed: 20261124 },
    );
    console.log('statuses', Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));
  }, 600_000);
});
