// The weekly summary held in memory, one snapshot per version. A dashboard's sums (per month, per
// theme, over all time) are worked out from the rows here rather than by Postgres: after a capture
// only its week is read back, where summing in SQL read every theme row again (47,000 at 1,000,000
// questions, 15 to 40 ms a sum, several per dashboard call). The rows are a few per group and
// week, far fewer than the questions they count.
import {
  summaryRows,
  weeksRebuiltSince,
  type BucketCount,
  type Db,
  type GroupBucketCount,
  type GroupTotals,
  type PeriodFilter,
  type SummaryRow,
  type TrendBucket,
  type WeekCountScope,
} from '@kb/db';

/** A group's sums over one month: its questions and meetings, and its first and last week. */
interface GroupMonth {
  questions: number;
  meetings: number;
  firstWeek: string;
  lastWeek: string;
}

type Scoped<T> = Record<WeekCountScope, T>;

const inPeriod = (week: string, filter: PeriodFilter) =>
  (!filter.from || week >= filter.from) && (!filter.to || week <= filter.to);

/** Adds a part (a week's row, a month's sums) to a group's sums. */
function addTo(sums: Map<string, GroupMonth>, groupId: string, part: GroupMonth): void {
  const sum = sums.get(groupId);
  if (!sum) {
    sums.set(groupId, { ...part });
    return;
  }
  sum.questions += part.questions;
  sum.meetings += part.meetings;
  if (part.firstWeek < sum.firstWeek) sum.firstWeek = part.firstWeek;
  if (part.lastWeek > sum.lastWeek) sum.lastWeek = part.lastWeek;
}

/**
 * The rows of one month, week by week and scope by scope, with their sums per group worked out
 * on first use. A month no write touched keeps its object, sums and all, from one snapshot to the
 * next: after a capture only the capture's month is summed again.
 */
export class MonthRows {
  private sums: Scoped<Map<string, GroupMonth>> | undefined;
  /** The month's weeks with rows, oldest first. */
  readonly sortedWeeks: readonly string[];

  constructor(readonly weeks: ReadonlyMap<string, Scoped<SummaryRow[]>>) {
    this.sortedWeeks = [...weeks.keys()].sort();
  }

  get firstWeek(): string {
    return this.sortedWeeks[0]!;
  }

  get lastWeek(): string {
    return this.sortedWeeks[this.sortedWeeks.length - 1]!;
  }

  /** Whether every week of the month is within the filter. */
  within(filter: PeriodFilter): boolean {
    return inPeriod(this.firstWeek, filter) && inPeriod(this.lastWeek, filter);
  }

  /** Whether some week of the month is within the filter. */
  meets(filter: PeriodFilter): boolean {
    return (
      (!filter.from || this.lastWeek >= filter.from) && (!filter.to || this.firstWeek <= filter.to)
    );
  }

  groupSums(scope: WeekCountScope): ReadonlyMap<string, GroupMonth> {
    this.sums ??= {
      all: sumByGroup(this.weeks, 'all', {}),
      category: sumByGroup(this.weeks, 'category', {}),
      theme: sumByGroup(this.weeks, 'theme', {}),
    };
    return this.sums[scope];
  }

  /** The month's sums per group, for the weeks within the filter. */
  sumsWithin(scope: WeekCountScope, filter: PeriodFilter): ReadonlyMap<string, GroupMonth> {
    return this.within(filter) ? this.groupSums(scope) : sumByGroup(this.weeks, scope, filter);
  }
}

function sumByGroup(
  weeks: ReadonlyMap<string, Scoped<SummaryRow[]>>,
  scope: WeekCountScope,
  filter: PeriodFilter,
): Map<string, GroupMonth> {
  const sums = new Map<string, GroupMonth>();
  for (const [week, scoped] of weeks) {
    if (!inPeriod(week, filter)) continue;
    for (const row of scoped[scope]) {
      addTo(sums, row.groupId, {
        questions: row.questions,
        meetings: row.meetings,
        firstWeek: week,
        lastWeek: week,
      });
    }
  }
  return sums;
}

/** An unchanging view of `week_counts` at `version` or later; never older. */
export class SummarySnapshot {
  private ordered: readonly (readonly [string, MonthRows])[] | undefined;

  private constructor(
    readonly version: number,
    /** The months that have any rows, by YYYY-MM of their weeks' Mondays. */
    private readonly months: ReadonlyMap<string, MonthRows>,
  ) {}

  /** Reads the whole summary. The version must be read before the rows, as it is here. */
  static async load(db: Db, version: number): Promise<SummarySnapshot> {
    const months = new Map<string, MonthRows>();
    for (const [month, weeks] of byMonth(await summaryRows(db))) {
      months.set(month, new MonthRows(weeks));
    }
    return new SummarySnapshot(version, months);
  }

