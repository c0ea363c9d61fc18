// The product in a real browser: Debian's Chromium driven by playwright-core against the built web
// app, served by the API on real Postgres. Screenshots of every page land in artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@kb/api';
import {
  LogCapture,
  PASSWORD,
  createTestDatabase,
  queryRows,
  startTestSearch,
  testConfig,
  waitForSearchSync,
  type TestDatabase,
} from '@kb/api/testing';
import { insertMissingCategories, insertRosterEntry } from '@kb/db';
import { SearchService } from '@kb/search';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { captureMeeting } from '../../api/src/domain/capture.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { PageErrors, haveBrowser, launchChromium } from './chromium.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(root, 'artifacts', 'screenshots');
const webDir = path.join(root, 'web', 'build');

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let database: TestDatabase;
let engine: Awaited<ReturnType<typeof startTestSearch>>;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  database = await createTestDatabase();
  engine = await startTestSearch();
  app = await buildApp(testConfig({ webDir }), {
    dbHandle: database.handle,
    logStream: new LogCapture(),
    seed: false,
    search: engine.service,
    syncIdleMs: 100,
  });
  await app.ready();
  await insertMissingCategories(app.db, defaultCategories);
  await insertRosterEntry(app.db, 'Priya Raman');
  await createUser(
    app.db,
    { email: 'editor@example.com', password: PASSWORD, role: 'editor' },
    systemActor,
  );
  await createUser(
    app.db,
    { email: 'viewer@example.com', password: PASSWORD, role: 'viewer' },
    systemActor,
  );
  await createUser(
    app.db,
    { email: 'admin@example.com', password: PASSWORD, role: 'admin' },
    systemActor,
  );
  // Four earlier 1:1s in the same month, so the month's "tough" cell reaches five meetings.
  for (const day of ['2026-03-02', '2026-03-03', '2026-03-17', '2026-03-18']) {
    await captureMeeting(
      app.db,
      app.redactor,
      {
        heldOn: day,
        questions: [{ text: `Why did the plan change on ${day}?`, categories: ['tough'] }],
      },
      systemActor,
    );
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await engine?.stop();
  await database?.drop();
});

const pageErrors = new PageErrors();
const openPage = (width: number, height: number) => pageErrors.open(browser, width, height);

afterEach(() => {
  expect(pageErrors.take()).toEqual([]);
});

