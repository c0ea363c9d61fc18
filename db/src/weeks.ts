// Coarse time: the product keeps the week a question was asked in, never the day. Meetings,
// questions and the weekly summary store a week as the Monday that starts it (YYYY-MM-DD). Days are
// reckoned in UTC, so where the server runs never moves a date into another week.
// The web app mirrors `weekOf` with date-fns in web/src/lib/format.ts (it cannot import this).

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Monday starting the ISO week that holds the day (YYYY-MM-DD in, YYYY-MM-DD out). */
export function weekOf(day: string): string {
  const date = parseDay(day);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return formatDay(new Date(date.getTime() - sinceMonday * DAY_MS));
}

/** True when the day lies after tomorrow (a day of slack for time zones). */
export function isInFuture(day: string, now: Date = new Date()): boolean {
  return parseDay(day).getTime() > now.getTime() + DAY_MS;
}

export function addDays(day: string, days: number): string {
  return formatDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** The day as a count of days since 1970-01-01: a number an index can sort and filter by. */
export function dayNumber(day: string): number {
  return Math.round(parseDay(day).getTime() / DAY_MS);
}

/** The day a `dayNumber` stands for. */
export function dayOfNumber(days: number): string {
  return formatDay(new Date(days * DAY_MS));
}
