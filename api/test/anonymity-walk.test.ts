// The insider who knows the calendar: a viewer who knows who met the executive in which week. Over
// the demo history plus a group of two meetings, every GET route of the API (and both exports) is
// read as that viewer: nothing may tie a question to its meeting or week, no count about the small
// group may show, no alert on it may say by how much, and no two overlapping periods may be
// subtracted into a count the k rule hides.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSearchTestApp,
  queryRows,
  signIn,
  waitForSearchSync,
  type TestApp,
} from './support.ts';

const K = 5;
let t: TestApp & { engine: unknown };
let viewer: { cookie: string };
let editor: { cookie: string };
let admin: { cookie: string };

/** The weeks of the last complete weeks before today, as meeting dates (their Wednesdays). */
function weeksAgo(n: number): string {
  const now = new Date();
  const monday = new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate() - ((now.getUTCDay() + 6) % 7),
    ),
  );
  return new Date(monday.getTime() - n * 7 * 86_400_000 + 2 * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

const GROUP = 'sabbatical-leave';
const groupMeetings = [
  {
    heldOn: weeksAgo(1),
    questions: [
      {
        text: 'Could I take a sabbatical to sail around the Azores next spring?',
        categories: [GROUP],
      },
      { text: 'Is sabbatical time unpaid or does some pay continue?', categories: [GROUP] },
    ],
  },
  {
    heldOn: weeksAgo(2),
    questions: [{ text: 'Would a sabbatical reset my promotion clock?', categories: [GROUP] }],
  },
];

const capture = async (meeting: { heldOn: string; questions: unknown[] }) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: editor,
    payload: meeting,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};

beforeAll(async () => {
  t = await createSearchTestApp({ seed: true, config: { demoData: true, kAnonymity: K } });
  viewer = await signIn(t.app, 'viewer');
  editor = await signIn(t.app, 'editor');
  admin = await signIn(t.app, 'admin');
  for (const [slug, name] of [
    [GROUP, 'Sabbatical leave'],
    ['relocation-help', 'Relocation help'],
  ]) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin,
      payload: { slug, name, colour: '#3366aa', axis: 'topic' },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  for (const meeting of groupMeetings) await capture(meeting);
  // The differencing set-up: a quarter whose first month holds two meetings of a category and
  // whose other months hold six each. Subtracting the months from the quarter would give April.
  const days = {
    '2025-04': [2, 9],
    '2025-05': [5, 6, 7, 12, 13, 14],
    '2025-06': [2, 3, 4, 9, 10, 11],
  };
  for (const [month, dates] of Object.entries(days)) {
    for (const day of dates) {
      await capture({
        heldOn: `${month}-${String(day).padStart(2, '0')}`,
        questions: [
          {
            text: 'Will the company help with moving costs if I relocate?',
            categories: ['relocation-help'],
          },
        ],
      });
    }
  }
  const recompute = await t.app.inject({
    method: 'POST',
    url: '/api/themes/recompute',
    headers: admin,
  });
  expect(recompute.statusCode, recompute.body).toBe(200);
  await waitForSearchSync(t.app, 60_000);
}, 300_000);
afterAll(() => t?.close());

const get = async (url: string, headers = viewer) => {
  const response = await t.app.inject({ method: 'GET', url, headers });
  return response;
};

/** Every object inside a JSON value. */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

