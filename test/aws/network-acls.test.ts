import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { ValidationError } from '../../src/aws/errors.js';
import { coverCidrs } from '../../src/aws/private/cidr-cover.js';
import { NACL_ENTRY_QUOTA, planNetworkAcls, type AclEntry } from '../../src/aws/private/acl-plan.js';
import { resourcesOf, subnetsOfTier, synth, tagsOf } from './synth-helper.js';

const scope = new Stack(new App(), 'Plan');
const spec = deriveFlowSpec(validateBlueprint({}, 'bp.yaml'));
const plan = planNetworkAcls(spec, { natTiers: ['application'], scope });
const tier = (name: string) => plan.find((t) => t.tier === name)!;
const row = (e: AclEntry) => `${e.ruleNumber} ${e.action} ${e.cidr} ${e.protocol} ${e.fromPort}-${e.toPort}`;

describe('coverCidrs', () => {
  it('merges aligned neighbours and keeps the rest', () => {
    assert.deepEqual(coverCidrs(['10.40.0.0/19', '10.40.32.0/19', '10.40.64.0/19'], scope), [
      '10.40.0.0/18',
      '10.40.64.0/19',
    ]);
    assert.deepEqual(coverCidrs(['10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/24', '10.0.3.0/24'], scope), [
      '10.0.0.0/22',
    ]);
    assert.deepEqual(coverCidrs(['10.0.1.0/24', '10.0.2.0/24'], scope), ['10.0.1.0/24', '10.0.2.0/24']);
    assert.deepEqual(coverCidrs(['10.0.0.0/16', '10.0.5.0/24'], scope), ['10.0.0.0/16']);
  });

  it('names the construct and the block when a block is not an IPv4 CIDR (an internal error)', () => {
    assert.throws(
      () => coverCidrs(['10.0.0.0/24', 'fd00::/64'], scope),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === 'subnet-cidr-not-ipv4' &&
        e.origin === 'internal' &&
        e.message === 'Plan: not an IPv4 CIDR: fd00::/64 [subnet-cidr-not-ipv4]',
    );
  });
});

describe('network ACL plan (default blueprint)', () => {
  it('admits into and out of the data tier only its own subnets and the endpoints tier, nothing outside the VPC', () => {
    assert.deepEqual(tier('data').ingress.map(row), [
      '100 allow 10.40.0.0/18 all 0-65535',
      '110 allow 10.40.64.0/19 all 0-65535',
      '120 allow 10.40.123.0/25 tcp 1024-65535',
      '130 allow 10.40.123.128/26 tcp 1024-65535',
    ]);
    assert.deepEqual(tier('data').egress.map(row), [
      '100 allow 10.40.0.0/18 all 0-65535',
      '110 allow 10.40.64.0/19 all 0-65535',
      '120 allow 10.40.123.0/25 tcp 443-443',
      '130 allow 10.40.123.0/25 tcp 1024-65535',
      '140 allow 10.40.123.128/26 tcp 443-443',
      '150 allow 10.40.123.128/26 tcp 1024-65535',
    ]);
    // S3 is one of the endpoints tier's services now: its flows share the tier's HTTPS entries.
    const https = tier('data').egress.find((e) => e.ruleNumber === 120)!;
    for (const flow of [
      'nodes-system-to-s3-endpoint-image-layers',
      'nodes-weaviate-to-s3-endpoint-image-layers',
      'weaviate-to-s3-endpoint-backups',
    ])
      assert.ok(https.flows.includes(flow), flow);
  });

  it('admits into the endpoints tier only HTTPS from the data and application tiers and the VPN', () => {
    assert.deepEqual(tier('endpoints').ingress.map(row), [
      '100 allow 10.40.0.0/18 tcp 443-443',
      '110 allow 10.40.0.0/18 tcp 1024-65535',
      '120 allow 10.40.112.0/21 tcp 443-443',
      '130 allow 10.40.64.0/19 tcp 443-443',
      '140 allow 10.40.64.0/19 tcp 1024-65535',
      '150 allow 10.40.96.0/20 tcp 443-443',
      '160 allow 10.250.0.0/22 tcp 443-443',
    ]);
    assert.ok(tier('endpoints').ingress.every((e) => e.cidr !== '0.0.0.0/0'));
  });

  it('lets the application tier reach the internet on 443 through the public tier (NAT)', () => {
    assert.deepEqual(tier('public').ingress.map(row), [
      '100 allow 10.40.112.0/21 tcp 443-443',
      '110 allow 10.40.96.0/20 tcp 443-443',
      '120 deny 10.40.0.0/16 all 0-65535',
      '130 allow 0.0.0.0/0 tcp 1024-3388',
      '140 allow 0.0.0.0/0 tcp 3390-65535',
    ]);
    assert.deepEqual(tier('public').egress.map(row), [
      '100 allow 10.40.112.0/21 tcp 1024-65535',
      '110 allow 10.40.96.0/20 tcp 1024-65535',
      '120 deny 10.40.0.0/16 all 0-65535',
      '130 allow 0.0.0.0/0 tcp 443-443',
    ]);
  });

  it('never admits SSH or RDP from 0.0.0.0/0 and stays within the entry quota', () => {
    for (const t of plan) {
      for (const e of t.ingress.filter((x) => x.cidr === '0.0.0.0/0' && x.action === 'allow')) {
        for (const port of [22, 3389])
          assert.ok(!(e.fromPort <= port && port <= e.toPort), `${t.tier} ${row(e)} admits ${port}`);
      }
      assert.ok(t.ingress.length <= NACL_ENTRY_QUOTA && t.egress.length <= NACL_ENTRY_QUOTA, t.tier);
    }
  });

  it('places every VPC deny before the 0.0.0.0/0 allows that follow it', () => {
    for (const t of plan)
      for (const entries of [t.ingress, t.egress]) {
        const deny = entries.find((e) => e.action === 'deny');
        const open = entries.filter((e) => e.cidr === '0.0.0.0/0');
        if (open.length) assert.ok(deny && open.every((e) => e.ruleNumber > deny.ruleNumber), t.tier);
      }
  });

  it('routes internet flows of a NAT data tier through the public tier when egress is allowed', () => {
    const open = deriveFlowSpec(
      validateBlueprint(
        { network: { allowDataTierInternetEgress: true }, images: { source: 'public' } },
        'bp.yaml',
      ),
    );
    const pub = planNetworkAcls(open, { natTiers: ['application', 'data'], scope }).find(
      (t) => t.tier === 'public',
    )!;
    assert.ok(pub.ingress.some((e) => e.cidr === '10.40.0.0/18' && e.fromPort === 443 && e.toPort === 443));
  });
});

