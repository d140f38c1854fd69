/**
 * End to end: the HTML report opened in real headless Chromium (Debian's `chromium`, installed by .ci/run)
 * shows its verdict, summary and findings with its styles applied, logs no console error, reports no
 * Content-Security-Policy violation and makes no network request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { renderReport } from '../../src/report/format/index.js';
import { launchChromium, openHtml, SKIP_WITHOUT_CHROMIUM } from './chromium.js';
import { SAMPLE_REPORT } from './sample-report.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-html-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const open = (browser: Browser, name: string, html: string) => openHtml(browser, dir, name, html);

describe('HTML report in headless Chromium', SKIP_WITHOUT_CHROMIUM, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  it('renders the verdict, summary counts, findings and flows without errors, violations or requests', async () => {
    const { page, errors, requests, violations } = await open(
      browser,
      'report.html',
      renderReport(SAMPLE_REPORT, 'html'),
    );
    assert.equal(await page.title(), 'vectorfort report: fail');
    assert.equal((await page.locator('h1 .verdict').innerText()).trim(), 'FAIL');
    const summary = await page.locator('#summary').innerText();
    assert.match(summary, /4\s*fail/);
    assert.match(summary, /1\s*unknown/);
    assert.ok(await page.getByText('EKS API endpoint is private').first().isVisible());
    assert.ok(await page.locator('#coverage table').first().isVisible());
    assert.ok(await page.locator('#flows svg.flow-diagram').isVisible());
    assert.equal(await page.locator('#flows td.bad').count(), 1);
    // Both style sheets apply under the policy: the page's (the verdict badge) and the diagram's.
    const badge = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("h1 .verdict")).backgroundColor',
    );
    assert.equal(badge, 'rgb(198, 40, 40)');
    const band = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("#flows svg.flow-diagram rect.band0")).fill',
    );
    assert.equal(band, 'rgb(246, 248, 250)');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });

  it('reports a violation for a style sheet the policy does not name, so the check above can fail', async () => {
    const tampered = renderReport(SAMPLE_REPORT, 'html').replace(
      '</head>',
      '<style>h1{color:red}</style></head>',
    );
    const { violations, errors } = await open(browser, 'tampered.html', tampered);
    assert.deepEqual(await violations(), ['style-src-elem inline']);
    assert.ok(
      errors.some((e) => /Content Security Policy/.test(e)),
      errors.join('\n'),
    );
  });
});
