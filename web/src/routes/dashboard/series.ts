// What the dashboard's line charts draw: the last two years on a month axis with no month left out
// (a month without questions is a gap, not a step to the next one), at most six series a chart,
// topics apart from tone.
import type { Trends } from '$lib/api.ts';
import { monthsBetween } from '$lib/periods.ts';

export const MAX_SERIES = 6;
const WINDOW_MONTHS = 24;

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** The months a chart shows: the last two years up to the latest month with questions. */
export function chartMonths(buckets: readonly string[]): string[] {
  const last = buckets.at(-1);
  if (!last) return [];
  const all = monthsBetween(buckets[0]!, last);
  return all.slice(-WINDOW_MONTHS);
}

/**
 * The series of the chosen categories on those months, as shares; the ones with most questions in
 * the window first, at most six; `left` says how many more the table below shows.
 */
export function chartSeries(
  trends: Trends,
  months: readonly string[],
  keys: ReadonlySet<string>,
): { series: ChartSeries[]; left: number } {
  const candidates = trends.series
    .filter((s) => keys.has(s.key))
    .map((s) => {
      const byMonth = new Map(s.points.map((p) => [p.bucket, p]));
      const points = months.map((m) => byMonth.get(m));
      return {
        name: s.name,
        values: points.map((p) => p?.share ?? null),
        weight: points.reduce((n, p) => n + (p?.count ?? 0), 0),
      };
    })
    .filter((s) => s.values.some((v) => (v ?? 0) > 0))
    .sort((a, b) => b.weight - a.weight);
  return {
    series: candidates.slice(0, MAX_SERIES).map(({ name, values }) => ({ name, values })),
    left: Math.max(0, candidates.length - MAX_SERIES),
  };
}
