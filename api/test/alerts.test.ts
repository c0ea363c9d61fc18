// Alerts on real Postgres: a category whose share rises is flagged and explained.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { captureMeeting } from '../src/domain/capture.ts';
import { addDays } from '../src/domain/weeks.ts';
import { createTestApp, expectProblem, signIn, type TestApp } from './support.ts';

let t: TestApp;
let viewer: { cookie: string };

const start = '2026-01-05'; // a Monday

beforeAll(async () => {
  t = await createTestApp();
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
}, 120_000);
afterAll(() => t.close());

describe('alerts', () => {
  it('flags the rising category with a sentence that explains it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/alerts?at=${addDays(start, 7 * 18 + 3)}`,
      headers: viewer,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.window).toEqual({
      from: addDays(start, 7 * 16),
      to: addDays(start, 7 * 18),
      weeks: 3,
    });
    const diversity = body.alerts.find((a: { key: string }) => a.key === 'diversity');
    expect(diversity).toMatchObject({
      kind: 'rising',
      by: 'category',
      count: { count: 12, display: '12' },
    });
    expect(diversity.message).toMatch(
      /^Diversity: 12 questions in the last 3 weeks, \d+\.\d expected$/,
    );
    expect(body.alerts.map((a: { key: string }) => a.key)).not.toContain('career');
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
