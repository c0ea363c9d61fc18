// Trends: counts per period per category or theme, as shares of all questions in the period (a busy
// month of 1:1s is not a rising theme), with every cell under the k-anonymity rule.
//
// Cells are worked out once for all time, in fixed buckets (weeks, months), and a request for a range
// only picks whole buckets: two ranges cannot differ by part of a bucket. Weeks are hidden along
// time as well as across groups, so a month less its shown weeks never gives a hidden count; the
// digest's quarters and years are checked against these month cells, and the themes' totals
// against their months.
import type { Db, PeriodFilter, TrendBucket, TrendGroup } from '@kb/db';
import { protectCell, protectRow, type Cell, type Part, type ShownCell } from './anonymity.ts';
import type { MonthRows, SummarySnapshot } from './summary-mirror.ts';
import {
  bucketTotals,
  fromSummary,
  groupCounts,
  groupNames,
  type GroupNames,
} from './week-counts.ts';

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
  /** Whether the limit left series out. */
  more: boolean;
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
  return fromSummary(db, ['grid', by, bucket, k], (summary, namesVersion) =>
    bucket === 'month'
      ? buildMonthGrid(db, by, k, summary, namesVersion)
      : buildWeekGrid(db, by, k),
  );
}

/** Groups in the order readers see them: by name, then by key where two share a name. */
const byName = (a: { key: string; name: string }, b: { key: string; name: string }) =>
  a.name.localeCompare(b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One month's protected cells by group id, and its protected total. */
interface ProtectedMonth {
  total: Part;
  parts: ReadonlyMap<string, Part>;
  /** The month's named groups in the order they were protected in, and the names read then. */
  order: readonly { id: string; key: string; name: string }[];
  names: GroupNames;
}

/**
 * Protected months, kept with the month's rows: a month no write touched keeps its object from one
 * snapshot to the next, so after a capture only the capture's month is protected again. Per
 * grouping and k; the names are checked on use (see `stillHolds`).
 */
const protectedMonths = new WeakMap<MonthRows, Map<string, ProtectedMonth>>();

/**
 * Whether a month protected under other names still stands: the same groups of the month have
 * names, under the same names and keys, so the same cells in the same order. A theme opened or
 * renamed elsewhere moves the names' version without touching this month.
 */
function stillHolds(
  month: ProtectedMonth,
  rows: MonthRows,
  by: TrendGroup,
  names: GroupNames,
): boolean {
  if (month.names === names) return true;
  let named = 0;
  for (const id of rows.groupSums(by).keys()) if (names.has(id)) named++;
  if (named !== month.order.length) return false;
  return month.order.every((g) => {
    const now = names.get(g.id);
    return now !== undefined && now.name === g.name && now.key === g.key;
  });
}

function protectMonth(
  rows: MonthRows,
  by: TrendGroup,
  k: number,
  names: GroupNames,
): ProtectedMonth {
  const key = `${by} ${k}`;
  let kept = protectedMonths.get(rows);
  if (!kept) protectedMonths.set(rows, (kept = new Map()));
  const known = kept.get(key);
  if (known && stillHolds(known, rows, by, names)) {
    known.names = names;
    return known;
  }

  let total: Cell = ZERO;
  for (const sum of rows.groupSums('all').values()) {
    total = { count: total.count + sum.questions, meetings: total.meetings + sum.meetings };
  }
  // A group deleted since the last rebuild has no name any more, and no place in the figures.
  // Groups with nothing this month show 0 and never decide what else is hidden: left out here.
  const order = [...rows.groupSums(by).keys()]
    .flatMap((id) => {
      const group = names.get(id);
      return group ? [{ id, key: group.key, name: group.name }] : [];
    })
    .sort(byName);
  const cells = order.map((g) => {
    const sum = rows.groupSums(by).get(g.id)!;
    return { count: sum.questions, meetings: sum.meetings };
  });
  const row = protectRow(cells, total, k);
  const month: ProtectedMonth = {
    total: { cell: total, shown: row.total },
    parts: new Map(order.map((g, i) => [g.id, { cell: cells[i]!, shown: row.cells[i]! }])),
    order,
    names,
  };
  kept.set(key, month);
  return month;
}

/** Month cells are protected month by month: the grid is put together from the kept months. */
async function buildMonthGrid(
  db: Db,
  by: TrendGroup,
  k: number,
  summary: () => Promise<SummarySnapshot>,
  namesVersion: number,
): Promise<Grid> {
  const [snapshot, names] = await Promise.all([summary(), groupNames(db, by, namesVersion)]);
  const months = snapshot.monthsInOrder();
  const protectedRows = months.map(([, rows]) => protectMonth(rows, by, k, names));
  const ids = new Set<string>();
  for (const month of protectedRows) for (const id of month.parts.keys()) ids.add(id);
  const empty: Part = { cell: ZERO, shown: protectCell(ZERO, k) };
  return {
    buckets: months.map(([month]) => month),
    totals: protectedRows.map((month) => month.total),
    groups: [...ids]
      .map((id) => ({ id, ...names.get(id)! }))
      .sort(byName)
      .map((g) => ({
        key: g.key,
        name: g.name,
        parts: protectedRows.map((month) => month.parts.get(g.id) ?? empty),
      })),
  };
}

const hidden = (k: number): ShownCell => ({ count: null, display: `<${k}`, suppressed: true });

/** Week cells, protected across groups week by week and then along time within each month. */
async function buildWeekGrid(db: Db, by: TrendGroup, k: number): Promise<Grid> {
  const [totals, counts] = await Promise.all([
    bucketTotals(db, 'week', {}),
    groupCounts(db, by, 'week', {}),
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
  const ordered = [...byKey].sort(([a, g], [b, h]) =>
    byName({ key: a, name: g.name }, { key: b, name: h.name }),
  );

  const groups = ordered.map(([key, g]) => ({ key, name: g.name, parts: [] as Part[] }));
  const totalParts: Part[] = [];
  totals.forEach((total, at) => {
    const cells = ordered.map(([, g]) => g.cells[at]!);
    const row = protectRow(cells, total, k);
    totalParts.push({ cell: { count: total.count, meetings: total.meetings }, shown: row.total });
    row.cells.forEach((shown, i) => groups[i]!.parts.push({ cell: cells[i]!, shown }));
  });
  // Readers see months too: within each month, weeks are hidden until the hidden ones hold k
  // meetings together, so a month less its shown weeks gives nothing under k.
  const months = weeksByMonth(buckets);
  protectAlongTime(totalParts, months, k);
  for (const g of groups) protectAlongTime(g.parts, months, k);
  return { buckets, totals: totalParts, groups };
}

/** Positions of the weeks of each month, by the month of their Monday. */
function weeksByMonth(weeks: readonly string[]): number[][] {
  const months = new Map<string, number[]>();
  weeks.forEach((week, at) => {
    const month = week.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), at]);
  });
  return [...months.values()];
}

