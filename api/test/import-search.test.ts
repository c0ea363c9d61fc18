// An import's documents go to the engine while the import is still writing: once it committed they
// are indexed without a drain of the outbox, and whatever the engine did not take, the worker sends.
import { enqueueHeldSearchChanges, enqueueSearchChanges, outboxLag } from '@kb/db';
import { checkIndex, questionDocument, SendAhead } from '@kb/search';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { importQuestions } from '../src/domain/import.ts';
import { demoHistory } from '../src/demo/history.ts';
import { createSearchTestApp, queryRows, signIn, waitForSearchSync } from './support.ts';

let t: Awaited<ReturnType<typeof createSearchTestApp>>;
let editor: { cookie: string };

beforeAll(async () => {
  t = await createSearchTestApp();
  editor = await signIn(t.app, 'editor');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** Two years of realistic 1:1 questions, repeated until there are `size` rows, as CSV. */
function historyCsv(size: number, firstYear: number): string {
  const history = demoHistory({ until: new Date(`${firstYear + 2}-01-01T00:00:00Z`) });
  const rows = history.flatMap((m) => m.questions.map((q) => ({ ...q, heldOn: m.heldOn })));
  const lines = ['text,date,categories'];
  for (let i = 0; i < size; i++) {
    const row = rows[i % rows.length]!;
    lines.push(`"${row.text.replace(/"/g, '""')}",${row.heldOn},${row.categories.join(';')}`);
  }
  return lines.join('\n');
}

const importCsv = (content: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/import',
    headers: editor,
    payload: { format: 'csv', content, dryRun: false },
  });

/** Outbox rows of the import marked done by the import itself: still held when they were. */
const rowsMarkedByTheImport = async () => {
  const [row] = await queryRows<{ held: number; all: number }>(
    t.db.handle,
    sql`select count(*) filter (where processed_at < next_attempt_at)::int as held,
               count(*)::int as "all"
        from search_outbox`,
  );
  return row!;
};

describe('an import sent ahead to the engine', () => {
  it('is indexed exactly as the worker would index it, chunk by chunk, with no drain', async () => {
    // More than one chunk of 10,000, so chunks go to the engine while later ones are written. The
    // import as the route runs it, without the theme recompute the route asks for next.
    let indexed!: () => void;
    const done = new Promise<void>((resolve) => (indexed = resolve));
    const report = await importQuestions(
      t.app.db,
      t.app.redactor,
      { format: 'csv', content: historyCsv(12_500, 2023), dryRun: false },
      systemActor,
      { search: t.app.searchEngine, onIndexed: indexed },
    );
    expect(report.created.questions).toBe(12_500);
    await done;
    expect((await outboxLag(t.app.db)).pending).toBe(0);

    // Every imported question is in the index, with the document Postgres gives, and nothing else.
    const drift = await checkIndex(t.app.db, t.app.searchEngine!);
    expect(drift).toMatchObject({ database: 12_500, index: 12_500 });
    expect([drift.missing, drift.extra, drift.stale]).toEqual([[], [], []]);
    // The import's own sends marked its rows done before they fell due: the worker sent nothing.
    expect(await rowsMarkedByTheImport()).toEqual({ held: 12_500, all: 12_500 });

    const found = await t.app.inject({ url: '/api/search?q=promotion', headers: editor });
    expect(found.statusCode).toBe(200);
    expect(found.json().hits.length).toBeGreaterThan(0);
  }, 120_000);

  it('leaves a hung engine to the outbox: the import commits, and the index catches up after', async () => {
    t.engine.meili.pause();
    let response;
    try {
      response = await importCsv(historyCsv(300, 2021));
    } finally {
      t.engine.meili.resume();
    }
    expect(response.statusCode).toBe(201);
    // The route asks for a theme recompute next, which sends every imported question again.
    await t.app.themeJobIdle();
    await waitForSearchSync(t.app, 60_000);
    const drift = await checkIndex(t.app.db, t.app.searchEngine!);
    expect(drift.database).toBe(12_800);
    expect([drift.missing, drift.extra, drift.stale]).toEqual([[], [], []]);
  }, 120_000);

  /**
   * A question's document sent ahead with its held row, then sealed at once: as if the import
   * committed before the engine said it had the document.
   */
  const sentJustBeforeCommit = async () => {
    const [question] = await queryRows<{ id: string; text: string; week: string }>(
      t.db.handle,
      sql`select id, text, to_char(week, 'YYYY-MM-DD') as week from questions limit 1`,
    );
    const ahead = (await SendAhead.open(t.app.searchEngine!))!;
    const held = await enqueueHeldSearchChanges(t.app.db, [question!.id], 600);
    ahead.send([questionDocument({ ...question!, status: 'open', categories: [] })], held);
    ahead.seal();
    return { ahead, questionId: question!.id };
  };

  it('counts documents the engine took after the commit while nothing newer was queued', async () => {
    const { ahead } = await sentJustBeforeCommit();
    expect(await ahead.committed(t.app.db)).toBe(1);
    expect((await outboxLag(t.app.db)).pending).toBe(0);
  }, 60_000);

  it('hands rows back to the worker when a newer change may have reached the engine first', async () => {
    const { ahead, questionId } = await sentJustBeforeCommit();
    // A change after the commit, queued before the engine said it had the documents.
    await enqueueSearchChanges(t.app.db, [questionId], 'upsert');
    expect(await ahead.committed(t.app.db)).toBe(0);
    // The held row is due again beside the newer one; the worker sends the question as it is.
    expect((await outboxLag(t.app.db)).pending).toBe(2);
    await waitForSearchSync(t.app, 30_000);
    const drift = await checkIndex(t.app.db, t.app.searchEngine!);
    expect([drift.missing, drift.extra, drift.stale]).toEqual([[], [], []]);
  }, 60_000);

  it('takes documents out of the index again when the import rolled back', async () => {
    const ahead = (await SendAhead.open(t.app.searchEngine!))!;
    const ghost = questionDocument({
      id: '00000000-0000-4000-8000-00000000abcd',
      text: 'Will the Lisbon office stay open next year?',
      week: '2026-03-09',
      status: 'open',
      categories: [],
    });
    ahead.send([ghost], []);
    await ahead.rolledBack();
    const drift = await checkIndex(t.app.db, t.app.searchEngine!);
    expect(drift.extra).toEqual([]);
    expect(drift.index).toBe(drift.database);
  }, 60_000);
});
