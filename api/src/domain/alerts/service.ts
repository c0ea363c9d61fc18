// The alerts leadership sees: every category and theme whose share of questions in the last
// complete weeks rose beyond what its history predicts, and new themes that gathered several
// questions at once. The running week is shown beside them and never dilutes the window.
import { addDays, weekOf, type Db, type TrendGroup } from '@kb/db';
import { protectCell, type ShownCell } from '../anonymity.ts';
import { bucketTotals, fromSummary, groupCounts, themesWithStats } from '../week-counts.ts';
import {
  defaultAlertOptions,
  evaluateWindow,
  explainAlert,
  isNewThemeAlert,
  type AlertOptions,
} from './rule.ts';

export interface Alert {
  kind: 'rising' | 'new-theme';
  by: TrendGroup;
  key: string;
  name: string;
  /** Questions in the window. */
  count: ShownCell;
  /**
   * What the history predicted for the window and how surprising the count is; null when the count
   * comes from fewer than k meetings, since either would give the count away.
   */
  expected: number | null;
  pValue: number | null;
  /** Questions in the running week, which the window leaves out until the week is over. */
  soFarThisWeek: ShownCell;
  message: string;
}

export interface AlertReport {
  /** The last complete weeks, tested against the weeks before them. */
  window: { from: string; to: string; weeks: number };
  /** The running week, reported beside the window and never part of it. */
  thisWeek: { from: string };
  alerts: Alert[];
}

/**
 * The alerts as of a day: the window is the last complete weeks before that day's week, so an
 * alert raised on a Sunday stands through the next week; computed once per week asked for, until
 * the summary changes.
 */
export function currentAlerts(
  db: Db,
  asOf: string,
  k: number,
  options: AlertOptions = defaultAlertOptions,
): Promise<AlertReport> {
  const thisWeek = weekOf(asOf);
  return fromSummary(db, ['alerts', thisWeek, k, options], () =>
    alertsInWeek(db, thisWeek, k, options),
  );
}

async function alertsInWeek(
  db: Db,
  thisWeek: string,
  k: number,
  options: AlertOptions,
): Promise<AlertReport> {
  const lastWeek = addDays(thisWeek, -7);
  const span = options.windowWeeks + options.baselineWeeks;
  const firstWeek = addDays(lastWeek, -7 * (span - 1));
  // Every evaluated week, then the running one at index `span`.
  const weeks = Array.from({ length: span + 1 }, (_, i) => addDays(firstWeek, 7 * i));
  const index = new Map(weeks.map((w, i) => [w, i]));
  const period = { from: firstWeek, to: thisWeek };
  const windowStart = span - options.windowWeeks;
  const windowFrom = weeks[windowStart]!;

  const totals = new Array<number>(span).fill(0);
  for (const t of await bucketTotals(db, 'week', period)) {
    if (index.get(t.bucket)! < span) totals[index.get(t.bucket)!] = t.count;
  }
  // The window must stand on real history: weeks before the first question do not count.
  const firstData = totals.findIndex((n) => n > 0);
  // New means first seen inside the window over the theme's whole history, not only these weeks.
  const firstSeen = new Map((await themesWithStats(db)).map((t) => [t.id, t.firstWeek]));

  const alerts: (Alert & { surprise: number })[] = [];
  for (const by of ['category', 'theme'] as const) {
    const groups = new Map<string, { name: string; counts: number[]; meetings: number[] }>();
    for (const row of await groupCounts(db, by, 'week', period)) {
      const group = groups.get(row.key) ?? {
        name: row.name,
        counts: new Array<number>(weeks.length).fill(0),
        meetings: new Array<number>(weeks.length).fill(0),
      };
      group.counts[index.get(row.bucket)!] = row.count;
      group.meetings[index.get(row.bucket)!] = row.meetings;
      groups.set(row.key, group);
    }
    for (const [key, group] of groups) {
      const evaluated = group.counts.slice(0, span);
      const counts = firstData < 0 ? evaluated : evaluated.slice(firstData);
      const observed = firstData < 0 ? totals : totals.slice(firstData);
      const end = counts.length - 1;
      const decision = evaluateWindow(counts, observed, end, options);
      const first = by === 'theme' ? firstSeen.get(key) : null;
      const isNew =
        first != null &&
        first >= windowFrom &&
        first <= lastWeek &&
        end >= options.windowWeeks &&
        isNewThemeAlert(counts, end, options);
      if (!decision?.rising && !isNew) continue;
      const count = protectCell(
        {
          count: sum(group.counts.slice(windowStart, span)),
          meetings: sum(group.meetings.slice(windowStart, span)),
        },
        k,
      );
      const soFarThisWeek = protectCell(
        { count: group.counts[span]!, meetings: group.meetings[span]! },
        k,
      );
      const expected = decision?.expected ?? 0;
      // A theme first seen in the window is news in itself, whatever its history predicted.
      const explanation = count.suppressed
        ? `${group.name}: more questions than usual in the last ${options.windowWeeks} weeks (from fewer than ${k} meetings)`
        : isNew || !decision
          ? `${group.name}: a new theme with ${count.display} questions in the last ${options.windowWeeks} weeks`
          : explainAlert(group.name, decision, options.windowWeeks);
      alerts.push({
        kind: isNew ? 'new-theme' : 'rising',
        by,
        key,
        name: group.name,
        count,
        expected: count.suppressed ? null : Math.round(expected * 10) / 10,
        pValue: count.suppressed ? null : (decision?.pValue ?? 0),
        surprise: decision?.pValue ?? 0,
        soFarThisWeek,
        message: `${explanation}; ${soFarThisWeek.display} so far this week`,
      });
    }
  }
  // The most surprising first, hidden figures included: the order says no more than the list.
  alerts.sort((a, b) => a.surprise - b.surprise);
  return {
    window: { from: windowFrom, to: lastWeek, weeks: options.windowWeeks },
    thisWeek: { from: thisWeek },
    alerts: alerts.map(({ surprise: _, ...alert }) => alert),
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
