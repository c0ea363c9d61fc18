// Trends: counts per period per category or theme, as shares of all questions in the period (a busy
// month of 1:1s is not a rising theme), with every cell under the k-anonymity rule.
//
// Cells are worked out once for all time, in fixed buckets (weeks, months), and a request for a range
// only picks whole buckets: two ranges cannot differ by part of a bucket. A month cell is also
// checked against its weeks, which readers see too, the digest's quarters and years against these
// month cells, and the themes' totals against their months.
import type { Db, PeriodFilter, TrendBucket, TrendGroup } from '@kb/db';
import { exposesThinParts, protectRow, type Cell, type Part, type ShownCell } from './anonymity.ts';
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

const ZERO_THIN = { count: 0, meetings: 0, thin: 0 };

/** The protected cells of every bucket of all time, worked out once per change to the summary. */
export function protectedGrid(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  k: number,
): Promise<Grid> {
  return fromSummary(db, ['grid', by, bucket, k], () => buildGrid(db, by, bucket, k));
}

const hidden = (k: number): ShownCell => ({ count: null, display: `<${k}`, suppressed: true });

async function buildGrid(db: Db, by: TrendGroup, bucket: TrendBucket, k: number): Promise<Grid> {
  // Months are checked against their weeks, which readers see too: a month cell whose thin weeks
  // hold fewer than k meetings together is hidden (see `exposesThinParts`).
  const thinBelow = bucket === 'month' ? k : 0;
  const [totals, counts] = await Promise.all([
    bucketTotals(db, bucket, {}, thinBelow),
    groupCounts(db, by, bucket, {}, thinBelow),
  ]);
  const buckets = totals.map((t) => t.bucket);
  const position = new Map(buckets.map((b, i) => [b, i]));
  const byKey = new Map<string, { name: string; cells: (Cell & { thin: number })[] }>();
  for (const c of counts) {
    let group = byKey.get(c.key);
    if (!group) {
      group = { name: c.name, cells: new Array(buckets.length).fill(ZERO_THIN) };
      byKey.set(c.key, group);
    }
    const at = position.get(c.bucket);
    if (at !== undefined) {
      group.cells[at] = { count: c.count, meetings: c.meetings, thin: c.thinMeetings };
    }
  }
  const ordered = [...byKey].sort((a, b) => a[1].name.localeCompare(b[1].name));

  const groups = ordered.map(([key, g]) => ({ key, name: g.name, parts: [] as Part[] }));
  const totalParts: Part[] = [];
  totals.forEach((total, at) => {
    const cells = ordered.map(([, g]) => g.cells[at]!);
    const row = protectRow(
      cells,
      total,
      k,
      cells.map((c) => exposesThinParts(c.thin, k)),
    );
    const totalCell = { count: total.count, meetings: total.meetings };
    totalParts.push({
      cell: totalCell,
      shown: exposesThinParts(total.thinMeetings, k) ? hidden(k) : row.total,
    });
    row.cells.forEach((shown, i) => {
      const { count, meetings } = cells[i]!;
      groups[i]!.parts.push({ cell: { count, meetings }, shown });
    });
  });
  return { buckets, totals: totalParts, groups };
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
