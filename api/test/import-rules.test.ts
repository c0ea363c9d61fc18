// An import refuses a row for exactly what a capture refuses it for.
import { queryRows } from '@kb/db';
import { sql } from 'drizzle-orm';
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

describe('a large import', () => {
  it('redacts every row against the roster when chunks are redacted in a worker thread', async () => {
    const admin = await signIn(t.app, 'admin');
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/roster',
      headers: admin,
      payload: { name: 'Solveig Marlowe' },
    });
    expect(added.statusCode).toBe(201);
    // More rows than one chunk: each chunk after the first is redacted while the last is written.
    const rows = Array.from({ length: 12_500 }, (_, i) => ({
      text:
        i % 2500 === 7
          ? `Why does Solveig keep moving row ${i} without telling anyone?`
          : `How are priorities set for the platform work, part ${i}?`,
      date: `2026-0${1 + (i % 3)}-0${2 + (i % 5)}`,
      categories: ['priorities'],
    }));
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: editor,
      payload: { format: 'json', content: JSON.stringify(rows), dryRun: false },
    });
    expect(response.statusCode).toBe(201);
    expect(t.app.redactor.inWorker).toBe(true);
    expect(response.json()).toMatchObject({
      created: { questions: 12_500 },
      redacted: { rows: 5, byKind: { name: 5 } },
    });
    const stored = await queryRows<{ text: string }>(
      t.db.handle.db,
      sql`select text from questions where text like '%keep moving row%' order by text`,
    );
    expect(stored).toHaveLength(5);
    for (const { text } of stored) expect(text).not.toContain('Solveig');
    // Every other row landed once.
    const [counted] = await queryRows<{ n: string }>(
      t.db.handle.db,
      sql`select count(distinct text) as n from questions where text like '%part %'`,
    );
    expect(Number(counted!.n)).toBe(12_495);
  }, 120_000);
});
