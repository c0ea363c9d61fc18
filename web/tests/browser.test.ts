// The product in a real browser: Debian's Chromium driven by playwright-core against the built web
// app, served by the API on real Postgres. Screenshots of every page land in artifacts/.
import { PASSWORD, queryRows, waitForSearchSync } from '@kb/api/testing';
import { insertMissingCategories, insertRosterEntry } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { captureMeeting } from '../../api/src/domain/capture.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { haveBrowser, reviewPage, signIn, useChromium } from './chromium.ts';
import { startProduct, type Product } from './product.ts';

let product: Product;

beforeAll(async () => {
  if (!haveBrowser) return;
  product = await startProduct({
    seed: false,
    prepare: async (app) => {
      await insertMissingCategories(app.db, defaultCategories);
      await insertRosterEntry(app.db, 'Ingrid Solberg');
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
    },
  });
}, 120_000);

afterAll(async () => {
  await product?.stop();
});

const openPage = useChromium();

const problems: string[] = [];
async function visit(page: Page, name: string) {
  problems.push(...(await reviewPage(page, name)));
}

const redacted = '[name] gives me very little guidance on my goals, how can I make progress?';

describe.skipIf(!haveBrowser)('in Chromium', () => {
  it('an editor captures, searches, sees it counted, and exports it in a prep pack', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/login`);
    await visit(page, 'login');
    await signIn(page, product.url, 'editor@example.com');

    // Capture: the roster name is highlighted before saving, and stored redacted.
    await page.goto(`${product.url}/`);
    await page.getByLabel(/meeting date/i).fill('2026-03-12');
    await page
      .getByLabel('Question 1', { exact: true })
      .fill('Ingrid gives me very little guidance on my goals, how can I make progress?');
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
      product.database.handle,
      sql`select text from questions where text like '%gives me very little guidance%'`,
    );
    expect(stored.map((r) => r.text)).toEqual([redacted]);
    await waitForSearchSync(product.app);

    // Search with a typo finds the redacted question.
    await page.goto(`${product.url}/search`);
    await page.getByLabel('Search questions').fill('guidence');
    await expect
      .poll(() => page.getByText('guidance', { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.hit').first().innerText()).toContain(
      '[name] gives me very little guidance',
    );
    await visit(page, 'search');

    // The dashboard counts it: five meetings raised tough questions in March 2026.
    await page.goto(`${product.url}/dashboard`);
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
        product.database.handle,
        sql`select theme_id from questions where text = ${redacted}`,
      )
    )[0]!.theme_id;
    await page.goto(`${product.url}/themes/${themeId}`);
    await expect.poll(() => page.getByText(redacted).count()).toBe(1);
    await visit(page, 'theme');
    await page.getByText(redacted).click();
    await page.waitForURL(/\/questions\//);
    await expect.poll(() => page.getByRole('heading', { name: redacted }).count()).toBe(1);
    await visit(page, 'question');

    // A prep pack: create it, add the question from search, export Markdown that holds it.
    await page.goto(`${product.url}/packs`);
    await page.getByLabel('Name').fill('March all-hands');
    await page.getByRole('button', { name: 'Create pack' }).click();
    await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
    const packId = page.url().split('/').pop()!;
    await page.goto(`${product.url}/search?q=guidence`);
    await page.getByRole('button', { name: 'Add to prep pack' }).first().click();
    await expect.poll(() => page.getByText(/Added to/).count()).toBe(1);
    await page.goto(`${product.url}/packs/${packId}`);
    await expect.poll(() => page.getByRole('link', { name: redacted }).count()).toBe(1);
    await visit(page, 'pack');
    const markdown = await page.evaluate(
      async (id) => (await fetch(`/api/packs/${id}/export?format=md`)).text(),
      packId,
    );
    expect(markdown).toContain(redacted);
    expect(markdown).not.toContain('Ingrid');

    await page.goto(`${product.url}/packs`);
    await visit(page, 'packs');
    await page.goto(`${product.url}/questions`);
    await expect.poll(() => page.getByText(redacted).count()).toBe(1);
    await visit(page, 'questions');
    expect(await page.getByText('Ingrid').count()).toBe(0);
    await page.close();
  });

  it('an admin manages users, categories, the roster and imports', async () => {
    const page = await openPage(1280, 900);
    await signIn(page, product.url, 'admin@example.com');
    await page.goto(`${product.url}/admin`);
    await expect.poll(() => page.getByText('viewer@example.com').count()).toBeGreaterThan(0);
    await page.getByLabel('Name to add').fill('Helga Brandt');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByText('Helga Brandt').count()).toBe(1);
    await visit(page, 'admin');
    await page.close();
  });

  it('a viewer sees no capture page and is refused a direct write', async () => {
    const page = await openPage(390, 844);
    await signIn(page, product.url, 'viewer@example.com');
    await page.goto(`${product.url}/questions`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /capture/i }).count()).toBe(0);
    await visit(page, 'questions-viewer-phone');
    await page.goto(`${product.url}/dashboard`);
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
  let demo: Product;

  beforeAll(async () => {
    demo = await startProduct({
      config: { demoData: true, admin: { email: 'exec@example.com', password: PASSWORD } },
      shareSearch: { engine: product.engine, indexName: 'demo_questions' },
      prepare: async (app) => {
        await app.themes.recompute();
        await waitForSearchSync(app);
      },
    });
  }, 120_000);

  afterAll(async () => {
    await demo?.stop();
  });

  it('shows the demo history on every page, with no serious accessibility violation', async () => {
    const page = await openPage(1280, 900);
    await signIn(page, demo.url, 'exec@example.com');

    await page
      .getByLabel('Question 1', { exact: true })
      .fill('How are priorities decided by the executive team?');
    await expect.poll(() => page.getByText('Asked before').count()).toBe(1);
    await visit(page, 'demo-capture');

    await page.goto(`${demo.url}/search?q=guidence`);
    await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(1);
    expect(await page.locator('.result').first().textContent()).toMatch(/guidance/i);
    await visit(page, 'demo-search');

    await page.goto(`${demo.url}/dashboard`);
    // Leadership sees the theme rising in the last complete weeks, with its sentence.
    const rising = page.locator('[aria-labelledby="alerts-title"] a', { hasText: /office/i });
    await expect.poll(() => rising.count()).toBeGreaterThan(0);
    expect(await rising.first().textContent()).toMatch(/in the last 3 weeks/);
    await visit(page, 'demo-dashboard');

    await rising.first().click();
    await page.waitForURL(/\/themes\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(/office/i).count()).toBeGreaterThan(1);
    await visit(page, 'demo-theme');

    await page.goto(`${demo.url}/packs`);
    await page.getByLabel('Name').fill('Summer all-hands');
    await page.getByRole('button', { name: 'Create pack' }).click();
    await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('.entries li').count()).toBeGreaterThan(3);
    await visit(page, 'demo-pack');
    await page.close();
    expect(problems).toEqual([]);
  });
});
