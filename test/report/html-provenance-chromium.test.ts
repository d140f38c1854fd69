/**
 * The HTML report's provenance and acknowledgement sections, and an evidence bundle's requirement page,
 * opened in real headless Chromium (Debian's `chromium`, installed by .ci/run): visible, carrying the digests,
 * commit, CI run, API calls and statuses, styled under the page's Content-Security-Policy, with no console
 * error, no violation and no request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { requirementHtml } from '../../src/report/evidence/render.js';
import { requirementRows } from '../../src/report/evidence/requirement-table.js';
import { renderReport } from '../../src/report/format/index.js';
import { launchChromium, openHtml, SKIP_WITHOUT_CHROMIUM } from './chromium.js';
import { EVIDENCE_REPORT } from './evidence-report.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-html-provenance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const open = (browser: Browser, name: string, html: string) => openHtml(browser, dir, name, html);

describe('evidence sections in headless Chromium', SKIP_WITHOUT_CHROMIUM, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  it('shows the provenance section with the digests, times, commit, CI run and API calls', async () => {
    const { page, errors, requests, violations } = await open(
      browser,
      'report.html',
      renderReport(EVIDENCE_REPORT, 'html'),
    );
    const section = page.locator('#provenance');
    assert.ok(await section.isVisible());
    const text = await section.innerText();
    assert.match(text, new RegExp(`Control catalog\\s+${'a'.repeat(64)} \\(127 controls\\)`));
    assert.match(text, new RegExp(`Flow spec\\s+${'d'.repeat(64)}`));
    assert.match(text, /Started\s+2026-12-07T00:00:00\.000Z/);
    assert.match(text, /Finished\s+2026-12-07T00:00:02\.500Z/);
    assert.match(
      text,
      /0123456789abcdef0123456789abcdef01234567 on main in https:\/\/github\.example\/acme\/platform/,
    );
    assert.match(text, /github-actions run 42/);
    assert.equal(await section.locator('table.input-digests tr').count(), 2);
    assert.match(
      await section.locator('table.input-digests').innerText(),
      new RegExp(`app\\.template\\.json\\s+1234\\s+${'b'.repeat(64)}`),
    );
    assert.match(text, /API calls \(2\)/);
    assert.match(text, /GetBucketPolicy\s+eu-west-1\s+2026-12-07T00:00:01\.200Z\s+AccessDenied/);
    // The page's style sheet applies to the new tables under the policy.
    const th = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("#provenance table.provenance th")).backgroundColor',
    );
    assert.equal(th, 'rgb(246, 248, 250)');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });

  it('shows every acknowledgement with its status, open when one lapsed, and the lapsed one on its finding', async () => {
    const { page, errors, violations } = await open(
      browser,
      'acks.html',
      renderReport(EVIDENCE_REPORT, 'html'),
    );
    const section = page.locator('#acknowledgement-status');
    assert.ok(await section.locator('table').isVisible(), 'folded open because one has lapsed');
    assert.match(
      await section.innerText(),
      /1 lapsed \(their findings fail again\), 1 expiring within 30 days, 1 stale/,
    );
    const rows = section.locator('tr.st-fail');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.innerText(), /lapsed\s+VF-DATA-013[\s\S]*data team\s+2026-11-30/);
    assert.ok(
      await page
        .getByText(/Acknowledgement lapsed on 2026-11-30/)
        .first()
        .isVisible(),
    );
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
  });

  it('renders a requirement page of the bundle under its own policy', async () => {
    const html = requirementHtml('soc2', requirementRows(EVIDENCE_REPORT, 'soc2'));
    const { page, errors, requests, violations } = await open(browser, 'soc2.html', html);
    assert.match(await page.locator('h1').innerText(), /SOC 2/);
    assert.ok((await page.locator('tr').count()) > 10);
    const manual = await page.locator('tr.manual').count();
    assert.ok(manual >= 1, 'SOC 2 has manual requirements');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
});
