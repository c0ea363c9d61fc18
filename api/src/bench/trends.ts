// Benchmark: the dashboard's API calls over a large history, beside one hand-written SQL aggregate
// for the same figure (questions and distinct meetings per category and month).
import { sql } from 'drizzle-orm';
import { percentile, round, startStack } from './setup.ts';

export async function benchTrends(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  try {
    const size = quick ? 100_000 : 1_000_000;
    const db = stack.handle.db;
    // Bulk-generated in SQL: five questions a meeting over three years, two categories each.
    await db.execute(sql`
      insert into meetings (id, week)
      select gen_random_uuid(), date '2023-01-02' + (7 * (g % 156))
      from generate_series(1, ${size / 5}) g`);
    await db.execute(sql`
      insert into questions (id, meeting_id, text, week, status)
      select gen_random_uuid(), m.id, 'Generated question ' || n, m.week, 'open'
      from meetings m cross join generate_series(1, 5) n`);
    await db.execute(sql`
      insert into question_categories (question_id, category_id)
      select q.id, c.id from questions q
      join lateral (select id from categories order by md5(q.id::text || slug) limit 2) c on true`);
    await db.execute(sql`analyze`);

    const paths = [
      '/api/trends?by=category&bucket=month',
      '/api/trends?by=category&bucket=week',
      '/api/alerts',
      '/api/themes',
    ];
    const timings: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const path of paths) {
        const t0 = performance.now();
        const response = await fetch(`${stack.baseUrl}${path}`, {
          headers: { cookie: stack.cookie },
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        timings.push(performance.now() - t0);
      }
    }
    const api: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 10; i++) {
      let t0 = performance.now();
      await (
        await fetch(`${stack.baseUrl}/api/trends?by=category&bucket=month`, {
          headers: { cookie: stack.cookie },
        })
      ).arrayBuffer();
      api.push(performance.now() - t0);
      t0 = performance.now();
      await db.execute(sql`
        select to_char(q.week, 'YYYY-MM') as bucket, c.slug, count(*), count(distinct q.meeting_id)
        from questions q join question_categories qc on qc.question_id = q.id join categories c on c.id = qc.category_id
        group by 1, 2`);
      raw.push(performance.now() - t0);
    }
    const result = {
      trendsP95Ms: round(percentile(timings, 95)),
      trendsCategoryMonthP50Ms: round(percentile(api, 50)),
      trendsRawSqlP50Ms: round(percentile(raw, 50)),
      trendsRatio: round(percentile(api, 50) / Math.max(percentile(raw, 50), 0.01)),
    };
    console.log(
      `trends     ${size} questions: dashboard calls p95 ${result.trendsP95Ms} ms (target ≤ 100 ms); category × month p50 ${result.trendsCategoryMonthP50Ms} ms vs raw SQL ${result.trendsRawSqlP50Ms} ms, ratio ${result.trendsRatio} (target ≤ 1.3)`,
    );
    return result;
  } finally {
    await stack.close();
  }
}