/** Runs axe on the page; returns serious and critical violations as readable lines. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the page's CSP allows no inline script but its own.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Result = {
      passes: unknown[];
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<Result> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    if (result.passes.length === 0) throw new Error('axe checked nothing');
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) at ${v.targets.slice(0, 3).join(', ')}`);
}

const problems: string[] = [];
async function visit(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await shot(page, name);
  problems.push(...(await accessibilityProblems(page)));
}

async function signInAs(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

const redacted =
  'I am getting very little guidance from my manager [name], how can I make progress?';

describe.skipIf(!haveBrowser)('in Chromium', () => {
  it('an editor captures, searches, sees it counted, and exports it in a prep pack', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${baseUrl}/login`);
    await visit(page, 'login');
    await signInAs(page, 'editor@example.com');

    // Capture: the roster name is highlighted before saving, and stored redacted.
    await page.goto(`${baseUrl}/`);
    await page.getByLabel(/meeting date/i).fill('2026-03-12');
    await page
      .getByLabel('Question 1', { exact: true })
      .fill('I am getting very little guidance from my manager Priya, how can I make progress?');
    const highlighted = page.locator('mark').filter({ hasText: /name/i });
    await expect.poll(() => highlighted.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: /^tough$/i })
      .first()
      .click();
    await visit(page, 'capture');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /saved 1 question/i })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    const stored = await queryRows<{ text: string }>(
      database.handle,
      sql`select text from questions where text like 'I am getting%'`,
    );
    expect(stored.map((r) => r.text)).toEqual([redacted]);
    await waitForSearchSync(app);

    // Search with a typo finds the redacted question.
    await page.goto(`${baseUrl}/search`);
    await page.getByLabel('Search questions').fill('guidence');
    await expect
      .poll(() => page.getByText('guidance', { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.hit').first().innerText()).toContain('from my manager [name]');
    await visit(page, 'search');

    // The dashboard counts it: five meetings raised tough questions in March 2026.
    await page.goto(`${baseUrl}/dashboard`);
    const heatmapRow = page.getByRole('row', { name: /^Tough/ });
    await expect
      .poll(async () => (await heatmapRow.innerText()).replace(/\s+/g, ' ').trim(), {
        timeout: 10_000,
      })
      .toBe('Tough 5');
    await visit(page, 'dashboard');

    // Its theme and the question's own page.
    const themeId = (
      await queryRows<{ theme_id: string }>(
        database.handle,
        sql`select theme_id from questions where text = ${redacted}`,
      )
    )[0]!.theme_id;
    await page.goto(`${baseUrl}/themes/${themeId}`);
    await expect.poll(() => page.getByText(redacted).count()).toBe(1);
    await visit(page, 'theme');
    await page.getByText(redacted).click();
    await page.waitForURL(/\/questions\//);
    await expect.poll(() => page.getByRole('heading', { name: redacted }).count()).toBe(1);
    await visit(page, 'question');

    // A prep pack: create it, add the question from search, export Markdown that holds it.
    await page.goto(`${baseUrl}/packs`);
    await page.getByLabel('Name').fill('March all-hands');
    await page.getByRole('button', { name: 'Create pack' }).click();
    await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
    const packId = page.url().split('/').pop()!;
    await page.goto(`${baseUrl}/search?q=guidence`);
    await page.getByRole('button', { name: 'Add to prep pack' }).first().click();
    await expect.poll(() => page.getByText(/Added to/).count()).toBe(1);
    await page.goto(`${baseUrl}/packs/${packId}`);
    await expect.poll(() => page.getByRole('link', { name: redacted }).count()).toBe(1);
    await visit(page, 'pack');
    const markdown = await page.evaluate(
      async (id) => (await fetch(`/api/packs/${id}/export?format=md`)).text(),
      packId,
    );
    expect(markdown).toContain(redacted);
    expect(markdown).not.toContain('Priya');

    await page.goto(`${baseUrl}/packs`);
    await visit(page, 'packs');
    await page.goto(`${baseUrl}/questions`);
    await expect.poll(() => page.getByText(redacted).count()).toBe(1);
    await visit(page, 'questions');
    expect(await page.getByText('Priya').count()).toBe(0);
    await page.close();
  });

  it('an admin manages users, categories, the roster and imports', async () => {
    const page = await openPage(1280, 900);
    await signInAs(page, 'admin@example.com');
    await page.goto(`${baseUrl}/admin`);
    await expect.poll(() => page.getByText('viewer@example.com').count()).toBeGreaterThan(0);
    await page.getByLabel('Name to add').fill('Grace Kim');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByText('Grace Kim').count()).toBe(1);
    await visit(page, 'admin');
    await page.close();
  });

  it('a viewer sees no capture page and is refused a direct write', async () => {
    const page = await openPage(390, 844);
    await signInAs(page, 'viewer@example.com');
    await page.goto(`${baseUrl}/questions`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /capture/i }).count()).toBe(0);
    await visit(page, 'questions-viewer-phone');
    await page.goto(`${baseUrl}/dashboard`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Themes dashboard' }).count())
      .toBe(1);
    await visit(page, 'dashboard-phone');

    const status = await page.evaluate(async () => {
      const response = await fetch('/api/meetings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          heldOn: '2026-03-12',
          questions: [{ text: 'Sneaky?', categories: [] }],
        }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    await page.close();
  });

  it('finds no serious or critical accessibility violation on any page', () => {
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!haveBrowser)('the demo data, as a new installation shows it', () => {
  let demoDatabase: TestDatabase;
  let demo: FastifyInstance;
  let demoUrl: string;

  beforeAll(async () => {
    demoDatabase = await createTestDatabase();
    demo = await buildApp(
      testConfig({
        webDir,
        demoData: true,
        admin: { email: 'exec@example.com', password: PASSWORD },
      }),
      {
        dbHandle: demoDatabase.handle,
        logStream: new LogCapture(),
        search: new SearchService({
          url: engine.meili.url,
          masterKey: engine.meili.masterKey,
          indexName: 'demo_questions',
        }),
        syncIdleMs: 100,
      },
    );
    await demo.ready();
    await demo.themes.recompute();
    await waitForSearchSync(demo);
    await demo.listen({ port: 0, host: '127.0.0.1' });
    const address = demo.server.address();
    demoUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
    await demoDatabase?.drop();
  });

  it('shows the demo history on every page, with no serious accessibility violation', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${demoUrl}/login`);
    await page.getByLabel('Email').fill('exec@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page
      .getByLabel('Question 1', { exact: true })
      .fill('How are priorities decided by the executive team?');
    await expect.poll(() => page.getByText('Asked before').count()).toBe(1);
    await visit(page, 'demo-capture');

    await page.goto(`${demoUrl}/search?q=guidence`);
    await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(1);
    expect(await page.locator('.result').first().textContent()).toMatch(/guidance/i);
    await visit(page, 'demo-search');

    await page.goto(`${demoUrl}/dashboard`);
    // Leadership sees the theme rising in the last complete weeks, with its sentence.
    const rising = page.locator('[aria-labelledby="alerts-title"] a', { hasText: /office/i });
    await expect.poll(() => rising.count()).toBeGreaterThan(0);
    expect(await rising.first().textContent()).toMatch(/in the last 3 weeks/);
    await visit(page, 'demo-dashboard');

    await rising.first().click();
    await page.waitForURL(/\/themes\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(/office/i).count()).toBeGreaterThan(1);
    await visit(page, 'demo-theme');

    await page.goto(`${demoUrl}/packs`);
    await page.getByLabel('Name').fill('Summer all-hands');
    await page.getByRole('button', { name: 'Create pack' }).click();
    await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('.entries li').count()).toBeGreaterThan(3);
    await visit(page, 'demo-pack');
    await page.close();
    expect(problems).toEqual([]);
  });
});
