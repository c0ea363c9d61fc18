// Debian's Chromium for the browser tests, launched the way this machine needs, and a watch on
// every page a test opens for uncaught errors and console errors.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
