// The journeys of the web app in Chromium, against the built app served by the API on real Postgres:
// answers shown as sanitised Markdown with their owner, a question showing its theme's answer, a
// confirmation before every act that is hard to take back (with undo where it is cheap), unsaved
// work guarded, busy buttons that never submit twice, a pack exported in the order set on screen,
// the digest page, and every page at phone width. Screenshots at 1366 and 390 px land in artifacts/.
import { readFile } from 'node:fs/promises';
import { PASSWORD, queryRows, waitForSearchSync } from '@kb/api/testing';
import { insertMissingCategories, insertRosterEntry } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/src/domain/actor.ts';
import { captureMeeting } from '../../api/src/domain/capture.ts';
import { defaultCategories } from '../../api/src/domain/default-categories.ts';
import { essayMeetings } from '../../api/src/demo/essay.ts';
import { createPack } from '../../api/src/domain/packs.ts';
import { createUser } from '../../api/src/domain/users.ts';
import { lastCompleteQuarter } from '../src/lib/periods.ts';
import { haveBrowser, screenshot, signIn, useChromium } from './chromium.ts';
import { startProduct, type Product } from './product.ts';

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let product: Product;

const diversityQuestion =
  'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?';
const offsiteQuestions = Array.from(
  { length: 6 },
  (_, i) => `Will the offsite in week ${i + 1} be optional for people with small children?`,
);

beforeAll(async () => {
  if (!haveBrowser) return;
  product = await startProduct({
    seed: false,
    prepare: async (app) => {
      await insertMissingCategories(app.db, [
        ...defaultCategories,
        {
          slug: 'offsites',
          name: 'Offsites',
          colour: '#0f6e80',
          axis: 'topic',
          description: 'Team offsites and travel.',
        },
      ]);
      for (const [email, role] of [
        ['admin@example.com', 'admin'],
        ['editor@example.com', 'editor'],
        ['viewer@example.com', 'viewer'],
        ['leaving@example.com', 'viewer'],
      ] as const) {
        await createUser(app.db, { email, password: PASSWORD, role }, systemActor);
      }
      for (const meeting of essayMeetings) {
        await captureMeeting(app.db, app.redactor, meeting, systemActor);
      }
      // Six 1:1s raised the offsite (a project too): enough meetings for the counts to be shown.
      for (const [i, text] of offsiteQuestions.entries()) {
        await captureMeeting(
          app.db,
          app.redactor,
          {
            heldOn: `2026-01-${String(5 + i * 3).padStart(2, '0')}`,
            questions: [{ text, categories: ['offsites', 'projects'] }],
          },
          systemActor,
        );
      }
      await insertRosterEntry(app.db, 'Helga Brandt');
      await app.themeJobIdle();
      await app.themes.recompute();
      // A pack as the product proposes it, from the themes.
      await createPack(
        app.db,
        app.redactor,
        { name: 'Spring all-hands', eventOn: '2027-03-04', propose: true },
        systemActor,
        5,
      );
      await waitForSearchSync(app);
    },
  });
}, 180_000);

afterAll(async () => {
  await product?.stop();
});

const openPage = useChromium();

async function openAs(email: string, size = WIDE): Promise<Page> {
  const page = await openPage(size.width, size.height);
  await signIn(page, product.url, email);
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, `journey-${name}-${page.viewportSize()?.width ?? 0}`);
}

/** Rows of a query on the product's database, and the first of them. */
const rowsOf = <T>(query: ReturnType<typeof sql>) => queryRows<T>(product.database.handle, query);
const one = async <T>(query: ReturnType<typeof sql>) => (await rowsOf<T>(query))[0];

async function themeOf(text: string): Promise<string> {
  const row = await one<{ theme_id: string }>(
    sql`select theme_id from questions where text = ${text}`,
  );
  return row!.theme_id;
}

const downloaded = async (download: Download) => readFile((await download.path())!, 'utf8');

/** The dialog the page opened to confirm an act, once it shows. */
function confirmDialog(page: Page) {
  return page.getByRole('dialog');
}