  /** A snapshot at `version`, reading back only the weeks rebuilt since this one. */
  async advance(db: Db, version: number): Promise<SummarySnapshot> {
    if (version <= this.version) return this;
    const changed = await weeksRebuiltSince(db, this.version);
    const fresh = byMonth(await summaryRows(db, changed));
    const months = new Map(this.months);
    for (const month of new Set(changed.map(monthOf))) {
      // The month's other weeks stay as they were; the changed ones are replaced or gone.
      const weeks = new Map(this.months.get(month)?.weeks ?? []);
      for (const week of changed) if (monthOf(week) === month) weeks.delete(week);
      for (const [week, rows] of fresh.get(month) ?? []) weeks.set(week, rows);
      if (weeks.size > 0) months.set(month, new MonthRows(weeks));
      else months.delete(month);
    }
    return new SummarySnapshot(version, months);
  }

  /**
   * The months with rows, oldest first. A month no write touched since another snapshot keeps
   * its `MonthRows` object, so what is worked out from one can be kept with it.
   */
  monthsInOrder(): readonly (readonly [string, MonthRows])[] {
    this.ordered ??= [...this.months].sort(([a], [b]) => (a < b ? -1 : 1));
    return this.ordered;
  }

  /** Questions and distinct meetings of all questions per bucket, oldest first. */
  totals(bucket: TrendBucket, filter: PeriodFilter): BucketCount[] {
    return this.groups('all', bucket, filter).map(({ bucket: at, count, meetings }) => ({
      bucket: at,
      count,
      meetings,
    }));
  }

  /**
   * The same per group, oldest bucket first. A meeting sits in one week, so the meetings of a
   * month are the sum of its weeks'.
   */
  groups(scope: WeekCountScope, bucket: TrendBucket, filter: PeriodFilter): GroupBucketCount[] {
    const counts: GroupBucketCount[] = [];
    for (const month of [...this.months.keys()].sort()) {
      const rows = this.months.get(month)!;
      if (!rows.meets(filter)) continue;
      if (bucket === 'month') {
        for (const [groupId, sum] of rows.sumsWithin(scope, filter)) {
          counts.push({ bucket: month, groupId, count: sum.questions, meetings: sum.meetings });
        }
        continue;
      }
      for (const week of rows.sortedWeeks) {
        if (!inPeriod(week, filter)) continue;
        for (const row of rows.weeks.get(week)![scope]) {
          counts.push({
            bucket: week,
            groupId: row.groupId,
            count: row.questions,
            meetings: row.meetings,
          });
        }
      }
    }
    return counts;
  }

  /** Every theme's questions, meetings and first and last week, over all time. */
  themeTotals(): GroupTotals[] {
    const totals = new Map<string, GroupMonth>();
    for (const rows of this.months.values()) {
      for (const [groupId, sum] of rows.groupSums('theme')) addTo(totals, groupId, sum);
    }
    return [...totals].map(([groupId, total]) => ({ groupId, ...total }));
  }

  /**
   * Per theme, the meetings of its months that each hold fewer than `thinBelow` of them: what a
   * reader could work out by subtracting the theme's shown months from its total, at most.
   */
  themeThinMonths(thinBelow: number): Map<string, number> {
    const thin = new Map<string, number>();
    for (const rows of this.months.values()) {
      for (const [groupId, { meetings }] of rows.groupSums('theme')) {
        thin.set(groupId, (thin.get(groupId) ?? 0) + (meetings < thinBelow ? meetings : 0));
      }
    }
    return thin;
  }
}

const monthOf = (week: string) => week.slice(0, 7);

/** Rows by month, then week, then scope. */
function byMonth(rows: readonly SummaryRow[]): Map<string, Map<string, Scoped<SummaryRow[]>>> {
  const months = new Map<string, Map<string, Scoped<SummaryRow[]>>>();
  for (const row of rows) {
    const month = monthOf(row.week);
    let weeks = months.get(month);
    if (!weeks) months.set(month, (weeks = new Map()));
    let scoped = weeks.get(row.week);
    if (!scoped) weeks.set(row.week, (scoped = { all: [], category: [], theme: [] }));
    scoped[row.scope].push(row);
  }
  return months;
}

/** The newest snapshot per database in this process; advances one at a time. */
const snapshots = new WeakMap<Db, Promise<SummarySnapshot>>();

/** A snapshot of the summary at `version` or newer. */
export function summaryAt(db: Db, version: number): Promise<SummarySnapshot> {
  const known = snapshots.get(db);
  if (known) {
    const next = known.then(
      (snapshot) => snapshot.advance(db, version),
      // A failed read is not kept: load afresh.
      () => SummarySnapshot.load(db, version),
    );
    snapshots.set(db, next);
    return next;
  }
  const loading = SummarySnapshot.load(db, version);
  snapshots.set(db, loading);
  return loading;
}
