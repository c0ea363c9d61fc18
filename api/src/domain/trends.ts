// Trends: counts per period per category or theme, as shares of all questions in the period (a busy
// month of 1:1s is not a rising theme), with every cell under the k-anonymity rule.
//
// Cells are worked out once for all time, in fixed buckets (weeks, months), and a request for a range
// only picks whole buckets: two ranges cannot differ by part of a bucket. A month cell is also
// checked against its weeks, which readers see too (`protectCoarse`), and the digest's quarters and
// the themes' totals are built from these month cells the same way.
import type { Db, PeriodFilter, TrendBucket, TrendGroup } from '@kb/db';
import { exposesParts, protectRow, type Cell, type Part, type ShownCell } from './anonymity.ts';
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

/** Every bucket with questions, oldest first, each cell with how readers see it. */
export interface Grid {
  buckets: string[];
  totals: Part[];
  groups: { key: string; name: string; parts: Part[] }[];
}

const ZERO: Cell = { count: 0, meetings: 0 };

/** The protected cells of every bucket of all time, worked out once per change to the summary. */
export function protectedGrid(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  k: number,
): Promise<Grid> {
  return fromSummary(db, ['grid', by, bucket, k], async () => {
    const finer = bucket === 'month' ? await protectedGrid(db, by, 'week', k) : undefined;
    return buildGrid(db, by, bucket, k, finer);
  });
}

async function buildGrid(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  k: number,
  weeks?: Grid,
): Promise<Grid> {
  const [totals, counts] = await Promise.all([
    bucketTotals(db, bucket, {}),
    groupCounts(db, by, bucket, {}),
  ]);
  const buckets = totals.map((t) => t.bucket);
  const position = new Map(buckets.map((b, i) => [b, i]));
  const byKey = new Map<string, { name: string; cells: Cell[] }>();
  for (const c of counts) {
    let group = byKey.get(c.key);
    if (!group) {
      group = { name: c.name, cells: new Array<Cell>(buckets.length).fill(ZERO) };
      byKey.set(c.key, group);
    }
    const at = position.get(c.bucket);
    if (at !== undefined) group.cells[at] = { count: c.count, meetings: c.meetings };
  }
  const ordered = [...byKey].sort((a, b) => a[1].name.localeCompare(b[1].name));

  // The weeks of each month, by group, when months are checked against them.
  const weeksOf = weeks ? weekPartsByMonth(weeks) : undefined;

  const groups = ordered.map(([key, g]) => ({ key, name: g.name, parts: [] as Part[] }));
  const totalParts: Part[] = [];
  totals.forEach((total, at) => {
    const month = weeksOf?.get(total.bucket);
    const row = protectRow(
      ordered.map(([, g]) => g.cells[at]!),
      total,
      k,
      month ? ordered.map(([key]) => exposesParts(month.groups.get(key) ?? [], k)) : undefined,
    );
    const totalShown =
      month && exposesParts(month.totals, k)
        ? { count: null, display: `<${k}`, suppressed: true }
        : row.total;
    totalParts.push({ cell: total, shown: totalShown });
    row.cells.forEach((shown, i) =>
      groups[i]!.parts.push({ cell: ordered[i]![1].cells[at]!, shown }),
    );
  });
  return { buckets, totals: totalParts, groups };
}

function weekPartsByMonth(weeks: Grid) {
  const months = new Map<string, { totals: Part[]; groups: Map<string, Part[]> }>();
  weeks.buckets.forEach((week, at) => {
    const key = week.slice(0, 7);
    let month = months.get(key);
    if (!month) {
      month = { totals: [], groups: new Map() };
      months.set(key, month);
    }
    month.totals.push(weeks.totals[at]!);
    for (const g of weeks.groups) {
      const part = g.parts[at]!;
      if (part.cell.count === 0) continue;
      month.groups.set(g.key, [...(month.groups.get(g.key) ?? []), part]);
    }
  });
  return months;
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
  const grid = await protectedGrid(db, by, bucket, k);
  // A bucket is in when it starts in the range: weeks by their Monday, months by their month.
  const from = filter.from && (bucket === 'week' ? filter.from : filter.from.slice(0, 7));
  const to = filter.to && (bucket === 'week' ? filter.to : filter.to.slice(0, 7));
  const picked = grid.buckets.flatMap((b, at) =>
    (!from || b >= from) && (!to || b <= to) ? [at] : [],
  );
  const wanted = only ? new Set(only) : undefined;
  const point = (bucketKey: string, part: Part, total: Part): TrendPoint => ({
    ...part.shown,
    bucket: bucketKey,
    // A share beside a hidden total would give the total away.
    share:
      part.shown.count === null || total.shown.suppressed || total.cell.count === 0
        ? null
        : Math.round((part.shown.count / total.cell.count) * 1000) / 1000,
  });
  const series = grid.groups
    .filter(
      (g) => (!wanted || wanted.has(g.key)) && picked.some((at) => g.parts[at]!.cell.count > 0),
    )
    .map((g) => ({
      key: g.key,
      name: g.name,
      points: picked.map((at) => point(grid.buckets[at]!, g.parts[at]!, grid.totals[at]!)),
    }));
  return {
    by,
    bucket,
    k,
    buckets: picked.map((at) => grid.buckets[at]!),
    totals: picked.map((at) => {
      const total = grid.totals[at]!;
      return {
        ...total.shown,
        bucket: grid.buckets[at]!,
        share: total.shown.suppressed ? null : 1,
      };
    }),
    series,
  };
}
