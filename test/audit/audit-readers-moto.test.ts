/**
 * The readers beyond the network against moto_server: a stack of launch template, load balancer, listener,
 * target group, role, managed policy, function, topic, queue, table and rule deployed through moto's
 * CloudFormation, read under its logical ids with no drift, then changed by hand once per type; each change is
 * drift with both values, and the code calls nothing outside the shipped policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditPolicy, operationOf } from '../../src/audit/aws/operations.js';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { auditTarget } from './moto-account.js';
import { deployServices, STACK } from './readers-account.js';
import { changeServicesByHand } from './readers-hand-changes.js';

const NOW = new Date('2026-12-01T00:00:00Z');

describe('vectorfort audit reads every type of a service stack in moto', () => {
  let moto: Moto;
  let before_: Report;
  let after_: Report;
  let strayGroup: string;
  let strayRole: string;
  const commands: string[] = [];

  before(async () => {
    moto = await startMoto();
    await deployServices(moto.endpoint);
    const target = auditTarget(moto.endpoint, {
      onCommand: (client, command) => commands.push(`${client} ${command}`),
    });
    before_ = (await runAudit({ aws: target, stacks: [STACK], now: NOW })).report;
    ({ strayGroup, strayRole } = await changeServicesByHand(moto.endpoint));
    after_ = (await runAudit({ aws: target, stacks: [STACK], now: NOW })).report;
  });
  after(async () => moto?.stop());

  it('reads every resource of the stack under its logical id, none left unread', () => {
    const read = before_.audit!.resources.filter((r) => r.origin === 'stack');
    assert.deepEqual(read.map((r) => `${r.id} ${r.type}`).sort(), [
      'svc/Alerts AWS::SNS::Topic',
      'svc/Findings AWS::Events::Rule',
      'svc/Fn AWS::Lambda::Function',
      'svc/FnRole AWS::IAM::Role',
      'svc/Http AWS::ElasticLoadBalancingV2::Listener',
      'svc/Jobs AWS::SQS::Queue',
      'svc/Key AWS::KMS::Key',
      'svc/Lb AWS::ElasticLoadBalancingV2::LoadBalancer',
      'svc/LbGroup AWS::EC2::SecurityGroup',
      'svc/Locks AWS::DynamoDB::Table',
      'svc/Nodes AWS::EC2::LaunchTemplate',
      'svc/ReadPolicy AWS::IAM::ManagedPolicy',
      'svc/SubnetA AWS::EC2::Subnet',
      'svc/SubnetB AWS::EC2::Subnet',
      'svc/Targets AWS::ElasticLoadBalancingV2::TargetGroup',
      'svc/Vpc AWS::EC2::VPC',
    ]);
    const notRead = before_.findings.filter((f) => f.ruleId === 'audit-not-read');
    assert.deepEqual(notRead, []);
    for (const r of read) assert.ok(r.calls.length > 0, `${r.id} names the calls it was read with`);
  });

  it('reports no drift before the hand changes', () => {
    assert.deepEqual(before_.audit!.drift, []);
  });

  it('reads the settings the controls judge, into the template path types', () => {
    const encryption = (id: string) =>
      before_.findings.filter((f) => f.resource.id === id && /encrypt/i.test(f.title ?? f.message));
    assert.ok(
      encryption('svc/Alerts').some((f) => f.status === 'pass'),
      'the topic is encrypted with the key',
    );
    assert.ok(
      encryption('svc/Jobs').some((f) => f.status === 'pass'),
      'the queue is encrypted with the key',
    );
  });

  it('reports one hand change per type as drift, with both values', () => {
    const drift = (id: string, property: string) =>
      after_.audit!.drift.find((d) => d.id === id && d.property === property);
    const pairs: [string, string, unknown, unknown][] = [
      ['svc/Nodes', 'LaunchTemplateData.MetadataOptions.HttpTokens', 'required', 'optional'],
      ['svc/Nodes', 'LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit', 1, 2],
      ['svc/Lb', 'SecurityGroups', [{ Ref: 'LbGroup' }], [`live/${strayGroup}`]],
      ['svc/Http', 'Port', 80, 8080],
      ['svc/FnRole', 'ManagedPolicyArns', [], [{ Ref: 'ReadPolicy' }]],
      ['svc/Alerts', 'KmsMasterKeyId', { Ref: 'Key' }, undefined],
      ['svc/Jobs', 'KmsMasterKeyId', { Ref: 'Key' }, undefined],
      ['svc/Locks', 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', true, false],
      ['svc/Findings', 'State', 'ENABLED', 'DISABLED'],
    ];
    for (const [id, property, expected, actual] of pairs) {
      const d = drift(id, property);
      assert.ok(d, `${id} ${property} is drift`);
      assert.deepEqual(d.expected, expected, `${id} ${property} expected`);
      if (id === 'svc/Lb') assert.match(JSON.stringify(d.actual), new RegExp(strayGroup));
      else assert.deepEqual(d.actual, actual, `${id} ${property} actual`);
    }
    const role = drift('svc/Fn', 'Role');
    assert.deepEqual(
      { expected: role?.expected, actual: role?.actual },
      { expected: { Ref: 'FnRole' }, actual: strayRole },
    );
    const policy = drift('svc/ReadPolicy', 'PolicyDocument');
    assert.match(JSON.stringify(policy?.actual), /s3:\*/);
  });

  it('calls only operations of the shipped read-only policy', () => {
    assert.ok(commands.length > 20, 'the commands were intercepted');
    const allowed = new Set(auditPolicy().Statement.flatMap((s) => (s as { Action: string[] }).Action));
    for (const command of new Set(commands)) {
      const [client, name] = command.split(' ');
      const operation = operationOf(client!, name!);
      assert.ok(operation, `${command} is declared`);
      assert.ok(operation.action === null || allowed.has(operation.action), `${command} is in the policy`);
    }
  });
});
