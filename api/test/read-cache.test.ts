// Answers kept for readers a moment: never to someone who may not read them, never older than a
// write made through this process, and fresh within READ_CACHE_MS of any other change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMeeting } from '../src/domain/capture.ts';
import { systemActor } from '../src/domain/actor.ts';
import { createTestApp, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };

const trendsUrl = '/api/trends?by=category&bucket=month';
type Trends = { totals: { bucket: string; count: number | null }[] };
const march = (body: Trends) => body.totals.find((p) => p.bucket === '2026-03')?.count ?? 0;

async function captureThrough(cookie: { cookie: string }, text: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: cookie,
    payload: { heldOn: '2026-03-04', questions: [{ text, categories: ['priorities'] }] },
  });
  expect(response.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp({ config: { kAnonymity: 1 } });
  editor = await signIn(t.app, 'editor');
  await captureThrough(editor, 'How are priorities set for the platform team?');
});
afterAll(async () => t?.close());

describe('answers kept for readers', () => {
  it('are never served without a session, nor after the session ended', async () => {
    const kept = await t.app.inject({ method: 'GET', url: trendsUrl, headers: editor });
    expect(kept.statusCode).toBe(200);

    const anonymous = await t.app.inject({ method: 'GET', url: trendsUrl });
    expect(anonymous.statusCode).toBe(401);

    const other = await signIn(t.app, 'viewer', 'leaving@example.com');
    expect((await t.app.inject({ method: 'GET', url: trendsUrl, headers: other })).statusCode).toBe(
      200,
    );
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: other });
    const ended = await t.app.inject({ method: 'GET', url: trendsUrl, headers: other });
    expect(ended.statusCode).toBe(401);
  });

  it('end with a write made through this process, before its answer goes out', async () => {
    const before = march(
      (await t.app.inject({ method: 'GET', url: trendsUrl, headers: editor })).json(),
    );
    await captureThrough(editor, 'Why did the billing migration get deprioritized?');
    const after = march(
      (await t.app.inject({ method: 'GET', url: trendsUrl, headers: editor })).json(),
    );
    expect(after).toBe(before + 1);
  });

  it('catch up with a change made elsewhere within a moment', async () => {
    const read = async () =>
      march((await t.app.inject({ method: 'GET', url: trendsUrl, headers: editor })).json());
    const before = await read();
    // Written past the app's requests, as another app process or a command-line run would.
    await captureMeeting(
      t.app.db,
      t.app.redactor,
      {
        heldOn: '2026-03-05',
        questions: [{ text: 'Is the roadmap changing again?', categories: ['priorities'] }],
      },
      systemActor,
    );
    await expect.poll(read).toBe(before + 1);
  });

  it('answer a burst of the same read alike', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({ method: 'GET', url: '/api/themes', headers: editor }),
      ),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });
});
