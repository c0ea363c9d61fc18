// The product in a real browser: Debian's Chromium driven by playwright-core against the built web
// app, served by the API on real Postgres. Screenshots of every page land in artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@kb/api';
import {
  LogCapture,
  PASSWORD,
  createTestDatabase,
  queryRows,
  testConfig,
  type TestDatabase,
} from '@kb/api/testing';
import { insertMissingCategories, insertRosterEntry } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { createUser } from '../../api/src/domain/users.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = path.join(root, 'artifacts', 'screenshots');
const webDir = path.join(root, 'web', 'build');

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser tests.`);
  console.warn(
    `\n!!! No Chromium at ${CHROMIUM}: the browser tests are SKIPPED. apt-get install chromium\n`,
  );
}

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  database = await createTestDatabase();
  app = await buildApp(testConfig({ webDir }), {
    dbHandle: database.handle,
    logStream: new LogCapture(),
    seed: false,
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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(artifacts, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.drop();
});

async function signInAs(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

describe.skipIf(!haveBrowser)('in Chromium', () => {
  it('an editor captures a meeting: the roster name is highlighted, then stored redacted', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/login`);
    await shot(page, 'login');
    await signInAs(page, 'editor@example.com');

    await page.goto(`${baseUrl}/`);
    await page.getByLabel(/meeting date/i).fill('2026-03-12');
    const question = page.getByLabel('Question 1', { exact: true });
    await question.fill(
      'I am getting very little guidance from my manager Priya, how can I make progress?',
    );
    const highlighted = page.locator('mark').filter({ hasText: /name/i });
    await expect.poll(() => highlighted.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: /^tough$/i })
      .first()
      .click();
    await shot(page, 'capture');

    await page.keyboard.press('Control+Enter');
    await expect
      .poll(
        async () => {
          const rows = await queryRows<{ text: string }>(
            database.handle,
            sql`select text from questions`,
          );
          return rows.map((r) => r.text);
        },
        { timeout: 10_000 },
      )
      .toEqual([
        'I am getting very little guidance from my manager [name], how can I make progress?',
      ]);

    await page.goto(`${baseUrl}/questions`);
    await expect
      .poll(() => page.getByText('guidance from my manager [name]').count(), { timeout: 10_000 })
      .toBe(1);
    await shot(page, 'questions');
    expect(await page.getByText('Priya').count()).toBe(0);
    await page.close();
  });

  it('a viewer sees no capture page and is refused a direct write', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInAs(page, 'viewer@example.com');
    await page.goto(`${baseUrl}/questions`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /capture/i }).count()).toBe(0);
    await shot(page, 'questions-viewer-phone');

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
});
