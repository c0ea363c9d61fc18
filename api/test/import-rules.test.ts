// An import refuses a row for exactly what a capture refuses it for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH } from '../src/schemas/redactions.ts';
import { createTestApp, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

describe('import rules', () => {
  it('refuses more than 12 categories and an overlong question, by line, as a capture would', async () => {
    const thirteen = Array.from({ length: 13 }, (_, i) => `topic-${i}`);
    const rows = [
      { text: 'How are priorities set?', date: '2026-03-02', categories: ['priorities'] },
      { text: 'Too many labels on this one?', date: '2026-03-02', categories: thirteen },
      { text: 'x'.repeat(MAX_QUESTION_LENGTH + 1), date: '2026-03-02', categories: [] },
    ];
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: { format: 'json', content: JSON.stringify(rows), dryRun: true },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rejected).toEqual([
      { line: 2, reason: 'at most 12 categories' },
      { line: 3, reason: `the question must have at most ${MAX_QUESTION_LENGTH} characters` },
    ]);

    const capture = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: { heldOn: '2026-03-02', questions: [{ text: rows[1]!.text, categories: thirteen }] },
    });
    expect(capture.statusCode).toBe(400);
  });
});
