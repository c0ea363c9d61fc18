// A prep pack leaves the product in the order its editor set: reordered in the app, then exported as
// Markdown, CSV and JSON, every file lists the entries in that order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };
let viewer: { cookie: string };

const texts = {
  careerTough: 'Why was the promotion round postponed again this spring?',
  prioritiesPredictable: 'What are the three priorities for the next half year?',
  tough: 'Why did we stop the project everyone liked most?',
  loose: 'Where will the summer offsite be held?',
};
const ids: Record<keyof typeof texts, string> = {
  careerTough: '',
  prioritiesPredictable: '',
  tough: '',
  loose: '',
};

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t.app, 'editor');
  viewer = await signIn(t.app, 'viewer');
  const captured = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: editor,
    payload: {
      heldOn: '2026-03-12',
      questions: [
        { text: texts.careerTough, categories: ['tough', 'career'] },
        { text: texts.prioritiesPredictable, categories: ['predictable', 'priorities'] },
        { text: texts.tough, categories: ['tough'] },
        { text: texts.loose, categories: [] },
      ],
    },
  });
  expect(captured.statusCode).toBe(201);
  for (const question of captured.json().questions as { id: string; text: string }[]) {
    const key = (Object.keys(texts) as (keyof typeof texts)[]).find(
      (k) => texts[k] === question.text,
    );
    ids[key!] = question.id;
  }
}, 120_000);
afterAll(() => t?.close());

async function exported(packId: string, format: 'md' | 'csv' | 'json') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/packs/${packId}/export?format=${format}`,
    headers: viewer,
  });
  expect(response.statusCode).toBe(200);
  return response.body;
}

describe('prep pack order', () => {
  it('exports Markdown, CSV and JSON in the order last saved, with tone headings where the tone changes', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'Spring all-hands', propose: false },
    });
    expect(created.statusCode).toBe(201);
    const packId: string = created.json().pack.id;

    const save = (order: (keyof typeof texts)[]) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/packs/${packId}`,
        headers: editor,
        payload: {
          items: order.map((key) => ({ questionId: ids[key], draftAnswer: `Draft for ${key}.` })),
        },
      });
    expect(
      (await save(['careerTough', 'prioritiesPredictable', 'tough', 'loose'])).statusCode,
    ).toBe(200);
    // The editor puts the second tough question first and the loose one after it.
    const order: (keyof typeof texts)[] = [
      'tough',
      'loose',
      'careerTough',
      'prioritiesPredictable',
    ];
    const reordered = await save(order);
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().pack.entries.map((e: { id: string }) => e.id)).toEqual(
      order.map((key) => ids[key]),
    );

    const md = await exported(packId, 'md');
    const titles = [...md.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(order.map((key) => texts[key]));
    // The headings follow the entries: a tone comes back when the editor's order returns to it.
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Tough',
      'Other questions',
      'Tough',
      'Predictable',
    ]);
    // Each draft sits under its own entry.
    for (const [i, key] of order.entries()) {
      const start = md.indexOf(`### ${texts[key]}`);
      const next = i + 1 < order.length ? md.indexOf(`### ${texts[order[i + 1]!]}`) : md.length;
      expect(md.slice(start, next)).toContain(`Draft for ${key}.`);
    }

    const csvRows = (await exported(packId, 'csv')).trim().split('\r\n').slice(1);
    expect(csvRows.map((row) => row.split(',').slice(0, 3))).toEqual(
      order.map((key, i) => [String(i + 1), 'question', texts[key]]),
    );

    const json = JSON.parse(await exported(packId, 'json'));
    expect(json.entries.map((e: { title: string }) => e.title)).toEqual(
      order.map((key) => texts[key]),
    );
  });

  it('gathers adjacent entries of one tone under one heading, as the essay reads', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: editor,
      payload: { name: 'By tone', propose: false },
    });
    const packId: string = created.json().pack.id;
    const order: (keyof typeof texts)[] = [
      'loose',
      'tough',
      'careerTough',
      'prioritiesPredictable',
    ];
    await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: editor,
      payload: { items: order.map((key) => ({ questionId: ids[key] })) },
    });
    const md = await exported(packId, 'md');
    expect([...md.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual(
      order.map((key) => texts[key]),
    );
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Other questions',
      'Tough',
      'Predictable',
    ]);
  });
});
