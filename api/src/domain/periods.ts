// The time a reader sees: never a question's week, but a period that holds at least k meetings, so
// someone who knows who met the executive in which week cannot tell which questions came from one
// 1:1. A quarter whose every month holds k meetings shows its months; a quarter with a thin month
// shows as one quarter (were only the thin months shown as the quarter, the quarter's label would
// point at them); quarters thinner than k join the quarters after them until together they reach k,
// and a thin run at the end joins the period before it. Filters on dates snap to these periods, so
// no answer can be narrowed below one.
//
// A month here is the month of a week's Monday, as everywhere the product buckets weeks.
import type { Db } from '@kb/db';
import { bucketTotals, fromSummary } from './week-counts.ts';

export interface Period {
  /** `2026-03`, `2026-Q1`, or `2025-Q3..2026-Q1` for a run of quarters. */
  key: string;
  /** "March 2026", "Q1 2026", "Q3 2025 – Q1 2026". */
  label: string;
  /** The first and last day a question's week (its Monday) may fall on. */
  from: string;
  to: string;
}

export interface Periods {
  /** Every period with questions, oldest first; together they cover every week with questions. */
  readonly all: readonly Period[];
  /** The period of a week (its Monday, YYYY-MM-DD). */
  of(week: string): Period;
  /** Widens a range of days to whole periods: it then starts and ends where periods do. */
  snap(range: { from?: string; to?: string }): { from?: string; to?: string };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Before any question is captured. */
const EVERYTHING: Period = { key: 'all', label: 'All time', from: '0001-01-01', to: '9999-12-31' };

interface Month {
  key: string;
  meetings: number;
}

/** `2026-Q1` for `2026-03`. */
export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
/** "March 2026" for `2026-03`. */
export const monthLabel = (month: string) =>
  `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
/** "Q1 2026" for `2026-Q1`. */
export const quarterLabel = (quarter: string) => `${quarter.slice(5)} ${quarter.slice(0, 4)}`;

function firstDay(month: string): string {
  return `${month}-01`;
}

/** The last day of a month (YYYY-MM in, YYYY-MM-DD out). */
export function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The first and last month of a quarter (`2026-Q1` → `2026-01`, `2026-03`). */
export function quarterMonths(quarter: string): [string, string] {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  const first = String(q * 3 - 2).padStart(2, '0');
  const last = String(q * 3).padStart(2, '0');
  return [`${year}-${first}`, `${year}-${last}`];
}

interface Span {
  /** What the period is made of, in order: one month (`2026-03`) or quarters (`2026-Q1`). */
  units: string[];
  fromMonth: string;
  toMonth: string;
}

const unitLabel = (unit: string) => (unit.includes('Q') ? quarterLabel(unit) : monthLabel(unit));

function periodOfSpan(span: Span): Period {
  const first = span.units[0]!;
  const last = span.units.at(-1)!;
  const range = { from: firstDay(span.fromMonth), to: lastDay(span.toMonth) };
  if (first === last) return { key: first, label: unitLabel(first), ...range };
  return { key: `${first}..${last}`, label: `${unitLabel(first)} – ${unitLabel(last)}`, ...range };
}

/** The periods for months with their distinct meetings (months without questions left out). */
export function buildPeriods(months: readonly Month[], k: number): Periods {
  const byQuarter = new Map<string, Month[]>();
  for (const month of [...months].sort((a, b) => a.key.localeCompare(b.key))) {
    const quarter = quarterOf(month.key);
    byQuarter.set(quarter, [...(byQuarter.get(quarter) ?? []), month]);
  }

  const spans: Span[] = [];
  let run: { quarters: string[]; meetings: number } | undefined;
  for (const [quarter, inQuarter] of byQuarter) {
    if (!run && inQuarter.every((m) => m.meetings >= k)) {
      for (const m of inQuarter) spans.push({ units: [m.key], fromMonth: m.key, toMonth: m.key });
      continue;
    }
    run ??= { quarters: [], meetings: 0 };
    run.quarters.push(quarter);
    run.meetings += inQuarter.reduce((sum, m) => sum + m.meetings, 0);
    if (run.meetings >= k) {
      spans.push(quartersSpan(run.quarters));
      run = undefined;
    }
  }
  if (run) {
    // Thinner than k to the end: it joins the period before it, or stands alone when it is all.
    const tail = quartersSpan(run.quarters);
    const before = spans.pop();
    spans.push(
      before
        ? {
            units: [...before.units, ...tail.units],
            fromMonth: before.fromMonth,
            toMonth: tail.toMonth,
          }
        : tail,
    );
  }

  const periods = spans.map(periodOfSpan);
  const monthToPeriod = new Map<string, Period>();
  for (const [i, span] of spans.entries()) {
    for (const m of monthsBetween(span.fromMonth, span.toMonth)) monthToPeriod.set(m, periods[i]!);
  }

  return {
    all: periods,
    of(week) {
      const found = monthToPeriod.get(week.slice(0, 7));
      if (found) return found;
      // A week the summary did not hold when these were worked out: the period nearest before it
      // takes it, never a month of its own.
      return [...periods].reverse().find((p) => p.from <= week) ?? periods[0] ?? EVERYTHING;
    },
    snap({ from, to }) {
      return {
        ...(from === undefined ? {} : { from: snapFrom(periods, from) }),
        ...(to === undefined ? {} : { to: snapTo(periods, to) }),
      };
    },
  };
}

function quartersSpan(quarters: readonly string[]): Span {
  return {
    units: [...quarters],
    fromMonth: quarterMonths(quarters[0]!)[0],
    toMonth: quarterMonths(quarters.at(-1)!)[1],
  };
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last, both YYYY-MM. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/** The start of the period holding the day, or of the first one after it. */
function snapFrom(periods: readonly Period[], day: string): string {
  return periods.find((p) => p.to >= day)?.from ?? day;
}

/** The end of the period holding the day, or of the last one before it. */
function snapTo(periods: readonly Period[], day: string): string {
  const holding = [...periods].reverse().find((p) => p.from <= day);
  return holding ? holding.to : day;
}

/** The periods of the questions as they stand, worked out once per change to the summary. */
export function periodsOf(db: Db, k: number): Promise<Periods> {
  return fromSummary(db, ['periods', k], async () => {
    const months = await bucketTotals(db, 'month', {});
    return buildPeriods(
      months.map((m) => ({ key: m.bucket, meetings: m.meetings })),
      k,
    );
  });
}
