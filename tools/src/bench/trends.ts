// Benchmark: the dashboard's API calls over a large history, beside hand-written SQL for the same
// figure (questions and distinct meetings per category and month), once over the questions
// themselves and once over the weekly summary the API reads.
import { refreshWeekCounts } from '@kb/api';
import { sql } from 'drizzle-orm';
import { percentile, round, startStack } from './setup.ts';

// What the dashboard page asks for; the theme sparklines name the top themes (filled in below).
const DASHBOARD = [
  '/api/trends?by=category&bucket=month',
  '/api/themes',
  '/api/alerts',
  '/api/trends?by=theme&bucket=month&keys=',
];

export async function benchTrends(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  try {
    const size = quick ? 100_000 : 1_000_000;
    const themeCount = 300;
    const db = stack.handle.db;
    // Bulk-generated in SQL: five questions a meeting over three years up to last week, two
    // categories each, spread over a few hundred themes.
    await db.execute(sql`
      insert into themes (id, label) select gen_random_uuid(), 'Generated theme ' || g from generate_series(1, ${themeCount}) g`);
    await db.execute(sql`
      insert into meetings (id, week)
      select gen_random_uuid(),
             date_trunc('week', now())::date - 7 * (1 + g % 156)
      from generate_series(1, ${size / 5}) g`);
    await db.execute(sql`
      with theme_ids as (select array_agg(id order by id) as ids from themes)
      insert into questions (id, meeting_id, text, week, status, theme_id)
      select gen_random_uuid(), m.id, 'Generated question ' || k, m.week, 'open',
             t.ids[1 + abs(hashtext(m.id::text || k)) % ${themeCount}]
      from meetings m cross join generate_series(1, 5) k cross join theme_ids t`);
    await db.execute(sql`
      insert into question_categories (question_id, category_id)
      select q.id, c.id from questions q
      join lateral (select id from categories order by md5(q.id::text || slug) limit 2) c on true`);
    await db.execute(sql`analyze`);

    // The first reader after a bulk load rebuilds every week of the summary.
    let t0 = performance.now();
    await refreshWeekCounts(db);
    const rebuildSeconds = (performance.now() - t0) / 1000;

    const get = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}${path}`, {
        headers: { cookie: stack.cookie },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };

    const top = (await (
      await fetch(`${stack.baseUrl}/api/themes`, { headers: { cookie: stack.cookie } })
    ).json()) as { themes: { id: string }[] };
    DASHBOARD[3] += top.themes
      .slice(0, 8)
      .map((t) => t.id)
      .join(',');

    // Each dashboard call's timings, kept together and per call for the table.
    const timed = () => {
      const all: number[] = [];
      const byPath = new Map<string, number[]>(DASHBOARD.map((path) => [path, []]));
      return {
        all,
        async call(path: string) {
          const ms = await get(path);
          all.push(ms);
          byPath.get(path)!.push(ms);
        },
        print(label: string) {
          for (const [path, ms] of byPath) {
            const name = `${label}${path.replace(/keys=.*/, 'keys=<top 8>')}`;
            console.log(
              `           ${name.padEnd(68)} p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms`,
            );
          }
        },
      };
    };

    const warm = timed();
    for (let round = 0; round < 10; round++) {
      for (const path of DASHBOARD) await warm.call(path);
    }
    warm.print('');
    const timings = warm.all;

    // A capture marks its week stale: the next dashboard call rebuilds that week first. Posted
    // through the API as an editor captures, so the answers kept for readers end with it too.
    const captured = timed();
    for (let round = 0; round < 5; round++) {
      const capture = await fetch(`${stack.baseUrl}/api/meetings`, {
        method: 'POST',
        headers: { cookie: stack.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          heldOn: new Date().toISOString().slice(0, 10),
          questions: [{ text: 'What is next?', categories: ['priorities'] }],
        }),
      });
      if (capture.status !== 201) throw new Error(`capture answered ${capture.status}`);
      for (const path of DASHBOARD) await captured.call(path);
    }
    captured.print('after a capture: ');
    const afterCapture = captured.all;

    const api: number[] = [];
    const summary: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 10; i++) {
      api.push(await get(DASHBOARD[0]!));
      t0 = performance.now();
      await db.execute(sql`
        select to_char(w.week, 'YYYY-MM') as bucket, c.slug, sum(w.questions), sum(w.meetings)
        from week_counts w join categories c on c.id = w.group_id
        where w.scope = 'category'
        group by 1, 2`);
      summary.push(performance.now() - t0);
      if (i < 3) {
        t0 = performance.now();
        await db.execute(sql`
          select to_char(q.week, 'YYYY-MM') as bucket, c.slug, count(*), count(distinct q.meeting_id)
          from questions q join question_categories qc on qc.question_id = q.id join categories c on c.id = qc.category_id
          group by 1, 2`);
        raw.push(performance.now() - t0);
      }
    }
    const apiP50 = percentile(api, 50);
    const result = {
      trendsP95Ms: round(percentile(timings, 95)),
      trendsAfterCaptureP95Ms: round(percentile(afterCapture, 95)),
      trendsRebuildSeconds: round(rebuildSeconds, 1),
      trendsCategoryMonthP50Ms: round(apiP50),
      trendsRawSqlP50Ms: round(percentile(raw, 50)),
      trendsSummarySqlP50Ms: round(percentile(summary, 50)),
      trendsRatio: round(apiP50 / Math.max(percentile(raw, 50), 0.01), 3),
      trendsSummaryRatio: round(apiP50 / Math.max(percentile(summary, 50), 0.01)),
    };
    console.log(
      [
        `trends     ${size} questions, ${themeCount} themes; summary rebuilt from scratch in ${result.trendsRebuildSeconds} s`,
        `           dashboard calls (${DASHBOARD.length} × 10) p95 ${result.trendsP95Ms} ms (target ≤ 100 ms); the same calls right after a capture p95 ${result.trendsAfterCaptureP95Ms} ms`,
        `           category × month: API p50 ${result.trendsCategoryMonthP50Ms} ms; hand-written SQL over the questions ${result.trendsRawSqlP50Ms} ms → ratio ${result.trendsRatio} (target ≤ 1.3)`,
        `           the same SQL over the weekly summary ${result.trendsSummarySqlP50Ms} ms → API overhead ratio ${result.trendsSummaryRatio}`,
      ].join('\n'),
    );
    return result;
  } finally {
    await stack.close();
  }
}
