// The alerts leadership sees: every category and theme whose recent share of questions rose beyond
// what its history predicts, and new themes that gathered several questions at once.
import type { Db, TrendGroup } from '@kb/db';
import { protectCell, type ShownCell } from '../anonymity.ts';
import { bucketTotals, fromSummary, groupCounts } from '../week-counts.ts';
import { addDays, weekOf } from '../weeks.ts';
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
  count: ShownCell;
  expected: number;
  pValue: number;
  message: string;
}

export interface AlertReport {
  window: { from: string; to: string; weeks: number };
  alerts: Alert[];
}

/** The alerts as of a day: computed once per week asked for, until the summary changes. */
export function currentAlerts(
  db: Db,
  asOf: string,
  k: number,
  options: AlertOptions = defaultAlertOptions,
): Promise<AlertReport> {
  const lastWeek = weekOf(asOf);
  return fromSummary(db, ['alerts', lastWeek, k, options], () =>
    alertsUpTo(db, lastWeek, k, options),
  );
}

async function alertsUpTo(
  db: Db,
  lastWeek: string,
  k: number,
  options: AlertOptions,
): Promise<AlertReport> {
  const firstWeek = addDays(lastWeek, -7 * (options.windowWeeks + options.baselineWeeks - 1));
  const period = { from: firstWeek, to: lastWeek };
  const weeks = Array.from({ length: options.windowWeeks + options.baselineWeeks }, (_, i) =>
    addDays(firstWeek, 7 * i),
  );
  const index = new Map(weeks.map((w, i) => [w, i]));

  const totals = new Array<number>(weeks.length).fill(0);
  for (const t of await bucketTotals(db, 'week', period)) totals[index.get(t.bucket)!] = t.count;
  const windowStart = weeks.length - options.windowWeeks;
  // The window must stand on real history: weeks before the first question do not count.
  const firstData = totals.findIndex((n) => n > 0);

  const alerts: Alert[] = [];
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
      const counts = firstData < 0 ? group.counts : group.counts.slice(firstData);
      const observed = firstData < 0 ? totals : totals.slice(firstData);
      const end = counts.length - 1;
      const meetingsInWindow = group.meetings.slice(windowStart).reduce((a, b) => a + b, 0);
      const decision = evaluateWindow(counts, observed, end, options);
      const isNew =
        by === 'theme' && end >= options.windowWeeks && isNewThemeAlert(counts, end, options);
      if (!decision?.rising && !isNew) continue;
      const count = protectCell({ count: decision?.count ?? 0, meetings: meetingsInWindow }, k);
      const expected = decision?.expected ?? 0;
      alerts.push({
        kind: decision?.rising ? 'rising' : 'new-theme',
        by,
        key,
        name: group.name,
        count,
        expected: Math.round(expected * 10) / 10,
        pValue: decision?.pValue ?? 0,
        message: count.suppressed
          ? `${group.name}: more questions than usual in the last ${options.windowWeeks} weeks (from fewer than ${k} meetings)`
          : decision
            ? explainAlert(group.name, decision, options.windowWeeks)
            : `${group.name}: a new theme with ${count.display} questions in the last ${options.windowWeeks} weeks`,
      });
    }
  }
  alerts.sort((a, b) => a.pValue - b.pValue);
  return {
    window: { from: weeks[windowStart]!, to: lastWeek, weeks: options.windowWeeks },
    alerts,
  };
}
