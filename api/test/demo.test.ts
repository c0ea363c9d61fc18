// The demo a new installation shows: enough history that every part of the product has something
// true to show above the k rule: counted categories and themes, a rising theme with its sentence,
// answers, and a proposed prep pack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchTestApp, signIn, waitForSearchSync } from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let viewer: { cookie: string };

beforeAll(async () => {
  t = await createSearchTestApp({ seed: true, config: { demoData: true } });
  viewer = await signIn(t.app, 'viewer');
  await waitForSearchSync(t.app, 60_000);
}, 180_000);
afterAll(() => t?.close());

const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: viewer });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
  return response.json();
};

type Count = { count: number | null; suppressed: boolean };

describe('the demo', () => {
  it('shows categories and themes counted above k', async () => {
    const trends = await get('/api/trends?by=category&bucket=month');
    const shown = trends.series
      .flatMap((s: { points: Count[] }) => s.points)
      .filter((cell: Count) => !cell.suppressed && (cell.count ?? 0) >= 5);
    expect(shown.length).toBeGreaterThan(50);
    const { themes } = await get('/api/themes');
    const recurring = themes.filter(
      (theme: { meetings: Count }) => !theme.meetings.suppressed && theme.meetings.count! >= 5,
    );
    expect(recurring.length).toBeGreaterThanOrEqual(8);
    for (const theme of themes) expect(theme.name).not.toMatch(/\[\w+\]/);
  });

  it('warns of the theme rising in the last complete weeks, in a sentence', async () => {
    const { alerts } = await get('/api/alerts');
    const office = alerts.find(
      (alert: { by: string; name: string }) => alert.by === 'theme' && /office/i.test(alert.name),
    );
    expect(office, JSON.stringify(alerts)).toBeDefined();
    expect(office.message).toMatch(/in the last 3 weeks/);
    expect(alerts.some((alert: { count: Count }) => !alert.count.suppressed)).toBe(true);
  });

  it('has answered themes and a proposed prep pack with entries', async () => {
    const { themes } = await get('/api/themes');
    expect(themes.filter((theme: { answer: unknown }) => theme.answer).length).toBeGreaterThan(0);
    const { packs } = await get('/api/packs');
    expect(packs).toHaveLength(1);
    const { pack } = await get(`/api/packs/${packs[0].id}`);
    expect(pack.entries.length).toBeGreaterThan(3);
  });

  it('finds demo questions in search, typos and all', async () => {
    const result = await get('/api/search?q=promotoin');
    expect(result.fallback).toBe(false);
    expect(result.total).toBeGreaterThan(10);
  });
});
