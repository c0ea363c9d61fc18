// After the all-hands, in Chromium: an editor imports a Slido-shaped XLSX and a Claper-shaped CSV
// (author names and emails beside every question), confirms the columns, reads the report, ties it
// to a prep pack and reads what was prepared and asked. Built app, real Postgres and Meilisearch.
import { LogCapture, PASSWORD, queryRows } from '@kb/api/testing';
import { insertMissingCategories } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_HANDS_DAY,
  AUTHOR_TRACES,
  ONE_ON_ONES,
  claperCsv,
  slidoWorkbook,
} from '../../api/test/fixtures/all-hands.ts';
import { systemActor } from '../../api/src/domain/actor.ts';
import { captureMeeting } from '../../api/src/domain/capture.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { haveBrowser, reviewPage, signIn, useChromium } from './chromium.ts';
import { startProduct, type Product } from './product.ts';

let product: Product;
const logs = new LogCapture();

beforeAll(async () => {
  if (!haveBrowser) return;
  product = await startProduct({
    seed: false,
    logs,
    prepare: async (app) => {
      await insertMissingCategories(app.db, defaultCategories);
      await createUser(
        app.db,
        { email: 'editor@example.com', password: PASSWORD, role: 'editor' },
        systemActor,
      );
      for (const meeting of ONE_ON_ONES) {
        await captureMeeting(
          app.db,
          app.redactor,
          { heldOn: meeting.heldOn, questions: [{ text: meeting.text, categories: [] }] },
          systemActor,
        );
      }
      await app.themeJobIdle();
      await app.themes.recompute();
    },
  });
}, 120_000);

afterAll(async () => {
  await product?.stop();
});

const openPage = useChromium();

const problems: string[] = [];
async function look(page: Page, name: string) {
  problems.push(...(await reviewPage(page, name)));
}

/** The text of a section of the report, by its heading, spaces folded. */
async function section(page: Page, heading: string): Promise<string> {
  const text = await page
    .locator('section, article')
    .filter({ has: page.getByRole('heading', { name: heading, exact: true }) })
    .last()
    .innerText();
  return text.replace(/\s+/g, ' ');
}

