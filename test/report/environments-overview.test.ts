/**
 * The page over every environment of a blueprint: the verdict over all of them, the cross-environment findings,
 * controls side by side with the rows where environments differ, cost per control per environment, and the
 * flows grouped by environment. Checked as markup, as its JSON twin, and in headless Chromium (Debian's
 * `chromium`, installed by .ci/run) at desktop and laptop widths: no sideways scroll, filters work with no script,
 * the page's policy blocks nothing it needs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { summarize, verdictOf, type Finding, type FlowResult } from '../../src/findings/index.js';
import {
  overallStatus,
  renderEnvironmentsHtml,
  type EnvironmentsOverview,
} from '../../src/report/format/environments-html.js';
import { renderEnvironmentsJson } from '../../src/report/format/environments-json.js';
import type { CostEstimate } from '../../src/cost/types.js';
import type { Report } from '../../src/report/model.js';
import { launchChromium, openHtml, SKIP_WITHOUT_CHROMIUM } from './chromium.js';
import { SAMPLE_REPORT } from './sample-report.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-envs-overview-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const finding = (ruleId: string, status: Finding['status'], id = 'stack/Resource'): Finding => ({
  ruleId,
  title: `title of ${ruleId}`,
  severity: 'high',
  status,
  resource: { type: 'AWS::S3::Bucket', id },
  message: `${ruleId} is ${status}`,
  frameworks: {},
});

const flowsOf = (env: string, count: number, wrong = 0): FlowResult[] =>
  Array.from({ length: count }, (_, i) => ({
    from: `${env}-a-component-with-a-long-name-${i % 7}`,
    to: `${env}-weaviate/weaviate-${i}`,
    port: 8080 + (i % 3),
    protocol: 'tcp' as const,
    expected: 'allowed' as const,
    verdict: i < wrong ? ('denied' as const) : ('allowed' as const),
    reason: 'intended flow',
  }));

function costOf(monthly: number): CostEstimate {
  return {
    currency: 'USD',
    priceTable: { date: '2026-11-30', source: 'test table', regions: ['eu-west-1'] },
    assumptions: [],
    resources: [],
    environments: [{ name: 'env', region: 'eu-west-1', monthly, unpriced: [] }],
    controls: [{ ruleId: 'VF-NET-001', monthly, resources: ['stack/Nat'], unpriced: [] }],
    total: { monthly, unpriced: [] },
  };
}

function reportOf(findings: Finding[], flows: FlowResult[], monthly?: number): Report {
  const { cost: _none, ...base } = SAMPLE_REPORT;
  return {
    ...base,
    findings,
    flows,
    summary: summarize(findings),
    verdict: verdictOf(findings, flows, { failOn: 'info' }),
    ...(monthly !== undefined ? { cost: costOf(monthly) } : {}),
  };
}

const OVERVIEW: EnvironmentsOverview = {
  name: 'vectors',
  environments: [
    {
      name: 'dev',
      preset: 'development',
      account: '222222222222',
      region: 'eu-west-1',
      vpcCidr: '10.10.0.0/16',
      reportHref: 'dev/report.html',
      // Development is weaker: the bucket control fails there and passes elsewhere.
      report: reportOf(
        [finding('VF-NET-001', 'pass'), finding('VF-DATA-001', 'fail')],
        flowsOf('dev', 400, 3),
        100,
      ),
    },
    {
      name: 'staging',
      preset: 'staging',
      account: '333333333333',
      region: 'eu-west-1',
      vpcCidr: '10.20.0.0/16',
      reportHref: 'staging/report.html',
      report: reportOf(
        [finding('VF-NET-001', 'pass'), finding('VF-DATA-001', 'pass')],
        flowsOf('staging', 400),
        250,
      ),
    },
    {
      name: 'prod',
      preset: 'production',
      account: '444444444444',
      region: 'us-east-1',
      vpcCidr: '10.30.0.0/16',
      reportHref: 'prod/report.html',
      report: reportOf(
        [finding('VF-NET-001', 'pass'), finding('VF-DATA-001', 'pass'), finding('VF-EXTRA-001', 'unknown')],
        flowsOf('prod', 400),
      ),
    },
  ],
  cross: [
    finding('VF-ENV-002', 'pass', 'prod (vectorfort-vectors-prod)'),
    finding('VF-ENV-001', 'not-applicable', 'staging'),
  ],
};

describe('the environments overview', () => {
  const html = renderEnvironmentsHtml(OVERVIEW);

  it('fails over all environments when one fails, and is incomplete when one only has unknowns', () => {
    assert.equal(overallStatus(OVERVIEW), 'fail');
    const withoutDev = { ...OVERVIEW, environments: OVERVIEW.environments.slice(1) };
    assert.equal(overallStatus(withoutDev), 'incomplete');
    assert.equal(overallStatus({ ...OVERVIEW, environments: [OVERVIEW.environments[1]!] }), 'pass');
    assert.match(html, /<span class="verdict fail">FAIL<\/span>/);
  });

  it('lists each environment with its account, range, counts and cost, and links its report', () => {
    assert.match(html, /<a href="dev\/report.html">dev<\/a>/);
    assert.match(html, /<code>444444444444<\/code><\/td><td>us-east-1<\/td><td><code>10.30.0.0\/16<\/code>/);
    assert.match(html, /\$250\.00/);
    assert.match(html, /not estimated/, 'prod has no estimate and says so rather than showing $0');
  });

  it('shows the evaluated cross-environment findings and leaves out the not applicable', () => {
    assert.match(html, /Across environments \(1\)/);
    assert.match(html, /VF-ENV-002/);
    assert.doesNotMatch(html, /VF-ENV-001/);
  });

  it('marks the controls whose outcome differs between environments', () => {
    const rows = [...html.matchAll(/<tr class="(ctl[^"]*)"><td><code>([^<]+)<\/code>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    assert.deepEqual(rows, [
      ['VF-DATA-001', 'ctl differ failing'],
      ['VF-EXTRA-001', 'ctl differ failing'],
      ['VF-NET-001', 'ctl'],
    ]);
    assert.match(html, /differing between environments \(2\)/);
  });

  it('is escaped and loads nothing', () => {
    const hostile = renderEnvironmentsHtml({
      ...OVERVIEW,
      name: '<script>alert(1)</script>',
    });
    assert.doesNotMatch(hostile, /<script>/);
    assert.match(hostile, /default-src 'none'/);
  });

  it('has a JSON twin with each environment’s verdict, counts, cost and report path', () => {
    const doc = JSON.parse(renderEnvironmentsJson(OVERVIEW, '1.2.3')) as {
      verdict: string;
      environments: {
        name: string;
        report: string;
        flowsNotAsIntended: number;
        monthlyCost?: { total: number };
      }[];
      cross: { ruleId: string }[];
    };
    assert.equal(doc.verdict, 'fail');
    assert.deepEqual(
      doc.environments.map((e) => [e.name, e.report, e.flowsNotAsIntended, e.monthlyCost?.total]),
      [
        ['dev', 'dev/report.json', 3, 100],
        ['staging', 'staging/report.json', 0, 250],
        ['prod', 'prod/report.json', 0, undefined],
      ],
    );
    assert.deepEqual(
      doc.cross.map((f) => f.ruleId),
      ['VF-ENV-002'],
    );
  });
});

const visible = (page: Page, selector: string) =>
  page.$$eval(
    selector,
    (rows) => rows.filter((r) => (r as unknown as { offsetParent: unknown }).offsetParent !== null).length,
  );

describe('the environments overview in headless Chromium', SKIP_WITHOUT_CHROMIUM, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const width of [1400, 1024])
    it(`never scrolls sideways at ${width} px, and filters by environment, verdict and difference`, async () => {
      const { page, errors, violations } = await openHtml(
        browser,
        dir,
        `overview-${width}.html`,
        renderEnvironmentsHtml(OVERVIEW),
        { width, height: 900 },
      );
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);

      assert.equal(await visible(page, '#flows tr.flow'), 1200);
      await page.click('label[for="fe-1"]');
      assert.equal(await visible(page, '#flows tr.flow'), 400, 'staging only');
      await page.click('label[for="fe-all"]');
      await page.click('label[for="fv-bad"]');
      assert.equal(await visible(page, '#flows tr.flow'), 3, 'the three flows of dev not as intended');

      assert.equal(await visible(page, '#controls tr.ctl'), 3);
      await page.click('label[for="cv-differ"]');
      assert.equal(await visible(page, '#controls tr.ctl'), 2);

      await page.click('label[for="ce-0"]');
      assert.equal(await visible(page, '#cost th.c'), 1, 'one environment’s cost column');

      assert.deepEqual(errors, []);
      assert.deepEqual(await violations(), []);
      await page.close();
    });
});
