// Alerts on real Postgres: a category whose share rises is flagged and explained.
import { addDays } from '@kb/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { captureMeeting } from '../src/domain/capture.ts';
import { createTestApp, expectProblem, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
let viewer: { cookie: string };

const start = '2026-01-05'; // a Monday

beforeAll(async () => {
  t = await createTestApp();
  await t.app.themeJobIdle();
  viewer = await signIn(t.app, 'viewer');
  // 16 ordinary weeks, then 3 weeks in which diversity comes up in every meeting.
  for (let week = 0; week < 19; week++) {
    const day = addDays(start, 7 * week + 1);
    const rising = week >= 16;
    for (let meeting = 0; meeting < 4; meeting++) {
      const diversity = rising || (meeting === 0 && week % 2 === 0);
      await captureMeeting(
        t.app.db,
        t.app.redactor,
        {
          heldOn: day,
          questions: [
            { text: `How do promotions work in week ${week}?`, categories: ['career'] },
            {
              text: `What is the plan for the roadmap in week ${week}?`,
              categories: ['priorities'],
            },
            ...(diversity
              ? [
                  {
                    text: `What are we doing about diversity, week ${week}?`,
                    categories: ['diversity'],
                  },
                ]
              : []),
          ],
        },
        systemActor,
      );
    }
  }
  // The Monday after: two ordinary meetings of the running week, and no diversity yet.
  for (let meeting = 0; meeting < 2; meeting++) {
    await captureMeeting(
      t.app.db,
      t.app.redactor,
      {
        heldOn: addDays(start, 7 * 19),
        questions: [{ text: 'How do promotions work in week 19?', categories: ['career'] }],
      },
      systemActor,
    );
  }
  // Two themes gather three questions each late in week 18: one is new, the other was first
  // raised a year before and never since.
  const place = (heldOn: string, text: string) =>
    captureMeeting(
      t.app.db,
      t.app.redactor,
      { heldOn, questions: [{ text, categories: [] }] },
      systemActor,
      t.app.themeAssigner,
    );
  await place('2025-01-07', 'Will the rooftop garden open for the summer?');
  for (let day = 2; day <= 4; day++) {
    await place(addDays(start, 7 * 18 + day), 'When will the rooftop garden open for the summer?');
    await place(addDays(start, 7 * 18 + day), 'Can we get standing desks in the Berlin office?');
  }
  const themesOf = await queryRows<{ text: string; themes: number }>(
    t.db.handle,
    sql`select text, count(distinct theme_id)::int as themes from questions
        where text like '%rooftop%' or text like '%standing desks%' group by text`,
  );
  expect(themesOf.every((row) => row.themes === 1)).toBe(true);
}, 120_000);
afterAll(() => t.close());

describe('alerts', () => {
  it('flags the rising category over the last complete weeks, with a sentence that explains it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/alerts?at=${addDays(start, 7 * 18 + 3)}`,
      headers: viewer,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // A Thursday: its own week is not complete yet, so the window ends the week before.
    expect(body.window).toEqual({
      from: addDays(start, 7 * 15),
      to: addDays(start, 7 * 17),
      weeks: 3,
    });
    expect(body.thisWeek).toEqual({ from: addDays(start, 7 * 18) });
    const diversity = body.alerts.find((a: { key: string }) => a.key === 'diversity');
    expect(diversity).toMatchObject({
      kind: 'rising',
      by: 'category',
      count: { count: 8, display: '8' },
      // Four diversity questions from four meetings so far: under k, so not shown.
      soFarThisWeek: { count: null, display: '<5', suppressed: true },
    });
    expect(diversity.message).toMatch(
      /^Diversity: 8 questions in the last 3 weeks, \d+\.\d expected; <5 so far this week$/,
    );
    expect(body.alerts.map((a: { key: string }) => a.key)).not.toContain('career');
  });

  it('still flags on the Tuesday after a surge it flagged on the Sunday', async () => {
    const at = async (day: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/alerts?at=${day}`, headers: viewer })).json();
    const sunday = await at(addDays(start, 7 * 18 + 6));
    const tuesday = await at(addDays(start, 7 * 19 + 1));
    const diversity = (body: { alerts: { key: string }[] }) =>
      body.alerts.find((a) => a.key === 'diversity');
    expect(diversity(sunday)).toMatchObject({ kind: 'rising' });
    // The surge's weeks stay in the window; the two quiet meetings of Monday do not dilute it.
    expect(diversity(tuesday)).toMatchObject({
      kind: 'rising',
      count: { count: 12 },
      soFarThisWeek: { count: 0, display: '0' },
    });
    expect(tuesday.window).toMatchObject({ from: addDays(start, 7 * 16) });
  });

  it('calls a theme new only when it was first seen inside the window', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/alerts?at=${addDays(start, 7 * 19 + 1)}`,
      headers: viewer,
    });
    const themeAlerts = response.json().alerts.filter((a: { by: string }) => a.by === 'theme') as {
      kind: string;
      name: string;
    }[];
    const desks = themeAlerts.find((a) => /desks/i.test(a.name));
    expect(desks).toMatchObject({ kind: 'new-theme' });
    const garden = themeAlerts.find((a) => /garden|rooftop/i.test(a.name));
    // A year-old theme raised again may rise; it is not new.
    expect(garden?.kind).not.toBe('new-theme');
  });

  it('raises nothing for a quiet period', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/alerts?at=${addDays(start, 7 * 12)}`,
      headers: viewer,
    });
    expect(response.json().alerts.filter((a: { by: string }) => a.by === 'category')).toEqual([]);
  });

  it('refuses a future or malformed date', async () => {
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/alerts?at=2099-01-01', headers: viewer }),
      400,
    );
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/alerts?at=soon', headers: viewer }),
      400,
    );
  });
});
