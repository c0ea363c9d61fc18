// The weekly summary behind trends, alerts and theme counts: after every kind of write, what the
// dashboards read equals a count made straight from the questions.
import { addDays, createDb } from '@kb/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { protectRow } from '../src/domain/anonymity.ts';
import { captureMeeting } from '../src/domain/capture.ts';
import { addCategory, changeCategory, removeCategory } from '../src/domain/categories.ts';
import { importQuestions } from '../src/domain/import.ts';
import { editQuestion, removeQuestion } from '../src/domain/questions.ts';
import { protectedGrid } from '../src/domain/trends.ts';
import {
  bucketTotals,
  groupCounts,
  refreshWeekCounts,
  themesWithStats,
} from '../src/domain/week-counts.ts';
import { createTestApp, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };

interface Row {
  scope: string;
  group_id: string;
  week: string;
  questions: number;
  meetings: number;
}

const normalise = (rows: Row[]) =>
  rows
    .map((r) => ({
      scope: r.scope,
      group: r.group_id,
      week: String(r.week).slice(0, 10),
      questions: Number(r.questions),
      meetings: Number(r.meetings),
    }))
    .sort((a, b) => `${a.scope}${a.group}${a.week}`.localeCompare(`${b.scope}${b.group}${b.week}`));

/** What `week_counts` must hold, counted from the questions themselves. */
async function countedFromQuestions() {
  return normalise(
    await queryRows<Row>(
      t.db.handle,
      sql`
        select 'all' as scope, '00000000-0000-0000-0000-000000000000' as group_id, week,
               count(*) as questions, count(distinct meeting_id) as meetings
        from questions group by week
        union all
        select 'category', qc.category_id::text, q.week, count(*), count(distinct q.meeting_id)
        from questions q join question_categories qc on qc.question_id = q.id
        group by qc.category_id, q.week
        union all
        select 'theme', theme_id::text, week, count(*), count(distinct meeting_id)
        from questions where theme_id is not null group by theme_id, week`,
    ),
  );
}

async function summary() {
  await refreshWeekCounts(t.app.db);
  return normalise(
    await queryRows<Row>(
      t.db.handle,
      sql`select scope, group_id::text as group_id, week, questions, meetings from week_counts`,
    ),
  );
}

const start = '2026-03-02'; // a Monday

async function capture(week: number, texts: [string, string[]][]) {
  return captureMeeting(
    t.app.db,
    t.app.redactor,
    {
      heldOn: addDays(start, 7 * week + 2),
      questions: texts.map(([text, categories]) => ({ text, categories })),
    },
    systemActor,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t.app, 'editor');
  for (let week = 0; week < 6; week++) {
    for (let meeting = 0; meeting < 3; meeting++) {
      await capture(week, [
        [`How are promotions decided, week ${week}?`, ['career', 'tough']],
        [`Why did the roadmap change in week ${week}?`, ['priorities']],
        [`How do promotions and career paths work here?`, ['career']],
      ]);
    }
  }
  await t.app.themes.recompute();
}, 120_000);
afterAll(() => t.close());

