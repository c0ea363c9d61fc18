// Trends: counts per period per category or theme, as shares of all questions in the period (a busy
// month of 1:1s is not a rising theme), with every cell under the k-anonymity rule.
import type { Db, PeriodFilter, TrendBucket, TrendGroup } from '@kb/db';
import { protectRow, type Cell, type ShownCell } from './anonymity.ts';
import { bucketTotals, fromSummary, groupCounts } from './week-counts.ts';

export interface TrendPoint extends ShownCell {
  bucket: string;
  /** Share of all questions in the bucket; null when the count is hidden. */
  share: number | null;
}

export interface TrendSeries {
  key: string;
  name: string;
  points: TrendPoint[];
}

export interface Trends {
  by: TrendGroup;
  bucket: TrendBucket;
  k: number;
  buckets: string[];
  totals: TrendPoint[];
  series: TrendSeries[];
}

export async function trends(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  filter: PeriodFilter,
  k: number,
  /** Only these series (category slugs or theme ids); every group still counts for the rule. */
  only?: readonly string[],
): Promise<Trends> {
  const all = await fromSummary(db, ['trends', by, bucket, filter.from, filter.to, k], () =>
    everyTrend(db, by, bucket, filter, k),
  );
  if (!only) return all;
  const wanted = new Set(only);
  return { ...all, series: all.series.filter((s) => wanted.has(s.key)) };
}

async function everyTrend(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  filter: PeriodFilter,
  k: number,
): Promise<Trends> {
  const [totals, groups] = await Promise.all([
    bucketTotals(db, bucket, filter),
    groupCounts(db, by, bucket, filter),
  ]);
  const buckets = totals.map((t) => t.bucket);
  const position = new Map(buckets.map((b, i) => [b, i]));
  const ZERO: Cell = { count: 0, meetings: 0 };
  // Each group's cells by bucket position, so a row is gathered without building keys.
  const groupsByKey = new Map<string, { name: string; cells: Cell[] }>();
  for (const g of groups) {
    let group = groupsByKey.get(g.key);
    if (!group) {
      group = { name: g.name, cells: new Array<Cell>(buckets.length).fill(ZERO) };
      groupsByKey.set(g.key, group);
    }
    const at = position.get(g.bucket);
    if (at !== undefined) group.cells[at] = g;
  }
  const ordered = [...groupsByKey].sort((a, b) => a[1].name.localeCompare(b[1].name));

  const series: TrendSeries[] = ordered.map(([key, g]) => ({ key, name: g.name, points: [] }));
  const totalPoints: TrendPoint[] = [];
  totals.forEach((total, at) => {
    const row = protectRow(
      ordered.map(([, g]) => g.cells[at]!),
      total,
      k,
    );
    totalPoints.push({
      ...row.total,
      bucket: total.bucket,
      share: row.total.suppressed ? null : 1,
    });
    row.cells.forEach((shown, i) => {
      series[i]!.points.push({
        ...shown,
        bucket: total.bucket,
        share:
          shown.count === null || total.count === 0
            ? null
            : Math.round((shown.count / total.count) * 1000) / 1000,
      });
    });
  });
  return { by, bucket, k, buckets, totals: totalPoints, series };
}
