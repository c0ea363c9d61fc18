import { formatISO, isValid, parseISO, startOfISOWeek } from 'date-fns';

/** "Week of 9 Mar 2026" from the Monday the API reports. */
export function formatWeek(week: string): string {
  const date = new Date(`${week}T00:00:00Z`);
  return `Week of ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`;
}

/**
 * When a question was asked, as the API reports it: the week it was kept under, or the period (at
 * least k meetings wide) that replaces the week in the API's newer answers. Every page shows a
 * question's time through this one helper.
 */
export function askedWhen(question: { week: string } | { period: { label: string } }): string {
  return 'period' in question ? question.period.label : formatWeek(question.week);
}

export function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * The Monday of the ISO week a YYYY-MM-DD date falls in: the only part of a meeting date kept. The
 * same rule as the server's `weekOf` (db/src/weeks.ts), which the browser cannot import; the two
 * are compared in format.test.ts. date-fns reckons in local time, which is right for a calendar day.
 */
export function mondayOf(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = parseISO(date);
  return isValid(day) ? formatISO(startOfISOWeek(day), { representation: 'date' }) : null;
}
