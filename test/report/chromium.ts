/**
 * Headless Chromium for the HTML report's end-to-end tests (Debian's `chromium`, installed by .ci/run): where it
 * is, how it is started, and a page opened from a file that records console errors, network requests and
 * Content-Security-Policy violations from the first byte on.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** The `describe` option that skips a suite, saying why, where Chromium is not installed. */
export const SKIP_WITHOUT_CHROMIUM = {
  skip: executablePath ? false : 'chromium is not installed (.ci/run installs it)',
} as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

export interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly violations: () => Promise<string[]>;
}

/** Writes `html` to `dir/name` and opens it, at `viewport` when given. */
export async function openHtml(
  browser: Browser,
  dir: string,
  name: string,
  html: string,
  viewport?: { readonly width: number; readonly height: number },
): Promise<OpenedPage> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await browser.newPage(viewport ? { viewport } : {});
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
  // Injected by the browser's debugging protocol, so the page's own policy does not block the listener.
  await page.addInitScript({
    content:
      'globalThis.cspViolations = []; document.addEventListener("securitypolicyviolation", ' +
      '(e) => globalThis.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));',
  });
  await page.goto(pathToFileURL(file).href);
  return {
    page,
    errors,
    requests,
    violations: () =>
      page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/**
 * A full-page screenshot, tried again when Chromium answers "Unable to capture screenshot". That answer means
 * the compositor handed back no frame, which happens now and then on a loaded machine (an open upstream bug,
 * puppeteer/puppeteer#5341); it says nothing about the page, so another try is fair. Any other error, or a
 * third refusal, fails the test.
 */
export async function fullPageScreenshot(page: Page, attempts = 3): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.screenshot({ fullPage: true });
    } catch (error) {
      const refused = error instanceof Error && error.message.includes('Unable to capture screenshot');
      if (!refused || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