describe('a viewer walking every GET route', () => {
  it('finds no meeting, no week of a question, no small count and no figure of a hidden alert', async () => {
    const meetingIds = (
      await queryRows<{ id: string }>(t.db.handle, sql`select id::text from meetings`)
    ).map((r) => r.id);
    const group = await queryRows<{ id: string; week: string; themeId: string | null }>(
      t.db.handle,
      sql`select q.id::text, to_char(q.week, 'YYYY-MM-DD') as week, q.theme_id::text as "themeId"
          from questions q join question_categories qc on qc.question_id = q.id
          join categories c on c.id = qc.category_id where c.slug = ${GROUP}`,
    );
    expect(group).toHaveLength(3);
    const groupIds = new Set(group.map((q) => q.id));
    const [pack] = await queryRows<{ id: string }>(
      t.db.handle,
      sql`select id::text from prep_packs limit 1`,
    );
    const [smallTheme] = await queryRows<{ id: string }>(
      t.db.handle,
      sql`select theme_id::text as id from questions where theme_id is not null
          group by theme_id having count(distinct meeting_id) < ${K} limit 1`,
    );

    const spec = (await get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const paths = Object.entries(spec.paths)
      .filter(([, methods]) => 'get' in methods)
      .map(([path]) => path);
    expect(paths.length).toBeGreaterThan(15);

    const idFor = (path: string, param: string): string[] => {
      if (param !== 'id') return [];
      if (path.startsWith('/api/questions/')) return [...groupIds];
      if (path.startsWith('/api/themes/')) {
        return [
          ...new Set(group.flatMap((q) => (q.themeId ? [q.themeId] : []))),
          smallTheme?.id ?? '',
        ].filter(Boolean);
      }
      if (path.startsWith('/api/packs/')) return pack ? [pack.id] : [];
      return [];
    };
    const variants: Record<string, string[]> = {
      '/api/questions': [
        '',
        `?category=${GROUP}`,
        `?category=${GROUP}&from=${weeksAgo(2)}&to=${weeksAgo(1)}`,
      ],
      '/api/search': [
        '',
        `?q=sabbatical`,
        `?category=${GROUP}`,
        `?q=sabbatical&sort=newest&from=${weeksAgo(2)}`,
      ],
      '/api/trends': [
        '',
        '?by=category&bucket=week',
        '?by=theme&bucket=month',
        '?by=theme&bucket=week',
      ],
      '/api/digest': [
        '',
        '?period=2025-Q2',
        `?period=${weeksAgo(1).slice(0, 7)}`,
        `?period=${weeksAgo(1).slice(0, 7)}&format=md`,
        '?format=md',
      ],
      '/api/export': ['?format=csv', '?format=json'],
      '/api/packs/{id}/export': ['?format=md', '?format=csv', '?format=json'],
    };

    const urls: string[] = [];
    for (const path of paths) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const filled =
        params.length === 0
          ? [path]
          : idFor(path, params[0]!).map((id) => path.replace(`{${params[0]}}`, id));
      for (const base of filled)
        for (const query of variants[path] ?? ['']) urls.push(base + query);
    }

    let read = 0;
    for (const url of urls) {
      const response = await get(url);
      if (response.statusCode !== 200) {
        // Refused is fine; failing is not.
        expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
        continue;
      }
      read++;
      const body = response.body;
      for (const id of meetingIds) expect(body, `${url} holds a meeting id`).not.toContain(id);
      expect(body, url).not.toMatch(/meetingId|meeting_id/);
      if (!response.headers['content-type']?.toString().includes('json')) {
        // The files: a question's row holds its period, never its week.
        for (const q of group) {
          const line = body.split('\n').find((l) => l.includes(q.id));
          if (line) expect(line, url).not.toContain(q.week);
        }
        if (url.includes(`digest?period=${weeksAgo(1).slice(0, 7)}`)) {
          expect(body).toMatch(/Sabbatical leave \| <5/);
        }
        continue;
      }
      const json = response.json();
      for (const object of objects(json)) {
        expect(Object.keys(object), `${url} carries a week`).not.toContain('week');
        if (typeof object.id === 'string' && groupIds.has(object.id)) {
          // The question's time, where it has one, is its period, which holds at least k meetings.
          const { period, ...rest } = object as {
            period?: { from: string; to: string } | string;
          };
          expect(JSON.stringify(rest), url).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          // Files name the period by its label.
          if (typeof period === 'string') expect(period).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          else if (period) {
            const [{ meetings } = { meetings: 0 }] = await queryRows<{ meetings: number }>(
              t.db.handle,
              sql`select count(*)::int as meetings from meetings where week between ${period.from} and ${period.to}`,
            );
            expect(meetings, `${url}: period ${JSON.stringify(period)}`).toBeGreaterThanOrEqual(K);
          }
        }
        // An alert on a group under k says that it rose, never by how much.
        if ('pValue' in object && (object.count as { suppressed: boolean }).suppressed) {
          expect(object.pValue, url).toBeNull();
          expect(object.expected, url).toBeNull();
          expect(String(object.message)).not.toMatch(/\d+(\.\d+)? expected|p\s*=|\b\d+ questions/);
        }
        // Series and digest rows of the small group show no count.
        if (object.key === GROUP || object.slug === GROUP) {
          const cells = (object.points as unknown[] | undefined) ?? [object];
          for (const cell of cells as Record<string, unknown>[]) {
            // A point or digest row carries its count; an alert carries it as a shown cell.
            const count =
              cell.count && typeof cell.count === 'object'
                ? (cell.count as { count: number | null }).count
                : cell.count;
            if (count !== undefined) expect([null, 0], url).toContain(count);
          }
        }
      }
      if (url.startsWith('/api/questions?category')) expect(json.total, url).toBeNull();
      if (url.startsWith('/api/search')) {
        expect(json.facets.categories[GROUP] ?? null, url).toBeNull();
        if (url.includes('sabbatical')) expect(json.total, url).toBeNull();
      }
      if (url.startsWith('/api/themes/') && json.theme) {
        const [{ meetings } = { meetings: 0 }] = await queryRows<{ meetings: number }>(
          t.db.handle,
          sql`select count(distinct meeting_id)::int as meetings from questions where theme_id = ${json.theme.id}`,
        );
        if (meetings < K) {
          // A theme under k shows its questions without any count.
          expect(json.theme.questions.count, url).toBeNull();
          expect(json.theme.meetings.count, url).toBeNull();
          expect(json.theme.firstSeen, url).toBeNull();
          expect(json.questions.length, url).toBeGreaterThan(0);
        }
      }
    }
    expect(read).toBeGreaterThan(25);

    // The sabbatical questions rose in the last weeks: if an alert names them, it has no figures.
    const { alerts } = (await get('/api/alerts')).json();
    for (const alert of alerts.filter((a: { key: string }) => a.key === GROUP)) {
      expect(alert.count.suppressed).toBe(true);
      expect(alert.pValue).toBeNull();
    }
  }, 240_000);
});

