/**
 * `vectorfort cost` end to end: the built CLI synthesizes a blueprint offline and prints the estimate, per
 * environment and per control, with its assumptions; bad input (a region the table lacks, a damaged table, an
 * unknown assumption) exits 2 with the file and the place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CostEstimate } from '../../src/cost/index.js';
import { root, vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-cli-cost-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('vectorfort cost', () => {
  it('prints the estimate of the development example as JSON, each resource priced in eu-west-1', () => {
    const run = vectorfort('cost', '--blueprint', 'examples/development.yaml', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const estimate = JSON.parse(run.stdout) as CostEstimate;
    assert.deepEqual(
      estimate.environments.map((e) => [e.name, e.region]),
      [['weaviate-dev', 'eu-west-1']],
    );
    const nat = estimate.resources.filter((r) => r.type === 'AWS::EC2::NatGateway');
    assert.equal(nat.length, 1, 'the development preset has one NAT gateway');
    assert.equal(nat[0]!.outcome.status, 'priced');
    // 730 hours × 0.048 + 100 GB × 0.048 in eu-west-1
    assert.ok(nat[0]!.outcome.status === 'priced' && Math.abs(nat[0]!.outcome.monthly - 39.84) < 1e-9);
    const flowLogs = estimate.controls.find((c) => c.ruleId === 'VF-NETWORK-001');
    assert.ok(flowLogs && flowLogs.monthly > 0 && flowLogs.resources.length === 1);
    assert.ok(estimate.total.monthly > 0);
    assert.ok(estimate.assumptions.some((a) => a.name === 'natGatewayDataGB' && a.value === 100));
  });

  it('prices each environment of a blueprint with environments in its own region', () => {
    const run = vectorfort('cost', '--blueprint', 'examples/environments.yaml', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const estimate = JSON.parse(run.stdout) as CostEstimate;
    assert.deepEqual(
      estimate.environments.map((e) => [e.name, e.region]),
      [
        ['dev', 'eu-west-1'],
        ['staging', 'eu-west-1'],
        ['prod', 'us-east-1'],
      ],
    );
    const sum = estimate.environments.reduce((a, e) => a + e.monthly, 0);
    assert.ok(Math.abs(estimate.total.monthly - sum) < 0.011, 'the total is the sum of the environments');
    const eks = estimate.controls.find((c) => c.ruleId === 'VF-EKS-001')!;
    assert.deepEqual(eks.resources.length, 3, 'one cluster per environment');
  });

  it('prints a table with the assumptions, and applies --assume', () => {
    const run = vectorfort('cost', '--assume', 'natGatewayDataGB=1000', '--assume', 'hoursPerMonth=720');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Monthly cost estimate \(USD\), price table of \d{4}-\d{2}-\d{2}; priced regions: us-east-1, eu-west-1/,
    );
    // The backup replica's companion stack is in us-west-2, which the table does not price: its six resources are
    // listed as unpriced, never counted as free; so are the three key rotation schedules (the two users' keys and
    // the backup user's).
    assert.match(run.stdout, /^weaviate\s+us-east-1\s+\$[\d,]+\.\d\d\s+9$/m);
    assert.match(run.stdout, /its region us-west-2 is not in the price table/);
    assert.match(run.stdout, /^VF-NETWORK-001\s+\$[\d,]+\.\d\d\s+1$/m);
    assert.match(run.stdout, /^ {2}natGatewayDataGB = 1000: /m);
    assert.match(run.stdout, /^ {2}hoursPerMonth = 720: /m);
  });

  it('refuses a region the price table does not price', () => {
    const blueprint = join(dir, 'sydney.yaml');
    writeFileSync(blueprint, 'environment:\n  region: ap-southeast-2\n');
    const run = vectorfort('cost', '--blueprint', blueprint);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^error: data\/prices\.json \(bundled\): regions: region ap-southeast-2 is not in the price table \(dated [\d-]+\); priced regions: us-east-1, eu-west-1\n$/,
    );
  });

  it('refuses a damaged price table, naming the file and the item', () => {
    const table = JSON.parse(readFileSync(join(root, 'data', 'prices.json'), 'utf8'));
    delete table.prices['waf.ruleMonth'];
    const file = join(dir, 'prices.json');
    writeFileSync(file, JSON.stringify(table));
    const run = vectorfort('cost', '--prices', file);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `error: ${file}: prices.waf.ruleMonth: expected a price for waf.ruleMonth\n`);
  });

  it('refuses an assumption that does not exist or is negative', () => {
    const unknown = vectorfort('cost', '--assume', 'natGB=1');
    assert.equal(unknown.status, 2);
    assert.match(
      unknown.stderr,
      /^error: --assume natGB=1: expected NAME=VALUE with NAME one of hoursPerMonth, /,
    );
    const negative = vectorfort('cost', '--assume', 'flowLogGB=-1');
    assert.equal(negative.status, 2);
    assert.match(negative.stderr, /^error: --assume flowLogGB: expected /);
  });
});
