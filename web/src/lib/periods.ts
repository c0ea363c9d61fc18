// The periods a digest covers: calendar years ("2025"), quarters ("2026-Q1") and months
// ("2026-03"), the keys the API's `GET /api/digest?period=` takes. Only complete periods are offered: a running one would show
// counts that move, and the server's default is the last complete quarter.

export interface PeriodChoice {
  key: string;
  label: string;
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

const YEAR = /^\d{4}$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriodKey = (key: string) => YEAR.test(key) || QUARTER.test(key) || MONTH.test(key);

/** "2025", "Q1 2026 (January–March)" or "March 2026"; the key itself when it is none of them. */
export function periodLabel(key: string): string {
  if (YEAR.test(key)) return key;
  const quarter = QUARTER.exec(key);
  if (quarter) {
    const q = Number(quarter[2]);
    return `Q${q} ${quarter[1]} (${MONTHS[(q - 1) * 3]}–${MONTHS[(q - 1) * 3 + 2]})`;
  }
  const month = MONTH.exec(key);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return key;
}

/** Calendar months are counted from year 0 so that stepping back crosses years by itself. */
const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
const monthKey = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const quarterKey = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;

/** The last quarter that has ended by `now` (in UTC, as the server reckons it). */
export function lastCompleteQuarter(now = new Date()): string {
  return quarterKey(Math.floor(monthIndex(now) / 3) - 1);
}

/** The complete years, quarters and months before `now`, the most recent first. */
export function periodChoices(
  now = new Date(),
  counts = { years: 3, quarters: 8, months: 12 },
): { years: PeriodChoice[]; quarters: PeriodChoice[]; months: PeriodChoice[] } {
  const thisMonth = monthIndex(now);
  const thisQuarter = Math.floor(thisMonth / 3);
  const years = Array.from({ length: counts.years }, (_, i) =>
    String(now.getUTCFullYear() - 1 - i),
  );
  const quarters = Array.from({ length: counts.quarters }, (_, i) =>
    quarterKey(thisQuarter - 1 - i),
  );
  const months = Array.from({ length: counts.months }, (_, i) => monthKey(thisMonth - 1 - i));
  return {
    years: years.map((key) => ({ key, label: periodLabel(key) })),
    quarters: quarters.map((key) => ({ key, label: periodLabel(key) })),
    months: months.map((key) => ({ key, label: periodLabel(key) })),
  };
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last, both YYYY-MM (a hundred years at most). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last && months.length < 1200; m = nextMonth(m)) months.push(m);
  return months;
}

/** The last day of a month (YYYY-MM in, YYYY-MM-DD out). */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}
