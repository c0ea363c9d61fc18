// The roster is the admin's: an editor may not read it back, neither by testing names against the
// redaction preview at speed nor from any answer the API gives a viewer or an editor.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEWS_PER_MINUTE } from '../src/routes/redactions.ts';
import {
  createSearchTestApp,
  expectProblem,
  signIn,
  waitForSearchSync,
  type TestApp,
} from './support.ts';

const rosterName = 'Zephyrine Okonkwo-Baptiste';
const rosterParts = ['Zephyrine', 'Okonkwo', 'Baptiste'];

let t: TestApp;
let admin: { cookie: string };

beforeAll(async () => {
  t = await createSearchTestApp();
  admin = await signIn(t.app, 'admin');
  const added = await t.app.inject({
    method: 'POST',
    url: '/api/roster',
    headers: admin,
    payload: { name: rosterName },
  });
  expect(added.statusCode).toBe(201);
});
afterAll(() => t.close());

const preview = (headers: { cookie: string }, text: string) =>
  t.app.inject({ method: 'POST', url: '/api/redactions/preview', headers, payload: { text } });

/** The parts of the roster entry that the response repeats, wherever in it they are. */
const rosterTextIn = (response: LightMyRequestResponse) =>
  rosterParts.filter((part) => response.body.includes(part));

describe('the redaction preview', () => {
  it('is limited per signed-in user: a prober waits, a colleague at the same address does not', async () => {
    const prober = await signIn(t.app, 'editor', 'prober@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      statuses.push((await preview(prober, `Is Candidate${i} on the roster?`)).statusCode);
    }
    expect(statuses.slice(0, PREVIEWS_PER_MINUTE)).toEqual(Array(PREVIEWS_PER_MINUTE).fill(200));
    expect(statuses.slice(PREVIEWS_PER_MINUTE)).toEqual(Array(200 - PREVIEWS_PER_MINUTE).fill(429));

    const refused = await preview(prober, 'Is Zephyrine on the roster?');
    expectProblem(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(rosterTextIn(refused)).toEqual([]);

    // A fresh session is the same person.
    expectProblem(await preview(await signIn(t.app, 'editor', 'prober@example.com'), 'Why?'), 429);

    const colleague = await signIn(t.app, 'editor', 'typist@example.com');
    expect((await preview(colleague, 'Why is the offsite in May?')).statusCode).toBe(200);
  });

  it('shows where a name is in what was typed, and nothing of the roster entry', async () => {
    const editor = await signIn(t.app, 'editor', 'capturer@example.com');
    const response = await preview(editor, 'Ask Zephyrine about the budget');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      text: 'Ask [name] about the budget',
      spans: [{ start: 4, end: 13, kind: 'name', placeholder: '[name]' }],
      warnings: [],
    });
  });
});

describe('roster text', () => {
  it('appears in no answer to a viewer or an editor', async () => {
    const editor = await signIn(t.app, 'editor', 'capturer@example.com');
    const viewer = await signIn(t.app, 'viewer');
    const responses: LightMyRequestResponse[] = [];
    const send = async (
      headers: { cookie: string },
      method: 'GET' | 'POST',
      url: string,
      payload?: object,
    ) => {
      const response = await t.app.inject({
        method,
        url,
        headers,
        ...(payload ? { payload } : {}),
      });
      responses.push(response);
      return response;
    };

    for (const headers of [editor, viewer])
      expectProblem(await send(headers, 'GET', '/api/roster'), 403);
    const captured = await send(editor, 'POST', '/api/meetings', {
      heldOn: '2026-03-12',
      questions: [{ text: `Will ${rosterName} lead the offsite planning this year?` }],
    });
    expect(captured.statusCode).toBe(201);
    await send(editor, 'POST', '/api/redactions/preview', {
      text: `Zephyrine ${'x'.repeat(2000)}`,
    });
    await waitForSearchSync(t.app);

    await send(editor, 'POST', '/api/questions/similar', {
      text: 'Will Zephyrine lead the offsite?',
    });
    for (const headers of [editor, viewer]) {
      await send(headers, 'GET', '/api/questions?limit=100');
      await send(headers, 'GET', '/api/search?q=offsite+planning');
      await send(headers, 'GET', '/api/search?q=Okonkwo');
    }

    expect(responses.map((r) => r.statusCode)).not.toContain(500);
    expect(responses.flatMap(rosterTextIn)).toEqual([]);
  });
});
