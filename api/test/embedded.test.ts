// The embedded default: PGlite on disk, migrations, first admin and the demo questions, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@kb/db';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { essayMeetings } from '../src/demo/essay.ts';
import { LogCapture, testConfig } from './support.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const config = testConfig({
  dataDir,
  database: { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
  admin: { email: 'exec@example.com', password: 'a long enough password' },
  demoData: true,
});

async function startAndList() {
  const app = await buildApp(config, { logStream: new LogCapture() });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'exec@example.com', password: 'a long enough password' },
  });
  expect(login.statusCode).toBe(200);
  const cookie = `kb_session=${login.cookies.find((c) => c.name === 'kb_session')!.value}`;
  const list = await app.inject({
    method: 'GET',
    url: '/api/questions?limit=100',
    headers: { cookie },
  });
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  const seeded = app.seedReport;
  await app.close();
  return { list: list.json(), health: health.json(), seeded };
}

describe('embedded PGlite', () => {
  it('migrates, creates the first admin and loads the demo on first start only', async () => {
    const first = await startAndList();
    expect(first.health.database).toEqual({ status: 'ok', kind: 'pglite' });
    const expected = first.seeded!.demoQuestions;
    expect(expected).toBeGreaterThan(essayMeetings.flatMap((m) => m.questions).length + 500);
    expect(first.list.total).toBe(expected);

    // A restart finds everything in place and adds nothing.
    const second = await startAndList();
    expect(second.seeded!.demoQuestions).toBe(0);
    expect(second.list.total).toBe(expected);
  }, 120_000);

  it('tags the essay questions as the essay groups them', async () => {
    const handle = createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const rows = await handle.db.query.categories.findMany();
    await handle.close();
    expect(rows.map((c) => c.slug)).toEqual(expect.arrayContaining(['predictable', 'tough']));
  });
});