describe('two overlapping periods', () => {
  type Point = { bucket: string; count: number | null; suppressed: boolean };
  type Series = { key: string; points: Point[] };

  /** Distinct meetings of a category per week, from the database. */
  async function weeklyMeetings(slug: string) {
    return new Map(
      (
        await queryRows<{ week: string; meetings: number }>(
          t.db.handle,
          sql`select to_char(q.week, 'YYYY-MM-DD') as week, count(distinct q.meeting_id)::int as meetings
              from questions q join question_categories qc on qc.question_id = q.id
              join categories c on c.id = qc.category_id where c.slug = ${slug} group by q.week`,
        )
      ).map((r) => [r.week, r.meetings]),
    );
  }

  it('give the same cell for every bucket they share, and never part of a bucket', async () => {
    const a = (
      await get('/api/trends?by=category&bucket=month&from=2025-04-10&to=2025-06-20')
    ).json();
    const b = (
      await get('/api/trends?by=category&bucket=month&from=2025-05-01&to=2025-07-31')
    ).json();
    const all = (await get('/api/trends?by=category&bucket=month')).json();
    expect(a.buckets).toEqual(['2025-04', '2025-05', '2025-06']);
    const cell = (trends: { series: Series[] }, key: string, bucket: string) =>
      trends.series.find((s) => s.key === key)?.points.find((p) => p.bucket === bucket);
    for (const series of all.series as Series[]) {
      for (const bucket of ['2025-05', '2025-06']) {
        const whole = cell(all, series.key, bucket);
        // A series with nothing in a range is left out of it.
        for (const part of [a, b]) {
          const shared = cell(part, series.key, bucket);
          if (shared) expect(shared).toEqual(whole);
          else expect(whole?.count).toBe(0);
        }
      }
    }
  });

  it('cannot be subtracted into a hidden month: a quarter hides what its months would expose', async () => {
    const quarter = (await get('/api/digest?period=2025-Q2')).json();
    const months = await Promise.all(
      ['2025-04', '2025-05', '2025-06'].map(async (m) =>
        (await get(`/api/digest?period=${m}`)).json(),
      ),
    );
    const relocation = (digest: { categories: { slug: string; count: number | null }[] }) =>
      digest.categories.find((c) => c.slug === 'relocation-help');
    // April holds two meetings of it: hidden. May and June hold six each: shown.
    expect(relocation(months[0])?.count ?? null).toBeNull();
    expect(relocation(months[1])?.count).toBe(6);
    expect(relocation(months[2])?.count).toBe(6);
    // So the quarter may not show 14, which less 6 and 6 would give April's 2.
    expect(relocation(quarter)?.count ?? null).toBeNull();

    // And in general: wherever a quarter's cell shows, the months it hides hold k meetings together.
    for (const category of quarter.categories as { slug: string; count: number | null }[]) {
      if (category.count === null) continue;
      const weekly = await weeklyMeetings(category.slug);
      let hiddenMeetings = 0;
      months.forEach((digest, i) => {
        const monthCell = digest.categories.find((c: { slug: string }) => c.slug === category.slug);
        if (monthCell && monthCell.count === null) {
          const month = `2025-0${4 + i}`;
          for (const [week, meetings] of weekly)
            if (week.startsWith(month)) hiddenMeetings += meetings;
        }
      });
      expect(hiddenMeetings === 0 || hiddenMeetings >= K, category.slug).toBe(true);
    }
  });

  it('cannot be subtracted into a hidden week: weeks hide along time until a month exposes none', async () => {
    const weeks = (
      await get('/api/trends?by=category&bucket=week&from=2025-01-01&to=2025-12-31')
    ).json();
    const months = (
      await get('/api/trends?by=category&bucket=month&from=2025-01-01&to=2025-12-31')
    ).json();
    for (const series of months.series as Series[]) {
      const weekly = (weeks.series as Series[]).find((s) => s.key === series.key)!;
      for (const point of series.points) {
        if (point.count === null) continue;
        const hidden = weekly.points
          .filter((w) => w.bucket.startsWith(point.bucket) && w.count === null)
          .map((w) => w.bucket);
        if (hidden.length === 0) continue;
        const meetings = await weeklyMeetings(series.key);
        const total = hidden.reduce((n, w) => n + (meetings.get(w) ?? 0), 0);
        expect(total === 0 || total >= K, `${series.key} ${point.bucket}`).toBe(true);
      }
    }
  });
});

describe('the audit log', () => {
  it('dates a capture by its week, names none of its questions, and pages by entry', async () => {
    const captures: { at: string; entityId: string | null; detail: Record<string, unknown> }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/api/audit?limit=7${after ? `&after=${after}` : ''}`, admin);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json();
      captures.push(
        ...page.entries.filter((e: { action: string }) => e.action === 'meeting.create'),
      );
      after = page.next;
      pages++;
    } while (after && pages < 50);
    // Every capture of this file, on any page: entries sharing a time are not skipped at page ends.
    expect(captures.length).toBeGreaterThanOrEqual(groupMeetings.length + 14);
    for (const entry of captures) {
      const at = new Date(entry.at);
      expect(at.getUTCDay()).toBe(1);
      expect(entry.at).toMatch(/T00:00:00\.000Z$/);
      expect(entry.entityId).toBeNull();
      expect(JSON.stringify(entry.detail)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    const garbage = await get('/api/audit?after=not-a-cursor', admin);
    expect(garbage.statusCode).toBe(400);
  });
});
