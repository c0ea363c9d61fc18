// How pages get their data, in Chromium against the built web app: each page's load signs a lapsed
// session in again and comes back, lets the role decide before anything shows, words a missing
// record itself, and runs again after a write.
import { randomUUID } from 'node:crypto';
import { PASSWORD, queryRows } from '@kb/api/testing';
import { insertMissingCategories } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { captureMeeting } from '../../api/src/domain/capture.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { haveBrowser, submitSignIn, useChromium } from './chromium.ts';
import { startProduct, type Product } from './product.ts';

let product: Product;
let questionIds: string[];

beforeAll(async () => {
  if (!haveBrowser) return;
  product = await startProduct({
    // The themes' hourly recompute as shipped.
    config: { themesRecomputeMinutes: 60 },
    seed: false,
    prepare: async (app) => {
      await insertMissingCategories(app.db, defaultCategories);
      for (const role of ['editor', 'viewer'] as const) {
        await createUser(
          app.db,
          { email: `${role}@example.com`, password: PASSWORD, role },
          systemActor,
        );
      }
      const captured = await captureMeeting(
        app.db,
        app.redactor,
        {
          heldOn: '2026-03-12',
          questions: [
            { text: 'How is the roadmap decided?', categories: [] },
            { text: 'Who chooses which teams grow next year?', categories: [] },
          ],
        },
        systemActor,
      );
      questionIds = captured.questions.map((q) => q.id);
    },
  });
}, 120_000);

afterAll(async () => {
  await product?.stop();
});

const openPage = useChromium();

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe.skipIf(!haveBrowser)('page loads in Chromium', () => {
  it('send a visitor to sign in and back to the filtered page they asked for', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/questions?status=open`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/questions?status=open');
    await submitSignIn(page, 'editor@example.com');
    expect(pathOf(page)).toBe('/questions?status=open');
    await expect.poll(() => page.getByText('How is the roadmap decided?').count()).toBe(1);
    await page.close();
  });

  it('send a lapsed session to sign in from the next page it opens', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/login`);
    await submitSignIn(page, 'editor@example.com');
    // The session ends on the server while the page stays open (as when it expires).
    const status = await page.evaluate(
      async () => (await fetch('/api/auth/logout', { method: 'POST' })).status,
    );
    expect(status).toBe(204);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard');
    await submitSignIn(page, 'editor@example.com');
    expect(pathOf(page)).toBe('/dashboard');
    await page.close();
  });

  it('let the role decide where a viewer lands', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/login?next=/`);
    await submitSignIn(page, 'viewer@example.com');
    // Capture is for editors: the viewer asked for it and gets the question list.
    await page.waitForURL(`${product.url}/questions`);
    await page.goto(`${product.url}/admin`);
    await page.waitForURL(`${product.url}/dashboard`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Themes dashboard' }).count())
      .toBe(1);
    await page.close();
  });

  it('word a missing pack, theme or question as the page sees it', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/login`);
    await submitSignIn(page, 'viewer@example.com');
    const missing = randomUUID();
    for (const [where, message] of [
      [`/packs/${missing}`, 'This pack does not exist.'],
      [`/themes/${missing}`, 'This theme no longer exists; it may have been merged.'],
      [`/questions/${missing}`, 'This question does not exist (any more).'],
    ] as const) {
      await page.goto(`${product.url}${where}`);
      await expect.poll(() => page.getByRole('alert').innerText()).toBe(message);
      expect(await page.getByRole('heading', { name: 'Not found' }).count()).toBe(1);
    }
    await page.close();
  });

  it('show what a write changed, read again from the server', async () => {
    const page = await openPage(1280, 900);
    const [questionId] = questionIds;
    await page.goto(`${product.url}/login?next=/questions/${questionId}`);
    await submitSignIn(page, 'editor@example.com');
    await expect.poll(() => page.locator('article .meta').innerText()).toContain('open');
    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().endsWith(`/api/questions/${questionId}`)) {
        reads.push(request.url());
      }
    });
    await page.locator('#status').selectOption('archived');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Status changed.');
    expect(reads).toHaveLength(1);
    expect(await page.locator('article .meta').innerText()).toContain('archived');
    const stored = await queryRows<{ status: string }>(
      product.database.handle,
      sql`select status from questions where id = ${questionId}`,
    );
    expect(stored).toEqual([{ status: 'archived' }]);
    await page.close();
  });

  it("keep a pack's unsaved order apart from the saved one, and save it", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${product.url}/login`);
    await submitSignIn(page, 'editor@example.com');
    const packId = await page.evaluate(async (ids) => {
      const response = await fetch('/api/packs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Spring all-hands', propose: false }),
      });
      const { pack } = (await response.json()) as { pack: { id: string } };
      await fetch(`/api/packs/${pack.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items: ids.map((questionId) => ({ questionId })) }),
      });
      return pack.id;
    }, questionIds);
    await page.goto(`${product.url}/packs/${packId}`);
    const titles = () => page.locator('.entries h2 a').allInnerTexts();
    const saveButton = page.locator('.save button');
    await expect
      .poll(titles)
      .toEqual(['How is the roadmap decided?', 'Who chooses which teams grow next year?']);
    expect(await saveButton.innerText()).toBe('Saved');

    await page.getByRole('button', { name: 'Move How is the roadmap decided? down' }).click();
    expect(await saveButton.innerText()).toBe('Save changes');
    // Moved back, the pack is as saved again.
    await page.getByRole('button', { name: 'Move How is the roadmap decided? up' }).click();
    expect(await saveButton.innerText()).toBe('Saved');

    await page.getByRole('button', { name: 'Move How is the roadmap decided? down' }).click();
    await saveButton.click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Saved.');
    expect(await saveButton.innerText()).toBe('Saved');
    const stored = await queryRows<{ question_id: string }>(
      product.database.handle,
      sql`select question_id from prep_pack_items where pack_id = ${packId} order by position`,
    );
    expect(stored.map((r) => r.question_id)).toEqual([...questionIds].reverse());
    await page.close();
  });
});
