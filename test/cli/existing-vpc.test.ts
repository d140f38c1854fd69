/**
 * The existing-VPC option end to end through the CLI: the example blueprint passes its own verification with
 * the unseen network acknowledged, and the same blueprint without the acknowledgement is incomplete, each
 * unknown naming the subnet outside the templates.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { root, vectorfort } from './run-cli.js';

interface ReportFinding {
  ruleId: string;
  status: string;
  message: string;
  resource: { type: string; id: string };
  acknowledged?: { reason: string };
}
interface Report {
  findings: ReportFinding[];
  verdict: { status: string; unknown: number };
}

const EXAMPLE = join(root, 'examples', 'existing-vpc.yaml');
const OUTSIDE = /subnet "(subnet-0[ade]00000000000[ade]00[123])" is not in the input/;
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-existing-vpc-'));
  dirs.push(dir);
  return dir;
}
const reportOf = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
const unknowns = (r: Report) => r.findings.filter((f) => f.status === 'unknown');

describe('synth with network.existingVpc', () => {
  it('builds no VPC, subnet, route, NAT or network ACL and places the node groups in the listed subnets', () => {
    const out = tmp();
    const run = vectorfort('synth', '--blueprint', EXAMPLE, '--out', out, '--no-verify');
    assert.equal(run.status, 0, run.stderr);
    const template = JSON.parse(
      readFileSync(join(out, 'cdk.out', 'vectorfort-weaviate-lz.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    const types = new Set(resources.map((r) => r.Type));
    for (const type of [
      'AWS::EC2::VPC',
      'AWS::EC2::Subnet',
      'AWS::EC2::Route',
      'AWS::EC2::NatGateway',
      'AWS::EC2::NetworkAcl',
      'AWS::EC2::SubnetNetworkAclAssociation',
      'AWS::EC2::InternetGateway',
    ])
      assert.ok(!types.has(type), `${type} is the VPC owner's`);
    const nodeGroups = resources.filter((r) => r.Type === 'AWS::EKS::Nodegroup');
    assert.equal(nodeGroups.length, 2);
    for (const g of nodeGroups)
      assert.deepEqual(g.Properties?.Subnets, [
        'subnet-0d00000000000d001',
        'subnet-0d00000000000d002',
        'subnet-0d00000000000d003',
      ]);
    const flowLog = resources.find((r) => r.Type === 'AWS::EC2::FlowLog');
    assert.equal(flowLog?.Properties?.ResourceId, 'vpc-0a1b2c3d4e5f60718');
    const endpoints = resources.filter((r) => r.Type === 'AWS::EC2::VPCEndpoint');
    assert.ok(endpoints.length > 10);
    for (const e of endpoints)
      assert.deepEqual(e.Properties?.SubnetIds, [
        'subnet-0e00000000000e001',
        'subnet-0e00000000000e002',
        'subnet-0e00000000000e003',
      ]);
  });

  it('passes its own verification with the acknowledgement: every unknown stays unknown, acknowledged', () => {
    const out = tmp();
    const run = vectorfort('synth', '--blueprint', EXAMPLE, '--out', out);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const report = reportOf(out);
    assert.equal(report.verdict.status, 'pass');
    assert.equal(report.verdict.unknown, 0, 'no unacknowledged unknown');
    const all = unknowns(report);
    assert.ok(all.length > 100, 'the unseen network leaves many flows unknown');
    for (const f of all) {
      assert.ok(f.acknowledged, `${f.ruleId} ${f.resource.id} is acknowledged`);
      assert.match(f.acknowledged.reason, /network team owns this VPC's route tables/);
    }
    const flows = all.filter((f) => f.resource.type === 'vectorfort/Flow');
    assert.ok(flows.length > 0);
    for (const f of flows) {
      assert.match(f.message, OUTSIDE, f.message);
      assert.match(f.acknowledged!.reason, /of vpc-0a1b2c3d4e5f60718 \(subnet-/);
    }
    assert.match(run.stdout, /unknown \((\d+) acknowledged with a reason\)/);
  });

  it('without the acknowledgement is incomplete, naming the subnets outside the templates', () => {
    const out = tmp();
    const text = readFileSync(EXAMPLE, 'utf8');
    const blueprint = join(out, 'unacknowledged.yaml');
    const without = text.replace(/\n {4}acknowledgement: >-\n( {6}.*\n)+/, '\n');
    assert.notEqual(without, text);
    writeFileSync(blueprint, without);
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /^incomplete: \d+ unknown results/m);
    const report = reportOf(out);
    assert.equal(report.verdict.status, 'incomplete');
    const all = unknowns(report);
    assert.ok(all.length > 100);
    assert.ok(all.every((f) => !f.acknowledged));
    const named = new Set(all.map((f) => OUTSIDE.exec(f.message)?.[1]).filter((s) => s !== undefined));
    for (const tier of ['a', 'd', 'e'])
      assert.ok(
        [...named].some((s) => s.includes(`0${tier}00000000000${tier}`)),
        `a ${tier} subnet is named`,
      );
    const nodeGroup = all.find((f) => f.ruleId === 'VF-EKS-009');
    assert.match(nodeGroup?.message ?? '', /subnet "subnet-0d00000000000d001" is not in the inventory/);
    // The VPN's subnets were dropped silently before; they are named like every other.
    assert.ok(all.some((f) => f.message.includes('AdminVpnEndpoint') && OUTSIDE.test(f.message)));
  });
});
