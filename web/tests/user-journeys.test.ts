// The four people the product is for, each on the product as shipped: the demo history loaded,
// search on, the hourly recompute on. Every journey runs at 1366 and at 390 px; every page it
// visits is checked with axe (no serious or critical violation), watched for console errors and
// kept as a screenshot in artifacts/screenshots/user-*.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PASSWORD, queryRows, waitForSearchSync } from '@kb/api/testing';
import { insertRosterEntry } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { haveBrowser, reviewPage, signIn, useChromium } from './chromium.ts';
import { startProduct, type Product } from './product.ts';

const SIZES = [
  { name: '1366', width: 1366, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;

let product: Product;

beforeAll(async () => {
  if (!haveBrowser) return;
  // As shipped: demo history, search, the hourly recompute; nothing switched off.
  product = await startProduct({
    config: { demoData: true, admin: { email: 'exec@example.com', password: PASSWORD } },
    prepare: async (app) => {
      await insertRosterEntry(app.db, 'Ingrid Solberg');
      for (const email of ['lead@example.com', 'prep@example.com']) {
        await createUser(app.db, { email, password: PASSWORD, role: 'editor' }, systemActor);
      }
      await waitForSearchSync(app, 60_000);
    },
  });
}, 240_000);

afterAll(async () => {
  await product?.stop();
});

const openPage = useChromium();

let pages = 0;
const accessibility: string[] = [];

/** A page reached: no sideways scroll, axe, a screenshot. */
async function visit(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(1);
  accessibility.push(...(await reviewPage(page, `user-${name}`)));
  pages++;
}

async function openAs(size: (typeof SIZES)[number], email: string): Promise<Page> {
  const page = await openPage(size.width, size.height);
  await signIn(page, product.url, email);
  return page;
}

/** Opens the filters on a phone, where they sit behind a toggle. */
async function openFilters(page: Page) {
  const toggle = page.getByRole('button', { name: /^Filters/ });
  if (await toggle.isVisible()) await toggle.click();
}

describe.skipIf(!haveBrowser)('the people the product is for', () => {
  for (const size of SIZES) {
    it(`the executive captures three questions and finds them redacted (${size.name} px)`, async () => {
      const page = await openAs(size, 'exec@example.com');
      const email = `dana.fox.${size.name}@example.org`;
      const texts = [
        `Ingrid Solberg says the on-call rota in ${size.name} is unfair, can we fix it?`,
        `Write to ${email} about the promotion budget, please`,
        'How are priorities decided by the executive team?',
      ];
      for (const [i, text] of texts.entries()) {
        if (i > 0) await page.getByRole('button', { name: '+ Add question' }).click();
        await page.getByLabel(`Question ${i + 1}`, { exact: true }).fill(text);
      }
      // The preview shows what will be stored, and the third was asked before.
      await expect.poll(() => page.getByText('Will be stored as').count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByText(/\[name\] says the on-call rota/).count())
        .toBeGreaterThan(0);
      await expect.poll(() => page.getByText('Asked before').count()).toBeGreaterThan(0);
      await visit(page, `exec-capture-${size.name}`);
      await page.getByRole('button', { name: /^Save 3 questions/ }).click();
      const saved = page.getByRole('status').filter({ hasText: 'Saved 3 questions' });
      await expect.poll(() => saved.count()).toBe(1);
      const shown = await saved.innerText();
      expect(shown).toContain('[name] says the on-call rota');
      expect(shown).not.toContain('Ingrid');
      expect(shown).not.toContain(email);
      await visit(page, `exec-saved-${size.name}`);

      const stored = await queryRows<{ text: string }>(
        product.database.handle,
        sql`select text from questions where text like ${`%on-call rota in ${size.name}%`} or text like '%promotion budget, please'`,
      );
      expect(stored.length).toBeGreaterThanOrEqual(2);
      for (const row of stored) {
        expect(row.text).not.toContain('Ingrid');
        expect(row.text).not.toContain(email);
      }
      await page.close();
    }, 120_000);

    it(`leadership sees what is rising, then renames and answers the theme (${size.name} px)`, async () => {
      const page = await openAs(size, 'lead@example.com');
      await page.goto(`${product.url}/dashboard`);
      const rising = page.locator('[aria-labelledby="alerts-title"] a', { hasText: /office/i });
      await expect.poll(() => rising.count()).toBeGreaterThan(0);
      expect(await rising.first().textContent()).toMatch(/in the last 3 weeks/);
      // Topics and tone are charted apart, six lines at most each.
      await expect.poll(() => page.locator('figure.chart').count()).toBe(2);
      for (const legend of await page.locator('figure.chart .legend').all()) {
        expect(await legend.locator('li').count()).toBeLessThanOrEqual(6);
      }
      await visit(page, `lead-dashboard-${size.name}`);

      // After the admin's import at 1366 px, two categories share the name "Priorities": both
      // show, and nothing on the page fails over it.
      if (size.name === '390') {
        await expect
          .poll(() => page.getByRole('rowheader', { name: 'Priorities', exact: true }).count())
          .toBe(2);
      }
      // The heatmap opens on its latest month, and its scroll area takes the keyboard.
      const heatmap = page.getByRole('region', { name: 'Questions per category and month' });
      expect(await heatmap.getAttribute('tabindex')).toBe('0');
      await expect
        .poll(() => heatmap.evaluate((el) => el.scrollWidth - el.clientWidth - el.scrollLeft))
        .toBeLessThanOrEqual(2);
      // A zero is never shaded darker than a hidden "<k" cell.
      const zero = page.locator('td', { hasText: /^0$/ }).first();
      expect(await zero.evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
        'rgba(0, 0, 0, 0)',
      );
      // A cell opens the questions behind it.
      const cell = page.getByRole('link', { name: /^Tough, \d{4}-\d{2}: \d+ questions$/ }).last();
      expect(await cell.getAttribute('href')).toMatch(
        /^\/questions\?category=tough&from=\d{4}-\d{2}-01&to=/,
      );

      await rising.first().click();
      await page.waitForURL(/\/themes\/[0-9a-f-]{36}$/);
      const name = `Return to the office (${size.name})`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByRole('button', { name: 'Rename' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(name);

      await page
        .getByLabel('Answer (Markdown)')
        .fill(
          `We keep **three office days** for now, and review it in the spring.\n\n- Team days stay flexible (${size.name})`,
        );
      await page.getByLabel('Status').selectOption('answered');
      await page.getByRole('button', { name: 'Save answer' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Saved' }).count()).toBe(1);
      await visit(page, `lead-theme-${size.name}`);

      // A viewer of one of its questions reads the answer rendered, not as raw Markdown.
      const question = page.locator('a[href^="/questions/"]').first();
      await question.click();
      await page.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.locator('strong', { hasText: 'three office days' }).count())
        .toBeGreaterThan(0);
      expect(await page.getByText('**three office days**').count()).toBe(0);
      await visit(page, `lead-question-${size.name}`);
      await page.close();
    }, 120_000);

    it(`someone preparing an all-hands searches, builds a pack and exports it in order (${size.name} px)`, async () => {
      const page = await openAs(size, 'prep@example.com');
      await page.goto(`${product.url}/search?q=promotoin`);
      await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(0);
      expect(await page.locator('.result').first().innerText()).toMatch(/promot/i);
      await openFilters(page);
      await page.getByLabel('Status').selectOption('open');
      await page.waitForURL(/status=open/);
      await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(0);
      for (const meta of await page.locator('.result:visible .meta').allInnerTexts())
        expect(meta).toContain('open');
      // Near-identical questions come grouped under their theme, and more pages follow.
      await expect.poll(() => page.locator('.theme-line').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'More results' }).click();
      await page.waitForURL(/page=2/);
      await expect.poll(() => page.locator('.result').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Previous' }).click();
      await page.waitForURL((url) => !url.searchParams.has('page'));
      await visit(page, `prep-search-${size.name}`);

      await page.goto(`${product.url}/packs`);
      await page.getByLabel('Name').fill(`All-hands prep ${size.name}`);
      await page.getByRole('button', { name: 'Create pack' }).click();
      await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
      const entries = page.locator('.entries > li');
      await expect.poll(() => entries.count()).toBeGreaterThan(3);
      const titleOf = async (i: number) =>
        (await entries.nth(i).locator('a').first().innerText()).trim();
      const [first, second] = [await titleOf(0), await titleOf(1)];
      // The second goes first, and gets a draft.
      await page.getByRole('button', { name: `Move ${second} up` }).click();
      await expect.poll(() => titleOf(0)).toBe(second);
      await page
        .getByLabel('Draft answer')
        .first()
        .fill('We will say where this stands **today**.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Saved' }).count()).toBe(1);
      await visit(page, `prep-pack-${size.name}`);

      const packId = page.url().split('/').pop()!;
      const markdown = await page.evaluate(
        async (id) => (await fetch(`/api/packs/${id}/export?format=md`)).text(),
        packId,
      );
      const at = (title: string) => markdown.indexOf(title.replace(/…$/, ''));
      expect(at(second)).toBeGreaterThanOrEqual(0);
      expect(at(second)).toBeLessThan(at(first));
      expect(markdown).toContain('We will say where this stands **today**.');
      await page.close();
    }, 120_000);

    it(`an admin imports 500 rows after a dry run, adds a user and a roster name (${size.name} px)`, async () => {
      const page = await openAs(size, 'exec@example.com');
      await page.goto(`${product.url}/admin`);
      // With every link an admin has, the header still shows who is signed in, beside Log out.
      const role = await page.locator('header .role').boundingBox();
      const logOut = await page.getByRole('button', { name: 'Log out' }).boundingBox();
      expect(role && logOut && role.x + role.width <= logOut.x).toBe(true);
      expect(logOut!.x + logOut!.width).toBeLessThanOrEqual(size.width);
      // A second category named like an existing one: lists keyed by name would break on it.
      const twin = size.name === '1366';
      if (twin) {
        await page.getByLabel('Name', { exact: true }).fill('Priorities');
        await page.getByLabel('Slug').fill('priorities-again');
        await page.getByRole('button', { name: 'Add category' }).click();
        await expect.poll(() => page.getByText('priorities-again').count()).toBeGreaterThan(0);
      }
      const rows = Array.from(
        { length: 500 },
        (_, i) =>
          `"Import ${size.name} question ${i}: how will the ${['budget', 'roadmap', 'hiring plan', 'office move'][i % 4]} change?",2024-${String((i % 12) + 1).padStart(2, '0')}-1${i % 9},${twin && i % 2 ? 'priorities-again' : 'priorities'}`,
      );
      const file = path.join(tmpdir(), `import-${size.name}-${process.pid}.csv`);
      writeFileSync(file, ['text,date,categories', ...rows].join('\n'));
      await page.getByLabel('File').setInputFiles(file);
      await page.getByRole('button', { name: 'Check (dry run)' }).click();
      await expect.poll(() => page.getByText('500 rows: 500 valid').count()).toBe(1);
      await visit(page, `admin-dry-run-${size.name}`);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect.poll(() => page.getByText('Imported 500 questions.').count()).toBe(1);
      const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
        product.database.handle,
        sql`select count(*)::int as n from questions where text like ${`Import ${size.name} question %`}`,
      );
      expect(n).toBe(500);

      await page.getByLabel('Email', { exact: true }).fill(`new.viewer.${size.name}@example.com`);
      await page.getByLabel('Password (12+ characters)').fill('a long enough password 42');
      await page.getByLabel('Role', { exact: true }).selectOption('viewer');
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect
        .poll(() => page.getByText(`new.viewer.${size.name}@example.com`).count())
        .toBeGreaterThan(0);

      const rosterName = size.name === '1366' ? 'Oluwaseun Adeyemi' : 'Nguyen Van Hung';
      await page.getByLabel('Name to add').fill(rosterName);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.getByText(rosterName).count()).toBeGreaterThan(0);
      await visit(page, `admin-done-${size.name}`);
      await page.close();
    }, 180_000);
  }

  it('met no serious or critical accessibility problem on any page it visited', () => {
    // Nine pages a journey set, at each of the two widths.
    expect(pages).toBe(18);
    expect(accessibility).toEqual([]);
    console.log(`user journeys: ${pages} pages checked and kept as screenshots`);
  });
});
