// Debian's Chromium for the browser tests, launched the way this machine needs, a watch on every
// page a test opens for uncaught errors and console errors, and what every suite does on a page:
// sign in through the form, keep a screenshot, check accessibility with axe.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORD } from '@kb/api/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser tests.`);
  console.warn(
    `\n!!! No Chromium at ${CHROMIUM}: the browser tests are SKIPPED. apt-get install chromium\n`,
  );
}

/** Headless, and quiet on the network: the machine refuses every connection but loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** Collects what went wrong on the pages it opened; a test reads and clears it with `take()`. */
export class PageErrors {
  private errors: string[] = [];

  async open(browser: Browser, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      // A 4xx the test provokes on purpose shows up as a failed load; anything else is a fault.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.errors.push(message.text());
      }
    });
    return page;
  }

  take(): string[] {
    const errors = this.errors;
    this.errors = [];
    return errors;
  }
}

/**
 * One Chromium for the tests of a file: launched before them and closed after them, with every page
 * it opens watched, so that a test that leaves an uncaught or console error on any page fails.
 * Called after the file's own set-up hooks, it launches once the product is up and closes first.
 * Returns how a test opens a page of the given viewport.
 */
export function useChromium(): (width: number, height: number) => Promise<Page> {
  let browser: Browser | undefined;
  const pageErrors = new PageErrors();
  beforeAll(async () => {
    if (haveBrowser) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(pageErrors.take()).toEqual([]);
  });
  return (width, height) => {
    if (!browser) throw new Error('Chromium is not running: open pages inside a test');
    return pageErrors.open(browser, width, height);
  };
}

const artifacts = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../artifacts/screenshots',
);

/** Keeps the whole page as `artifacts/screenshots/<name>.png`, for a person to look over. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

let axeSource: string | undefined;

/**
 * Runs axe-core on the page as it stands and lists its serious and critical violations as readable
 * lines; an axe run that checked nothing is an error, not a clean page.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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

/** A page a test has reached, once it has settled: kept as a screenshot, and checked with axe. */
export async function reviewPage(page: Page, name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  return accessibilityProblems(page);
}

/** Signs in through the login form the page shows, and waits until the app has moved on from it. */
export async function submitSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Opens the sign-in page of the product at `url` and signs in there, as a person would. */
export async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/login`);
  await submitSignIn(page, email);
}
