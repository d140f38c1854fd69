/**
 * End to end: the HTML report opened in real headless Chromium (Debian's `chromium`, installed by .ci/run)
 * shows its verdict, summary and findings, logs no console error and makes no network request.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { renderReport } from '../../src/report/format/index.js';
import { SAMPLE_REPORT } from './sample-report.js';

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'vectorfort-html-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe(
  'HTML report in headless Chromium',
  { skip: executablePath ? false : 'chromium is not installed (.ci/run installs it)' },
  () => {
    it('renders the verdict, summary counts, findings and flows without errors or requests', async () => {
      const file = join(dir, 'report.html');
      writeFileSync(file, renderReport(SAMPLE_REPORT, 'html'));
      const browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
        await page.goto(pathToFileURL(file).href);

        assert.equal(await page.title(), 'vectorfort report: fail');
        assert.equal((await page.locator('h1 .verdict').innerText()).trim(), 'FAIL');
        const summary = await page.locator('#summary').innerText();
        assert.match(summary, /4\s*fail/);
        assert.match(summary, /1\s*unknown/);
        assert.ok(await page.getByText('EKS API endpoint is private').first().isVisible());
        assert.ok(await page.locator('#coverage table').first().isVisible());
        assert.ok(await page.locator('#flows svg.flow-diagram').isVisible());
        assert.equal(await page.locator('#flows td.bad').count(), 1);
        assert.deepEqual(errors, []);
        assert.deepEqual(requests, []);
      } finally {
        await browser.close();
      }
    });
  },
);
