// Two app processes on one database: what one recomputes or curates, the other places captures by,
// without a restart (the placement model follows the themes' version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestDatabase,
  signIn,
  type TestApp,
  type TestDatabase,
} from './support.ts';

let database: TestDatabase;
let one: TestApp;
let other: TestApp;
let editorOne: { cookie: string };
let editorOther: { cookie: string };
let adminOne: { cookie: string };

async function capture(app: TestApp, headers: { cookie: string }, text: string) {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers,
    payload: { heldOn: '2026-03-03', questions: [{ text, categories: [] }] },
  });
  expect(response.statusCode).toBe(201);
  return response.json().questions[0] as { id: string; themeId: string | null };
}

async function expectLive(app: TestApp, headers: { cookie: string }, themeId: string | null) {
  expect(themeId).not.toBeNull();
  const theme = await app.app.inject({ method: 'GET', url: `/api/themes/${themeId}`, headers });
  expect(theme.json().theme.retired).toBeNull();
  const list = await app.app.inject({ method: 'GET', url: '/api/themes', headers });
  expect(list.json().themes.map((th: { id: string }) => th.id)).toContain(themeId);
}

beforeAll(async () => {
  database = await createTestDatabase();
  one = await createTestApp({ database });
  other = await createTestApp({ database });
  await Promise.all([one.app.themeJobIdle(), other.app.themeJobIdle()]);
  editorOne = await signIn(one.app, 'editor');
  adminOne = await signIn(one.app, 'admin');
  editorOther = await signIn(other.app, 'editor', 'other-editor@example.com');
}, 120_000);
afterAll(async () => {
  await other?.close();
  await one?.close();
  await database?.drop();
});

describe('two processes', () => {
  it('captures into a live theme after the other process recomputed', async () => {
    // The other process places a question and keeps the theme it opened in its model.
    const desks = await capture(
      other,
      editorOther,
      'Can we get standing desks in the Berlin office?',
    );
    // Here, an editor deletes it and the recompute retires the theme it left empty.
    await one.app.inject({
      method: 'DELETE',
      url: `/api/questions/${desks.id}`,
      headers: editorOne,
    });
    const recompute = await one.app.inject({
      method: 'POST',
      url: '/api/themes/recompute',
      headers: adminOne,
    });
    expect(recompute.json().retired).toBeGreaterThanOrEqual(1);

    // Alike enough to join the old theme if the other process still believed in it.
    const again = await capture(other, editorOther, 'Could the Berlin office get standing desks?');
    expect(again.themeId).not.toBe(desks.themeId);
    await expectLive(other, editorOther, again.themeId);
  });

  it('captures into a live theme after the other process merged', async () => {
    const garden = await capture(
      other,
      editorOther,
      'Will the rooftop garden open for the summer?',
    );
    const parking = await capture(
      one,
      editorOne,
      'Is there parking for bicycles at the new office?',
    );
    expect(garden.themeId).not.toBe(parking.themeId);
    const merged = await one.app.inject({
      method: 'POST',
      url: `/api/themes/${parking.themeId}/merge`,
      headers: editorOne,
      payload: { themeIds: [garden.themeId] },
    });
    expect(merged.statusCode).toBe(200);

    const again = await capture(
      other,
      editorOther,
      'When does the rooftop garden open for the summer?',
    );
    expect(again.themeId).toBe(parking.themeId);
    await expectLive(other, editorOther, again.themeId);
  });
});