describe('network ACLs in the template', () => {
  const { json } = synth();

  it('creates one ACL per tier and associates every subnet of the tier with it', () => {
    const acls = resourcesOf(json, 'AWS::EC2::NetworkAcl');
    assert.deepEqual(acls.map(([, r]) => tagsOf(r).get('vectorfort:tier')).sort(), [
      'application',
      'data',
      'endpoints',
      'public',
    ]);
    const associations = resourcesOf(json, 'AWS::EC2::SubnetNetworkAclAssociation').map(
      ([, r]) => r.Properties!,
    );
    for (const [aclId, acl] of acls) {
      const subnets = associations
        .filter((a) => (a.NetworkAclId as { Ref: string }).Ref === aclId)
        .map((a) => (a.SubnetId as { Ref: string }).Ref)
        .sort();
      assert.deepEqual(subnets, subnetsOfTier(json, tagsOf(acl).get('vectorfort:tier')!).sort());
    }
  });

  it('writes exactly the planned entries', () => {
    const entries = resourcesOf(json, 'AWS::EC2::NetworkAclEntry').map(([, r]) => r.Properties!);
    assert.equal(
      entries.length,
      plan.reduce((n, t) => n + t.ingress.length + t.egress.length, 0),
    );
    const dataAcl = resourcesOf(json, 'AWS::EC2::NetworkAcl').find(
      ([, r]) => tagsOf(r).get('vectorfort:tier') === 'data',
    )![0];
    const dataIngress = entries
      .filter((e) => (e.NetworkAclId as { Ref: string }).Ref === dataAcl && e.Egress === false)
      .sort((a, b) => Number(a.RuleNumber) - Number(b.RuleNumber))
      .map((e) => `${e.RuleNumber} ${e.RuleAction} ${e.CidrBlock} ${e.Protocol}`);
    assert.deepEqual(dataIngress, [
      '100 allow 10.40.0.0/18 -1',
      '110 allow 10.40.64.0/19 -1',
      '120 allow 10.40.123.0/25 6',
      '130 allow 10.40.123.128/26 6',
    ]);
  });
});