describe.skipIf(!haveBrowser)('web journeys in Chromium', () => {
  it('shows an answer as sanitised Markdown with its owner, and on the questions of its theme', async () => {
    const themeId = await themeOf(diversityQuestion);
    const page = await openAs('editor@example.com');
    await page.goto(`${product.url}/themes/${themeId}`);
    const body = page.getByLabel('Answer (Markdown)');
    await body.fill(
      [
        'We **publish** the hiring funnel.',
        '',
        '- every quarter',
        '- in [the questions](/questions)',
        '',
        '<img src="x" onerror="window.__injected = 1"><script>window.__injected = 2</script>',
        '[a trap](javascript:window.__injected=3)',
      ].join('\n'),
    );
    await page.getByLabel('Status', { exact: true }).selectOption('answered');
    await page.getByLabel('Owner').selectOption({ label: 'admin@example.com' });
    await page.getByLabel('Review by').fill('2099-12-31');

    // The preview shows what readers will see, before saving.
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('.preview .markdown strong').innerText()).toBe('publish');
    await page.getByRole('button', { name: 'Edit' }).click();

    // A double click saves once.
    await page.getByRole('button', { name: 'Save answer' }).dblclick();
    await expect.poll(() => page.getByText('Answer saved.').count()).toBe(1);
    const saved = await one<{ owner: string; review_by: string; body: string }>(
      sql`select u.email as owner, a.review_by::text as review_by, a.body from answers a
          join users u on u.id = a.owner_id where a.theme_id = ${themeId}`,
    );
    expect(saved).toMatchObject({ owner: 'admin@example.com', review_by: '2099-12-31' });
    const audits = await rowsOf<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'answer.save' and entity_id = ${themeId}`,
    );
    expect(audits[0]!.n).toBe(1);
    await shot(page, 'answer-editor');

    // Unsaved edits: a link asks first; staying keeps them, leaving drops them.
    await body.fill(`${saved!.body}\n\nOne more thing.`);
    await page.getByRole('link', { name: 'Questions', exact: true }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    expect(await confirmDialog(page).innerText()).toContain('Leave without saving?');
    await shot(page, 'unsaved-dialog');
    await page.getByRole('button', { name: 'Stay on this page' }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe(`/themes/${themeId}`);
    expect(await body.inputValue()).toContain('One more thing.');
    // Closing or reloading the tab: the page cancels the unload, so the browser asks (headless
    // Chromium shows no prompt, so the event the browser would send is sent here).
    const unloadCancelled = () =>
      page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await unloadCancelled()).toBe(true);
    await body.fill(saved!.body);
    expect(await unloadCancelled()).toBe(false);
    await body.fill(`${saved!.body}\n\nOne more thing.`);
    await page.getByRole('link', { name: 'Questions', exact: true }).click();
    await confirmDialog(page).getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL(`${product.url}/questions`);
    expect(await unloadCancelled()).toBe(false);
    await page.close();

    // A reader sees the theme's answer, formatted and harmless, on a question of the theme.
    const sibling = await one<{ id: string }>(
      sql`select q.id from questions q where q.theme_id = ${themeId}
          and not exists (select 1 from answers a where a.question_id = q.id) limit 1`,
    );
    for (const size of [WIDE, PHONE]) {
      const reader = await openAs('viewer@example.com', size);
      await reader.goto(`${product.url}/questions/${sibling!.id}`);
      await expect.poll(() => reader.getByText('Answered through its theme').count()).toBe(1);
      expect(await reader.getByText('Not answered yet.').count()).toBe(0);
      expect(await reader.locator('.through a').getAttribute('href')).toBe(`/themes/${themeId}`);
      const answer = reader.locator('.markdown');
      expect(await answer.locator('strong').innerText()).toBe('publish');
      expect(await answer.locator('li').count()).toBe(2);
      const link = answer.locator('a', { hasText: 'the questions' });
      expect(await link.getAttribute('href')).toBe('/questions');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      // What was typed as HTML reads as text; nothing of it runs or loads.
      expect(await answer.locator('img, script, [onerror]').count()).toBe(0);
      expect(await answer.innerText()).toContain('<img src="x"');
      expect(await answer.locator('a', { hasText: 'a trap' }).getAttribute('href')).toBeNull();
      expect(await reader.evaluate(() => (window as { __injected?: number }).__injected)).toBe(
        undefined,
      );
      expect(await reader.getByText('Owner').count()).toBeGreaterThan(0);
      expect(await reader.getByText('admin@example.com').count()).toBe(1);
      await shot(reader, 'question-theme-answer');
      await reader.close();
    }
  });

  it('asks before a merge, and before removing from a pack, which it can undo; exports the order on screen', async () => {
    const page = await openAs('editor@example.com');
    // Two live themes other than the answered one.
    const diversity = await themeOf(diversityQuestion);
    const liveThemes = sql`select t.id from themes t where t.retired_at is null and t.id <> ${diversity}
          and exists (select 1 from questions q where q.theme_id = t.id) order by t.id limit 2`;
    const themes = await rowsOf<{ id: string }>(liveThemes);
    expect(themes).toHaveLength(2);
    const [target, source] = themes.map((t) => t.id) as [string, string];

    await page.goto(`${product.url}/themes/${target}`);
    await page.getByLabel('Merge another theme into this one').selectOption(source);
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    expect(await confirmDialog(page).innerText()).toMatch(/retired/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const stillLive = await one<{ retired_at: string | null }>(
      sql`select retired_at from themes where id = ${source}`,
    );
    expect(stillLive!.retired_at).toBeNull();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await confirmDialog(page).getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => page.getByText(/^Merged “/).count()).toBe(1);
    const merged = await one<{ merged_into: string | null }>(
      sql`select merged_into from themes where id = ${source}`,
    );
    expect(merged!.merged_into).toBe(target);

    // A pack of three questions.
    const picked = await rowsOf<{ id: string; text: string }>(
      sql`select id, text from questions where text like 'Will the offsite%' order by text limit 3`,
    );
    const packId = await page.evaluate(
      async (ids) => {
        const created = await fetch('/api/packs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Winter all-hands', propose: false }),
        });
        const { pack } = (await created.json()) as { pack: { id: string } };
        await fetch(`/api/packs/${pack.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            items: ids.map((questionId, i) => ({ questionId, draftAnswer: `Draft **${i + 1}**` })),
          }),
        });
        return pack.id;
      },
      picked.map((q) => q.id),
    );
    await page.goto(`${product.url}/packs/${packId}`);
    const titles = () => page.locator('.entries h2 a').allInnerTexts();
    await expect.poll(titles).toEqual(picked.map((q) => q.text));

    // Remove asks first; cancelled, nothing changes; removed, Undo puts it back where it was.
    const second = picked[1]!.text;
    await page.getByRole('button', { name: `Remove ${second}` }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    expect(await confirmDialog(page).innerText()).toContain(second);
    await page.keyboard.press('Escape');
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(false);
    expect(await titles()).toEqual(picked.map((q) => q.text));
    await page.getByRole('button', { name: `Remove ${second}` }).click();
    await confirmDialog(page).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(titles).toEqual([picked[0]!.text, picked[2]!.text]);
    await shot(page, 'pack-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(titles).toEqual(picked.map((q) => q.text));
    expect(await page.locator('.save button').innerText()).toBe('Saved');

    // Reordered on screen and not saved: leaving asks, and an export saves first, in this order.
    await page.getByRole('button', { name: `Move ${picked[2]!.text} up` }).click();
    await page.getByRole('button', { name: `Move ${picked[2]!.text} up` }).click();
    const onScreen = await titles();
    expect(onScreen).toEqual([picked[2]!.text, picked[0]!.text, picked[1]!.text]);
    await page.getByRole('link', { name: '← Prep packs' }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe(`/packs/${packId}`);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export Markdown' }).click();
    const markdown = await downloaded(await download);
    expect([...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual(onScreen);
    expect(await page.locator('.save button').innerText()).toBe('Saved');
    const stored = await rowsOf<{ question_id: string }>(
      sql`select question_id from prep_pack_items where pack_id = ${packId} order by position`,
    );
    expect(stored.map((r) => r.question_id)).toEqual([picked[2]!.id, picked[0]!.id, picked[1]!.id]);
    await page.close();

    // A reader sees the drafts formatted.
    const reader = await openAs('viewer@example.com');
    await reader.goto(`${product.url}/packs/${packId}`);
    await expect
      .poll(() => reader.locator('.draft .markdown strong').allInnerTexts())
      .toEqual(['3', '1', '2']);
    await reader.close();
  });

  it('asks an admin before deleting a user or a category, undoes a roster removal, and imports a file once', async () => {
    const page = await openAs('admin@example.com');
    await page.goto(`${product.url}/admin`);

    // A user: cancelled, they stay; confirmed, they go.
    const removeLeaving = page.getByRole('button', { name: 'Remove leaving@example.com' });
    await removeLeaving.click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    expect(await confirmDialog(page).innerText()).toContain('leaving@example.com');
    await shot(page, 'admin-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const users = () =>
      rowsOf<{ email: string }>(sql`select email from users where email = 'leaving@example.com'`);
    expect(await users()).toHaveLength(1);
    await removeLeaving.click();
    await confirmDialog(page).getByRole('button', { name: 'Remove user' }).click();
    await expect.poll(() => page.getByText('leaving@example.com was removed.').count()).toBe(1);
    expect(await users()).toHaveLength(0);

    // A category: the dialog says how many questions lose it.
    await page.getByRole('button', { name: 'Delete category Offsites' }).click();
    await expect.poll(() => confirmDialog(page).isVisible()).toBe(true);
    expect(await confirmDialog(page).innerText()).toContain('6 questions will lose it');
    await confirmDialog(page).getByRole('button', { name: 'Delete category' }).click();
    await expect.poll(() => page.getByText('Category “Offsites” deleted.').count()).toBe(1);
    expect(await rowsOf(sql`select 1 from categories where slug = 'offsites'`)).toHaveLength(0);

    // A roster name removed by mistake comes back with Undo.
    const onRoster = () => rowsOf(sql`select 1 from roster_entries where name = 'Helga Brandt'`);
    await page.getByRole('button', { name: 'Remove Helga Brandt from the roster' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).count()).toBe(1);
    expect(await onRoster()).toHaveLength(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => page.getByText('“Helga Brandt” is back on the roster.').count())
      .toBe(1);
    expect(await onRoster()).toHaveLength(1);

    // An import: checked, then a double click on Import imports the file once.
    const rows = ['Is the night bus coming back?', 'Why is the canteen closed on Fridays?'];
    await page.getByLabel('File').setInputFiles({
      name: 'past.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        ['text,date,categories', ...rows.map((text) => `${text},2025-11-04,`)].join('\n'),
      ),
    });
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await expect.poll(() => importButton.isEnabled()).toBe(true);
    await importButton.dblclick();
    await expect.poll(() => page.getByText('Imported 2 questions.').count()).toBe(1);
    const imported = await rowsOf<{ n: number }>(
      sql`select count(*)::int as n from questions where text in (${rows[0]}, ${rows[1]})`,
    );
    expect(imported[0]!.n).toBe(2);
    const importAudits = await rowsOf<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'import'`,
    );
    expect(importAudits[0]!.n).toBe(1);
    // The file is done with: importing again needs choosing it again, and a new check.
    expect(await importButton.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Check (dry run)' }).isDisabled()).toBe(true);
    await page.close();
    await product.app.themeJobIdle();
  });

  it('shows the digest of the last complete quarter by default, any chosen period, and its file', async () => {
    const page = await openAs('viewer@example.com');
    await page.getByRole('link', { name: 'Digest' }).click();
    await page.waitForURL(`${product.url}/digest`);
    expect(await page.getByRole('link', { name: 'Digest' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await expect.poll(() => page.locator('#period').inputValue()).toBe(lastCompleteQuarter());
    await expect
      .poll(() => page.getByRole('heading', { name: /^What people asked, / }).count())
      .toBe(1);

    // The essay's spring: picked by its URL, shown as the server counts it.
    await page.goto(`${product.url}/digest?period=2015-Q2`);
    const served = await page.evaluate(async () =>
      (await fetch('/api/digest?period=2015-Q2&format=json')).json(),
    );
    await expect
      .poll(() =>
        page.getByRole('heading', { name: `What people asked, ${served.period.label}` }).count(),
      )
      .toBe(1);
    expect(await page.locator('.summary').innerText()).toBe(
      `${served.questions.display} questions from ${served.meetings.display} meetings.`,
    );
    const rows = await page
      .locator('[aria-labelledby="categories-title"] tbody tr')
      .allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(
      served.categories.map((c: { name: string; display: string }) => `${c.name} ${c.display}`),
    );
    await shot(page, 'digest');

    const file = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download Markdown' }).click();
    const markdown = await downloaded(await file);
    expect(markdown).toMatch(/^# /);
    expect(markdown).toContain(served.period.label);

    // Another period from the picker: the URL follows it.
    await page.locator('#period').selectOption({ index: 1 });
    await page.waitForURL((url) => (url.searchParams.get('period') ?? '2015-Q2') !== '2015-Q2');
    const chosen = new URL(page.url()).searchParams.get('period');
    expect(await page.locator('#period').inputValue()).toBe(chosen);

    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Questions as CSV' }).click();
    expect((await downloaded(await csv)).split('\n')[0]).toContain('text');
    await page.close();
  });

  it('fits every page on a phone: no sideways scroll, readable charts, menus and buttons inside', async () => {
    const themeId = await themeOf(diversityQuestion);
    const question = await one<{ id: string }>(
      sql`select id from questions where text = ${diversityQuestion}`,
    );
    const pack = await one<{ id: string }>(
      sql`select id from prep_packs where name = 'Spring all-hands'`,
    );
    const pages = [
      ['capture', '/'],
      ['dashboard', '/dashboard'],
      ['search', '/search?q=offsite'],
      ['questions', '/questions'],
      ['question', `/questions/${question!.id}`],
      ['theme', `/themes/${themeId}`],
      ['packs', '/packs'],
      ['pack', `/packs/${pack!.id}`],
      ['digest', '/digest?period=2015-Q2'],
      ['admin', '/admin'],
      ['account', '/account'],
    ] as const;
    for (const size of [PHONE, WIDE]) {
      const page = await openAs('admin@example.com', size);
      for (const [name, where] of pages) {
        await page.goto(`${product.url}${where}`);
        await page.waitForLoadState('networkidle');
        await shot(page, `page-${name}`);
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - window.innerWidth,
          // Visible buttons and button-like links wholly inside the screen.
          buttons: [...document.querySelectorAll<HTMLElement>('button, a.button, select')]
            .filter((el) => el.offsetParent !== null && !el.closest('.scroll, .table-scroll'))
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((el) => el.textContent?.trim() || el.id),
        }));
        expect({ name, ...overflow }).toEqual({ name, page: 0, buttons: [] });
      }

      // The admin's role menus show their value: wide enough for "Editor" and the arrow.
      await page.goto(`${product.url}/admin`);
      await page.waitForLoadState('networkidle');
      const menus = await page.locator('select[id^="role-"]').evaluateAll((selects) =>
        selects.map((s) => ({
          width: s.getBoundingClientRect().width,
          text: (s as HTMLSelectElement).selectedOptions[0]?.text ?? '',
        })),
      );
      expect(menus.length).toBeGreaterThan(1);
      for (const menu of menus) expect(menu.width).toBeGreaterThanOrEqual(110);

      // The dashboard's table scrolls in its own box, and the chart's text stays readable.
      await page.goto(`${product.url}/dashboard`);
      await page.waitForLoadState('networkidle');
      const dashboard = await page.evaluate(() => {
        const box = document.querySelector<HTMLElement>('.table-scroll');
        const ticks = [...document.querySelectorAll<SVGTextElement>('.chart text')];
        const sizes = ticks.map((t) => {
          const svg = t.ownerSVGElement!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        });
        return {
          scrolls: box ? getComputedStyle(box).overflowX : null,
          inside: box ? box.getBoundingClientRect().right <= window.innerWidth : false,
          ticks: ticks.length,
          smallest: Math.min(...sizes),
        };
      });
      expect(dashboard.scrolls).toBe('auto');
      expect(dashboard.inside).toBe(true);
      expect(dashboard.ticks).toBeGreaterThan(0);
      expect(dashboard.smallest).toBeGreaterThanOrEqual(11);

      // Search's and the question list's filters wait behind a toggle on a phone, so the first
      // result is near the top; on a wide screen they are simply there.
      for (const [where, first, filter] of [
        ['/search?q=offsite', '.hit', '#sort'],
        ['/questions', '.list .item', '#filter-category'],
      ] as const) {
        await page.goto(`${product.url}${where}`);
        await page.waitForLoadState('networkidle');
        await expect.poll(() => page.locator(first).count()).toBeGreaterThan(0);
        const toggle = page.getByRole('button', { name: /^Filters/ });
        if (size === PHONE) {
          expect(await page.locator(filter).isVisible()).toBe(false);
          // The first result is on the first screen, its text readable without scrolling.
          const top = await page.locator(first).first().boundingBox();
          expect({ where, onFirstScreen: top!.y + 100 < size.height }).toEqual({
            where,
            onFirstScreen: true,
          });
          await toggle.click();
          expect(await page.locator(filter).isVisible()).toBe(true);
          expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        } else {
          expect(await toggle.isVisible()).toBe(false);
          expect(await page.locator(filter).isVisible()).toBe(true);
        }
      }
      await page.close();
    }
  });
});
