/**
 * End to end in headless Chromium (Debian's `chromium`, installed by .ci/run): the HTML report of a large input
 * (48 components in four tiers, hundreds of flows) at desktop (1400 px) and laptop (1024 px) widths. The page
 * never scrolls sideways (checked in the layout and in a full-page screenshot's width), the matrix scrolls in
 * its own frame with its headers held in place, the filters and the zoom work without any script, and the
 * page's policy blocks nothing it needs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { summarize, verdictOf, type FlowResult } from '../../src/findings/index.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Report } from '../../src/report/model.js';
import { fullPageScreenshot, launchChromium, openHtml, SKIP_WITHOUT_CHROMIUM } from './chromium.js';
import { SAMPLE_REPORT } from './sample-report.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-html-size-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TIERS = ['public', 'application', 'data', 'endpoints'];
const components = Array.from({ length: 48 }, (_, i) => ({
  id: `${TIERS[i % 4]}-namespace/a-component-with-a-rather-long-name-${String(i).padStart(2, '0')}`,
  tier: TIERS[i % 4]!,
  description: `component ${i}`,
}));
const flows: FlowResult[] = components.flatMap((from, i) =>
  Array.from({ length: 10 }, (_, k) => {
    const to = components[(i + k + 1) % components.length]!;
    const expected = k % 3 === 0 ? 'allowed' : 'denied';
    // One flow in 37 differs from the intent, so the "not as intended" filter has something to show.
    const verdict = (i * 10 + k) % 37 === 0 ? (expected === 'allowed' ? 'denied' : 'allowed') : expected;
    return {
      from: from.id,
      to: to.id,
      port: 8000 + k,
      protocol: 'tcp' as const,
      expected,
      verdict,
      reason: 'intended flow',
      ...(verdict === 'allowed'
        ? { path: [{ node: from.id, rule: `SecurityGroup egress to ${to.id} on tcp ${8000 + k}` }] }
        : {
            blockedBy: [
              { node: to.id, rule: 'NetworkPolicy default-deny-ingress-in-every-namespace-we-create' },
            ],
          }),
    };
  }),
);
const LARGE: Report = {
  ...SAMPLE_REPORT,
  flows,
  components,
  summary: summarize(SAMPLE_REPORT.findings),
  verdict: verdictOf(SAMPLE_REPORT.findings, flows, { failOn: 'info' }),
};

/** The width of a PNG image, from its IHDR chunk. */
const pngWidth = (png: Buffer): number => png.readUInt32BE(16);

const open = (browser: Browser, width: number) =>
  openHtml(browser, dir, `report-${width}.html`, renderReport(LARGE, 'html'), { width, height: 900 });

const visibleFlowRows = (page: Page) =>
  page.$$eval('#flows .flows-frame tr.flow', (rows) =>
    rows
      .filter((r) => (r as unknown as { offsetParent: unknown }).offsetParent !== null)
      .map((r) => r.className),
  );

describe('the HTML report at any size, in headless Chromium', SKIP_WITHOUT_CHROMIUM, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const width of [1400, 1024])
    it(`never scrolls the page sideways at ${width} px; the matrix scrolls in its own frame`, async () => {
      const { page, errors, violations } = await open(browser, width);
      // Evaluated in the page (given as text: this file is compiled without the DOM's types).
      const layout = (await page.evaluate(
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      )) as { scrollWidth: number; clientWidth: number };
      assert.ok(
        layout.scrollWidth <= layout.clientWidth,
        `page is ${layout.scrollWidth} px wide in ${layout.clientWidth}`,
      );
      const shot = await fullPageScreenshot(page);
      assert.equal(pngWidth(shot), width, 'the full-page screenshot is as wide as the window');

      const frame = page.locator('.matrix-frame');
      const sizes = await frame.evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        height: el.scrollHeight,
        view: el.clientHeight,
      }));
      assert.ok(
        sizes.scroll > sizes.client,
        'a 48-component matrix is wider than its frame and scrolls inside it',
      );
      assert.ok(sizes.height > sizes.view, 'and taller');
      await frame.evaluate((el) => {
        el.scrollTop = 400;
        el.scrollLeft = 600;
      });
      const held = (await page.evaluate(`(() => {
          const f = document.querySelector('.matrix-frame').getBoundingClientRect();
          const col = document.querySelector('.matrix thead th.col').getBoundingClientRect();
          const row = document.querySelector('.matrix tbody th.rowhead').getBoundingClientRect();
          return { frameTop: f.top, headTop: col.top, frameLeft: f.left, rowLeft: row.left };
        })()`)) as { frameTop: number; headTop: number; frameLeft: number; rowLeft: number };
      assert.ok(
        Math.abs(held.headTop - held.frameTop) <= 2,
        `column headers stay at the top (${held.headTop} vs ${held.frameTop})`,
      );
      assert.ok(
        Math.abs(held.rowLeft - held.frameLeft) <= 2,
        `row headers stay at the left (${held.rowLeft} vs ${held.frameLeft})`,
      );
      assert.deepEqual(errors, []);
      assert.deepEqual(await violations(), []);
      await page.close();
    });

  it('filters the flows by verdict and by source tier, and zooms the diagram, with no script', async () => {
    const { page, violations } = await open(browser, 1024);
    const all = await visibleFlowRows(page);
    assert.equal(all.length, flows.length);

    await page.click('label[for="fv-bad"]');
    const bad = await visibleFlowRows(page);
    const expectedBad = flows.filter((f) => f.verdict !== f.expected).length;
    assert.ok(expectedBad > 0);
    assert.equal(bad.length, expectedBad);
    assert.ok(bad.every((c) => c.split(' ').includes('bad')));

    await page.click('label[for="fv-all"]');
    await page.click('label[for="ft-2"]');
    const dataTier = await visibleFlowRows(page);
    assert.equal(dataTier.length, flows.filter((f) => f.from.startsWith('data-')).length);
    const matrixRows = await page.$$eval('.matrix tr.r', (rows) =>
      rows
        .filter((r) => (r as unknown as { offsetParent: unknown }).offsetParent !== null)
        .map((r) => r.querySelector('th')!.textContent),
    );
    assert.equal(matrixRows.length, 12);
    assert.ok(matrixRows.every((id) => id!.startsWith('data-')));

    const svgWidth = () => page.$eval('.diagram svg', (svg) => svg.getBoundingClientRect().width);
    const natural = Number(await page.$eval('.diagram svg', (svg) => svg.getAttribute('width')));
    const fitted = await svgWidth();
    await page.click('label[for="zoom-2"]');
    assert.equal(await svgWidth(), 2 * natural);
    await page.click('label[for="zoom-fit"]');
    assert.equal(await svgWidth(), fitted);
    const layout = (await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )) as number;
    assert.ok(layout <= 0, 'zooming the diagram scrolls its frame, not the page');
    assert.deepEqual(await violations(), []);
    await page.close();
  });
});
