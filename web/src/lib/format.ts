/** "Week of 9 Mar 2026" from the Monday the API reports. */
export function formatWeek(week: string): string {
  const date = new Date(`${week}T00:00:00Z`);
  return `Week of ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`;
}

export function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
