// Trends: counts per period per category or theme, as shares of all questions in the period (a busy
// month of 1:1s is not a rising theme), with every cell under the k-anonymity rule.
import {
  countsByGroup,
  totalsByBucket,
  type Db,
  type PeriodFilter,
  type TrendBucket,
  type TrendGroup,
} from '@kb/db';
import { protectRow, type ShownCell } from './anonymity.ts';

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
): Promise<Trends> {
  const [totals, groups] = await Promise.all([
    totalsByBucket(db, bucket, filter),
    countsByGroup(db, by, bucket, filter),
  ]);
  const buckets = totals.map((t) => t.bucket);
  const names = new Map<string, string>();
  const cell = new Map<string, { count: number; meetings: number }>();
  for (const g of groups) {
    names.set(g.key, g.name);
    cell.set(`${g.key}\u0000${g.bucket}`, { count: g.count, meetings: g.meetings });
  }
  const keys = [...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));

  const series: TrendSeries[] = keys.map((key) => ({ key, name: names.get(key)!, points: [] }));
  const totalPoints: TrendPoint[] = [];
  for (const total of totals) {
    const row = protectRow(
      keys.map((key) => cell.get(`${key}\u0000${total.bucket}`) ?? { count: 0, meetings: 0 }),
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
  }
  return { by, bucket, k, buckets, totals: totalPoints, series };
}