describe.skipIf(!haveBrowser)('after the all-hands, in Chromium', () => {
  it('an editor imports a Slido XLSX, reads the report, ties a pack and compares it', async () => {
    const page = await openPage(1280, 900);
    await signIn(page, product.url, 'editor@example.com');

    await page.getByRole('link', { name: 'All-hands', exact: true }).click();
    await page.waitForURL(/\/events$/);
    await page.getByLabel('Q&A file').setInputFiles({
      name: 'slido-export.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await slidoWorkbook(),
    });
    // The columns as read: the people dropped, the rest mapped from their headers.
    await expect
      .poll(() => page.getByText('Read as an XLSX workbook: 6 questions.').count())
      .toBe(1);
    const authorRow = page.getByRole('row', { name: /^Author / });
    expect(await authorRow.first().innerText()).toContain('Dropped: says who asked');
    expect(await page.getByRole('row', { name: /^Author email/ }).innerText()).toContain(
      'Dropped: says who asked',
    );
    expect(await page.getByLabel('What Likes holds').inputValue()).toBe('votes');
    expect(await page.getByLabel('What Dislikes holds').inputValue()).toBe('');
    expect(await page.getByLabel('What Question holds').inputValue()).toBe('question');
    // The first questions as they will be stored: the author named in one is redacted.
    await expect
      .poll(() =>
        page.getByText('[name] asked before: what is the plan for the parking garage?').count(),
      )
      .toBe(1);
    expect(await page.getByLabel('All-hands date').inputValue()).toBe(ALL_HANDS_DAY);
    await page.getByLabel('Name', { exact: true }).fill('June all-hands');
    await look(page, 'events-import-preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    const eventId = page.url().split('/').pop()!;

    await expect.poll(() => page.getByRole('heading', { name: 'June all-hands' }).count()).toBe(1);
    const figures = (await page.getByLabel('Surprise rate').innerText()).replace(/\s+/g, ' ');
    expect(figures).toContain(
      '50 % of 6 questions were about nothing the 1:1s raised (3 surprises)',
    );
    expect(figures).toContain('36 % of 104 votes went to those questions');
    const anticipated = await section(page, 'Anticipated by the 1:1s');
    expect(anticipated).toContain(
      'When will the remote work rules be final after the office move?',
    );
    expect(anticipated).toMatch(/6 recent 1:1 questions · 2 asked here · 50 votes/);
    expect(anticipated).toMatch(/similarity 0\.\d\d/);
    const surprises = await section(page, 'Surprises');
    expect(surprises).toContain('Why did we cancel the summer party this year?');
    expect(surprises).toContain('Will the summer party come back next year?');
    const quiet = await section(page, 'Quiet concerns');
    expect(quiet).toMatch(/hiring.*recurring · 5 recent 1:1 questions/i);
    await look(page, 'events-report');

    // A pack prepared before the all-hands, from the rising and recurring themes.
    await page.goto(`${product.url}/packs`);
    await page.getByLabel('Name').fill('June prep');
    await page.getByRole('button', { name: 'Create pack' }).click();
    await page.waitForURL(/\/packs\/[0-9a-f-]{36}$/);
    const proposed = await queryRows<{ n: number }>(
      product.database.handle,
      sql`select count(*)::int as n from prep_pack_items`,
    );
    expect(proposed[0]!.n).toBe(3);

    await page.goto(`${product.url}/events/${eventId}`);
    await page.getByLabel('Prepared with').selectOption({ label: 'June prep' });
    await page.getByRole('button', { name: 'Tie to this pack' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Tied to the prep pack.' }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Prepared and asked' }).count())
      .toBe(1);
    // The three themes were prepared: two were asked, the hiring freeze was not; the surprises
    // were asked and not prepared.
    const asked = await section(page, 'Prepared and asked');
    expect(asked).toContain('Can remote work stay on Fridays for the team?');
    expect(asked).toContain('How does the promotion process work for engineers this year?');
    expect(await section(page, 'Prepared, not asked')).toMatch(/hiring/i);
    const unprepared = await section(page, 'Asked, not prepared');
    expect(unprepared).toContain('Why did we cancel the summer party this year?');
    expect(unprepared).not.toContain('remote work');
    expect(await page.getByText(/prepared with June prep/).count()).toBe(1);
    await look(page, 'events-report-pack');

    const markdown = await page.evaluate(
      async (id) => (await fetch(`/api/events/${id}/export?format=md`)).text(),
      eventId,
    );
    expect(markdown).toContain('## Prep pack: June prep');
    for (const trace of AUTHOR_TRACES) {
      expect(await page.content()).not.toContain(trace);
      expect(markdown).not.toContain(trace);
    }
    await page.close();
  });

  it('an editor imports a Claper CSV with the mapping changed, and lists both all-hands', async () => {
    const page = await openPage(1280, 900);
    await signIn(page, product.url, 'editor@example.com');
    await page.goto(`${product.url}/events`);
    await page.getByLabel('Q&A file').setInputFiles({
      name: 'claper-posts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(claperCsv()),
    });
    await expect.poll(() => page.getByText('Read as a CSV export: 4 questions.').count()).toBe(1);
    expect(await page.getByRole('row', { name: /^name / }).innerText()).toContain('Dropped');
    expect(await page.getByRole('row', { name: /^email / }).innerText()).toContain('Dropped');
    expect(await page.getByLabel('What inserted_at holds').inputValue()).toBe('date');
    // The votes are not read, then read again: the preview follows the mapping.
    await page.getByLabel('What like_count holds').selectOption({ label: 'Not read' });
    await expect.poll(() => page.getByText('· 0 votes').count()).toBe(4);
    await page.getByLabel('What like_count holds').selectOption({ label: 'Votes' });
    await expect.poll(() => page.getByText('· 30 votes').count()).toBe(1);
    await page.getByLabel('Name', { exact: true }).fill('September all-hands');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await expect
      .poll(async () => (await page.getByLabel('Surprise rate').innerText()).replace(/\s+/g, ' '))
      .toContain('50 % of 4 questions');
    expect(await section(page, 'Surprises')).toContain(
      'Why is the new logo purple, and who chose it?',
    );

    await page.goto(`${product.url}/events`);
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toBe(
      'September all-hands 2026-09-24 4 50 % 56 %',
    );
    expect((await rows.nth(2).innerText()).replace(/\s+/g, ' ')).toBe(
      `June all-hands ${ALL_HANDS_DAY} 6 50 % 36 %`,
    );
    await look(page, 'events');
    const stored = await queryRows<{ text: string }>(
      product.database.handle,
      sql`select text from all_hands_questions`,
    );
    expect(stored).toHaveLength(10);
    for (const trace of AUTHOR_TRACES) {
      expect(JSON.stringify(stored)).not.toContain(trace);
      expect(logs.text).not.toContain(trace);
    }
    await page.close();
  });

  it('finds no serious or critical accessibility violation on the all-hands pages', () => {
    expect(problems).toEqual([]);
  });
});