/** Hides the smallest shown weeks of a month while its hidden weeks hold fewer than k meetings. */
function protectAlongTime(parts: Part[], months: readonly number[][], k: number): void {
  for (const weeks of months) {
    let hiddenMeetings = 0;
    for (const at of weeks)
      if (parts[at]!.shown.suppressed) hiddenMeetings += parts[at]!.cell.meetings;
    while (hiddenMeetings > 0 && hiddenMeetings < k) {
      let smallest = -1;
      for (const at of weeks) {
        const part = parts[at]!;
        if (part.shown.suppressed || part.cell.count === 0) continue;
        if (smallest < 0 || part.cell.count < parts[smallest]!.cell.count) smallest = at;
      }
      if (smallest < 0) break;
      parts[smallest] = { cell: parts[smallest]!.cell, shown: hidden(k) };
      hiddenMeetings += parts[smallest]!.cell.meetings;
    }
  }
}

export async function trends(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  filter: PeriodFilter,
  k: number,
  /** Only these series (category slugs or theme ids); every group still counts for the rule. */
  only?: readonly string[],
  /** At most this many series, those with most meetings in the period first. */
  limit = Infinity,
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
  const inPeriod = grid.groups.filter(
    (g) => (!wanted || wanted.has(g.key)) && picked.some((at) => g.parts[at]!.cell.count > 0),
  );
  const meetingsOf = (g: Grid['groups'][number]) =>
    picked.reduce((n, at) => n + g.parts[at]!.cell.meetings, 0);
  // The largest groups when there are more than the limit; in their usual order all the same.
  const kept =
    inPeriod.length <= limit
      ? null
      : new Set([...inPeriod].sort((a, b) => meetingsOf(b) - meetingsOf(a)).slice(0, limit));
  const series = inPeriod
    .filter((g) => !kept || kept.has(g))
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
    more: series.length < inPeriod.length,
  };
}
