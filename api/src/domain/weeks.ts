// Coarse time: the product keeps the week a question was asked in, never the day.

const DAY_MS = 86_400_000;

function parseDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Monday starting the ISO week that holds the date (YYYY-MM-DD in, YYYY-MM-DD out). */
export function weekOf(isoDate: string): string {
  const day = parseDay(isoDate);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return formatDay(new Date(day.getTime() - sinceMonday * DAY_MS));
}

/** True when the date lies after tomorrow (a day of slack for time zones). */
export function isInFuture(isoDate: string, now: Date = new Date()): boolean {
  return parseDay(isoDate).getTime() > now.getTime() + DAY_MS;
}

export function addDays(isoDate: string, days: number): string {
  return formatDay(new Date(parseDay(isoDate).getTime() + days * DAY_MS));
}
