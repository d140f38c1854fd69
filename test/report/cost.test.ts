/** The estimate in the reports: the JSON report carries it (valid against the schema), the HTML shows it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CostEstimate } from '../../src/cost/index.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Report } from '../../src/report/model.js';
import { SAMPLE_REPORT } from './sample-report.js';
import { reportValidator } from './schema-validators.js';

const COST: CostEstimate = {
  currency: 'USD',
  priceTable: { date: '2026-11-30', source: 'hand-written for the test', regions: ['us-east-1'] },
  assumptions: [{ name: 'hoursPerMonth', value: 730, description: 'Hours each always-on resource runs.' }],
  resources: [
    {
      id: 'app/Cluster',
      type: 'AWS::EKS::Cluster',
      environment: 'prod',
      region: 'us-east-1',
      outcome: {
        status: 'priced',
        monthly: 73,
        lines: [
          {
            item: 'eks.clusterHour',
            description: 'EKS cluster',
            quantity: 730,
            unit: 'hour',
            unitPrice: 0.1,
            monthly: 73,
          },
        ],
      },
    },
    {
      id: 'app/Db',
      type: 'AWS::RDS::DBInstance',
      environment: 'prod',
      region: 'us-east-1',
      outcome: { status: 'unpriced', reason: 'the price table has no price for AWS::RDS::DBInstance' },
    },
  ],
  environments: [{ name: 'prod', region: 'us-east-1', monthly: 73, unpriced: ['app/Db'] }],
  controls: [{ ruleId: 'VF-EKS-001', resources: ['app/Cluster'], monthly: 73, unpriced: [] }],
  total: { monthly: 73, unpriced: ['app/Db'] },
};
const REPORT: Report = { ...SAMPLE_REPORT, cost: COST };

describe('the cost in the reports', () => {
  it('is carried by the JSON report, valid against docs/report.schema.json', () => {
    const validate = reportValidator();
    const json = JSON.parse(renderReport(REPORT, 'json')) as {
      cost: { resources: { outcome: unknown }[] };
    };
    assert.ok(validate(json), JSON.stringify(validate.errors));
    assert.deepEqual(json.cost, COST);
    (json.cost.resources[1] as { outcome: unknown }).outcome = { status: 'free' };
    assert.equal(validate(json), false, 'a free resource states why');
  });

  it('is shown in the HTML report: per environment, per control, unpriced and assumed', () => {
    const html = renderReport(REPORT, 'html');
    assert.match(html, /<section id="cost"><h2>Cost<\/h2>/);
    assert.match(
      html,
      /<tr><td>prod<\/td><td>us-east-1<\/td><td class="num">\$73\.00<\/td><td class="num">1<\/td><\/tr>/,
    );
    assert.match(
      html,
      /<tr id="cost-VF-EKS-001"><td><code>VF-EKS-001<\/code><\/td><td>[^<]+<\/td><td>.*fail.*<\/td><td class="num">\$73\.00<\/td>/,
    );
    assert.match(
      html,
      /<li><code>app\/Db<\/code> \(AWS::RDS::DBInstance\): the price table has no price for AWS::RDS::DBInstance<\/li>/,
    );
    assert.match(html, /Cost of this control: \$73\.00 a month over 1 resources/);
    assert.match(html, /<code>hoursPerMonth<\/code><\/td><td class="num">730<\/td>/);
  });

  it('is left out of the HTML report when the run has no estimate', () => {
    assert.doesNotMatch(renderReport(SAMPLE_REPORT, 'html'), /id="cost"/);
  });
});