describe('the weekly summary', () => {
  it('matches the questions after captures and a theme recompute', async () => {
    const expected = await countedFromQuestions();
    expect(expected.filter((r) => r.scope === 'theme').length).toBeGreaterThan(0);
    expect(await summary()).toEqual(expected);
  });

  it('counts a meeting once per week and group, however many of its questions are in it', async () => {
    const rows = (await summary()).filter((r) => r.week === start);
    expect(rows.find((r) => r.scope === 'all')).toMatchObject({ questions: 9, meetings: 3 });
  });

  it('follows edits, moves, merges, deletions, a removed category and an import', async () => {
    const extra = await capture(7, [
      ['What is the plan for diversity hiring?', ['diversity']],
      ['Is the reorganisation final?', ['organization']],
    ]);
    const [first, second] = extra.questions;
    await editQuestion(
      t.app.db,
      t.app.redactor,
      first!.id,
      { categories: ['diversity', 'tough'] },
      systemActor,
    );
    expect(await summary()).toEqual(await countedFromQuestions());

    const themes = await t.app.inject({ method: 'GET', url: '/api/themes', headers: editor });
    const ids = themes.json<{ themes: { id: string }[] }>().themes.map((theme) => theme.id);
    expect(ids.length).toBeGreaterThan(1);
    await editQuestion(t.app.db, t.app.redactor, second!.id, { themeId: ids[1]! }, systemActor);
    expect(await summary()).toEqual(await countedFromQuestions());

    const merge = await t.app.inject({
      method: 'POST',
      url: `/api/themes/${ids[0]}/merge`,
      headers: editor,
      payload: { themeIds: [ids[1]] },
    });
    expect(merge.statusCode).toBe(200);
    expect(await summary()).toEqual(await countedFromQuestions());

    await removeQuestion(t.app.db, second!.id, systemActor);
    const [diversity] = await queryRows<{ id: string }>(
      t.db.handle,
      sql`select id from categories where slug = 'diversity'`,
    );
    await removeCategory(t.app.db, diversity!.id, systemActor);
    await importQuestions(
      t.app.db,
      t.app.redactor,
      {
        format: 'csv',
        content: 'text,date,categories\n"Who owns on-call?",2026-03-11,priorities\n',
        dryRun: false,
      },
      systemActor,
    );
    expect(await summary()).toEqual(await countedFromQuestions());
  });

  it('is what the trends and theme list report, fresh right after a capture', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/trends?by=category&bucket=month',
      headers: editor,
    });
    const total = (body: { totals: { bucket: string; count: number | null }[] }) =>
      body.totals.find((p) => p.bucket === '2026-03')?.count ?? 0;
    const countBefore = total(before.json());
    expect(countBefore).toBeGreaterThan(0);

    // Through the API, as people capture: the answers kept for readers end with the write.
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: {
        heldOn: addDays(start, 7 * 4 + 2),
        questions: [{ text: 'One more question about the roadmap?', categories: ['priorities'] }],
      },
    });
    expect(captured.statusCode).toBe(201);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/trends?by=category&bucket=month',
      headers: editor,
    });
    expect(total(after.json())).toBe(countBefore + 1);

    const listed = await t.app.inject({ method: 'GET', url: '/api/themes', headers: editor });
    const themeRows = (await summary()).filter((r) => r.scope === 'theme');
    for (const theme of listed.json<{
      themes: { id: string; questions: { count: number | null } }[];
    }>().themes) {
      const counted = themeRows
        .filter((r) => r.group === theme.id)
        .reduce((sum, r) => sum + r.questions, 0);
      if (theme.questions.count !== null) expect(theme.questions.count).toBe(counted);
    }
  });

  it('rebuilds each stale week once when readers race', async () => {
    await capture(2, [['Another career question?', ['career']]]);
    await Promise.all(Array.from({ length: 5 }, () => refreshWeekCounts(t.app.db)));
    const stale = await queryRows<{ n: number }>(
      t.db.handle,
      sql`select count(*)::int as n from stale_weeks`,
    );
    expect(Number(stale[0]!.n)).toBe(0);
    expect(await summary()).toEqual(await countedFromQuestions());
  });

  it('rebuilds many weeks at once the same way, and gathers the statistics its readers plan by', async () => {
    // Twelve weeks of a year before: more than a capture's few, so the tags are read all at once.
    const rows = Array.from({ length: 12 }, (_, week) => ({
      text: `What happened to the hiring plan in week ${week} of last year?`,
      date: addDays('2025-03-03', 7 * week + 1),
      categories: week % 2 === 0 ? ['priorities', 'career'] : ['priorities'],
    }));
    await importQuestions(
      t.app.db,
      t.app.redactor,
      { format: 'json', content: JSON.stringify(rows), dryRun: false },
      systemActor,
    );
    expect(await summary()).toEqual(await countedFromQuestions());
    // A summary never analyzed reads as -1 rows: the embedded database has no autovacuum.
    const [table] = await queryRows<{ rows: number }>(
      t.db.handle,
      sql`select reltuples::int as rows from pg_class where relname = 'week_counts'`,
    );
    expect(Number(table!.rows)).toBeGreaterThan(0);
  });

  it('shows a renamed theme under its new name at once, and only the series asked for', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/themes', headers: editor });
    const [theme] = list.json<{ themes: { id: string }[] }>().themes;
    const url = '/api/trends?by=theme&bucket=month';
    const all = (await t.app.inject({ method: 'GET', url, headers: editor })).json<Trends>();
    expect(all.series.length).toBeGreaterThan(1);

    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/themes/${theme!.id}`,
      headers: editor,
      payload: { name: 'Promotions and career paths' },
    });
    expect(rename.statusCode).toBe(200);
    const only = await t.app.inject({
      method: 'GET',
      url: `${url}&keys=${theme!.id}`,
      headers: editor,
    });
    const body = only.json<Trends>();
    expect(body.series.map((s) => [s.key, s.name])).toEqual([
      [theme!.id, 'Promotions and career paths'],
    ]);
    // The series is the one in the full answer: hidden cells are decided over every theme.
    expect(body.series[0]!.points).toEqual(all.series.find((s) => s.key === theme!.id)!.points);
    expect(body.totals).toEqual(all.totals);
  });
});

describe.skipIf(!inject('postgresServerUrl'))('the summary another app process holds', () => {
  it('follows every write made elsewhere, down to a week left with no questions', async () => {
    // Its own connections, as a second process has: nothing shared in memory with t.app.
    const other = createDb({ kind: 'postgres', url: t.db.url!, maxConnections: 2 });
    try {
      const seen = async () => {
        const [weeks, themes, categories] = await Promise.all([
          bucketTotals(other.db, 'week', {}),
          themesWithStats(other.db),
          groupCounts(other.db, 'category', 'month', {}),
        ]);
        return {
          weeks: weeks.map((w) => [w.bucket, w.count, w.meetings]),
          themes: themes
            .filter((theme) => theme.questionCount > 0)
            .map((theme) => [theme.id, theme.questionCount, theme.meetingCount])
            .sort(),
          categoryMonths: categories.length,
        };
      };
      const counted = async () => {
        const rows = await countedFromQuestions();
        const themes = new Map<string, [number, number]>();
        for (const r of rows.filter((r) => r.scope === 'theme')) {
          const [questions, meetings] = themes.get(r.group) ?? [0, 0];
          themes.set(r.group, [questions + r.questions, meetings + r.meetings]);
        }
        const months = new Set(
          rows.filter((r) => r.scope === 'category').map((r) => `${r.group} ${r.week.slice(0, 7)}`),
        );
        return {
          weeks: rows
            .filter((r) => r.scope === 'all')
            .sort((a, b) => a.week.localeCompare(b.week))
            .map((r) => [r.week, r.questions, r.meetings]),
          themes: [...themes].map(([id, [q, m]]) => [id, q, m]).sort(),
          categoryMonths: months.size,
        };
      };
      expect(await seen()).toEqual(await counted());

      // A week of its own, written through the app, then emptied again.
      const lone = await capture(30, [['Who decides the budget for next year?', ['priorities']]]);
      await t.app.themes.recompute();
      // Rebuilt by the first process: the other one learns which weeks changed from Postgres.
      await refreshWeekCounts(t.app.db);
      const lonely = addDays(start, 7 * 30);
      expect((await seen()).weeks.map(([week]) => week)).toContain(lonely);
      expect(await seen()).toEqual(await counted());

      await removeQuestion(t.app.db, lone.questions[0]!.id, systemActor);
      await refreshWeekCounts(t.app.db);
      expect((await seen()).weeks.map(([week]) => week)).not.toContain(lonely);
      expect(await seen()).toEqual(await counted());
    } finally {
      await other.close();
    }
  });

  it('protects again only the months a write touched, as a process working afresh would', async () => {
    const k = t.app.config.kAnonymity;
    const other = createDb({ kind: 'postgres', url: t.db.url!, maxConnections: 2 });
    // Each month protected on its own, straight from the counts: groups by name, then key.
    const reference = async (by: 'category' | 'theme') => {
      const [totals, counts] = await Promise.all([
        bucketTotals(other.db, 'month', {}),
        groupCounts(other.db, by, 'month', {}),
      ]);
      const groups = [...new Map(counts.map((c) => [c.key, c.name]))]
        .map(([key, name]) => ({ key, name }))
        .sort((a, b) => a.name.localeCompare(b.name) || (a.key < b.key ? -1 : 1));
      const rows = totals.map((total) => {
        const cells = groups.map((g) => {
          const c = counts.find((c) => c.key === g.key && c.bucket === total.bucket);
          return { count: c?.count ?? 0, meetings: c?.meetings ?? 0 };
        });
        return { cells, shown: protectRow(cells, total, k) };
      });
      return {
        buckets: totals.map((total) => total.bucket),
        totals: totals.map((total, at) => ({
          cell: { count: total.count, meetings: total.meetings },
          shown: rows[at]!.shown.total,
        })),
        groups: groups.map((g, i) => ({
          ...g,
          parts: rows.map((row) => ({ cell: row.cells[i]!, shown: row.shown.cells[i]! })),
        })),
      };
    };
    try {
      for (const [by, week] of [
        ['category', 20],
        ['theme', 25],
      ] as const) {
        await refreshWeekCounts(t.app.db);
        const before = await protectedGrid(t.app.db, by, 'month', k);
        // A capture that opens a theme: the names move on, the other months do not.
        await capture(week, [['Who decides which teams grow next year?', ['priorities']]]);
        await refreshWeekCounts(t.app.db);
        const after = await protectedGrid(t.app.db, by, 'month', k);
        const touched = addDays(start, 7 * week + 2).slice(0, 7);
        expect(after.buckets).toContain(touched);
        // The other months are not protected again: their cells are the very ones kept before.
        let kept = 0;
        for (const group of after.groups) {
          const earlier = before.groups.find((g) => g.key === group.key);
          group.parts.forEach((part, at) => {
            const month = after.buckets[at]!;
            const was = before.buckets.indexOf(month);
            if (!earlier || was < 0 || month === touched || part.cell.count === 0) return;
            expect(part).toBe(earlier.parts[was]);
            kept++;
          });
        }
        expect(kept).toBeGreaterThan(0);
        // A process that kept nothing works out the same grid, and so does the rule month by month.
        expect(after).toEqual(await protectedGrid(other.db, by, 'month', k));
        expect(after).toEqual(await reference(by));
      }
    } finally {
      await other.close();
    }
  });
});

describe('month cells kept between writes', () => {
  it('are protected again when a rename changes which of two tied groups is hidden', async () => {
    const k = t.app.config.kAnonymity;
    const category = (slug: string, name: string) =>
      addCategory(t.app.db, { slug, name, colour: '#445566', axis: 'topic' }, systemActor);
    const first = await category('tie-first', 'Tie A');
    await category('tie-second', 'Tie B');
    await category('tie-thin', 'Tie C');
    // A month of its own: five meetings ask in each of the first two, one in the third. The thin
    // one is hidden, and one of the two tied ones with it: the first by name.
    const week = 35;
    for (let i = 0; i < 5; i++) {
      await capture(week, [
        [`Which tie question comes first, number ${i}?`, ['tie-first']],
        [`Which tie question comes second, number ${i}?`, ['tie-second']],
      ]);
    }
    await capture(week, [['Which tie question is thin?', ['tie-thin']]]);
    const month = addDays(start, 7 * week + 2).slice(0, 7);
    const hidden = async () => {
      const grid = await protectedGrid(t.app.db, 'category', 'month', k);
      const at = grid.buckets.indexOf(month);
      return Object.fromEntries(
        grid.groups
          .filter((g) => g.key.startsWith('tie-'))
          .map((g) => [g.key, g.parts[at]!.shown.suppressed]),
      );
    };
    expect(await hidden()).toEqual({ 'tie-first': true, 'tie-second': false, 'tie-thin': true });
    // The month's counts are as they were; only the order of its groups moved.
    await changeCategory(t.app.db, first.id, { name: 'Tie Z' }, systemActor);
    expect(await hidden()).toEqual({ 'tie-first': false, 'tie-second': true, 'tie-thin': true });
  });
});

interface Trends {
  totals: unknown[];
  series: { key: string; name: string; points: unknown[] }[];
}
