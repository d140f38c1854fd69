/**
 * `vectorfort audit` against moto_server (a real AWS API emulator): a stack deployed through moto's
 * CloudFormation, audited before and after hand changes made through the SDK. The same controls judge the live
 * resources, each change is reported as drift with both values, every fact names the call it came from, and the
 * code calls nothing outside the shipped IAM policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditPolicy, operationOf } from '../../src/audit/aws/operations.js';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { makeHandChanges, type HandChanges } from './hand-changes.js';
import { auditTarget, deployAccount, physicalIds, STACK } from './moto-account.js';

const NOW = new Date('2026-12-01T00:00:00Z');

function findingOf(report: Report, ruleId: string, id: string) {
  return report.findings.find((f) => f.ruleId === ruleId && f.resource.id === id);
}

describe('vectorfort audit against moto', () => {
  let moto: Moto;
  let before_: Report;
  let after_: Report;
  let changes: HandChanges;
  let ids: Record<string, string>;
  const commands: string[] = [];

  before(async () => {
    moto = await startMoto();
    await deployAccount(moto.endpoint);
    ids = await physicalIds(moto.endpoint);
    const target = auditTarget(moto.endpoint, {
      onCommand: (client, command) => commands.push(`${client} ${command}`),
    });
    before_ = (await runAudit({ aws: target, stacks: [STACK], now: NOW })).report;
    changes = await makeHandChanges(moto.endpoint);
    after_ = (await runAudit({ aws: target, stacks: [STACK], now: NOW })).report;
  });
  after(async () => moto?.stop());

  it('reads every resource of the stack under its logical id, with the calls its facts came from', () => {
    const resources = before_.audit!.resources.filter((r) => r.origin === 'stack');
    assert.deepEqual(resources.map((r) => r.id).sort(), [
      'app/Bucket',
      'app/Db',
      'app/Key',
      'app/Logs',
      'app/Subnet',
      'app/Table',
      'app/Vpc',
    ]);
    const key = before_.audit!.resources.find((r) => r.id === 'app/Key')!;
    assert.equal(key.physicalId, ids.Key);
    const operations = key.calls.map((i) => before_.audit!.calls[i]!.operation).sort();
    assert.deepEqual(operations, ['DescribeKey', 'GetKeyPolicy', 'GetKeyRotationStatus']);
    for (const i of key.calls) {
      const call = before_.audit!.calls[i]!;
      assert.equal(call.region, 'eu-west-1');
      assert.equal(call.outcome, 'ok');
      assert.ok(!Number.isNaN(Date.parse(call.time)));
    }
    assert.ok(
      before_.audit!.calls.some((c) => c.requestId !== undefined),
      'moto sends request ids',
    );
  });

  it('reports no drift before the hand changes', () => {
    assert.deepEqual(before_.audit!.drift, []);
    assert.equal(findingOf(before_, 'VF-DATA-002', 'app/Bucket')?.status, 'pass');
    assert.equal(findingOf(before_, 'VF-DATA-008', 'app/Key')?.status, 'pass');
  });

  it('reads the account-level services into the inventory', () => {
    const trail = before_.audit!.resources.find((r) => r.type === 'AWS::CloudTrail::Trail');
    assert.equal(trail?.id, 'account/org');
    assert.equal(
      findingOf(before_, 'VF-DETECTION-001', 'account/org')?.status,
      'fail',
      'the trail has no KMS key',
    );
    assert.ok(before_.audit!.resources.some((r) => r.type === 'AWS::GuardDuty::Detector'));
  });

  it('reports the rule opened by hand, with both values, and the controls fail on it', () => {
    const drift = after_.audit!.drift.find((d) => d.id === 'app/Db' && d.property === 'SecurityGroupIngress');
    assert.ok(drift, 'the opened rule is drift');
    assert.deepEqual(drift.expected, [
      '{"CidrIp":"10.0.1.0/24","FromPort":5432,"IpProtocol":"tcp","ToPort":5432}',
    ]);
    assert.deepEqual(drift.actual, [
      '{"CidrIp":"0.0.0.0/0","FromPort":22,"IpProtocol":"tcp","ToPort":22}',
      '{"CidrIp":"10.0.1.0/24","FromPort":5432,"IpProtocol":"tcp","ToPort":5432}',
    ]);
    const finding = after_.findings.find((f) => f.ruleId === 'drift-property' && f.resource.id === 'app/Db');
    assert.equal(finding?.status, 'fail');
    assert.equal(finding?.resource.path, 'Resources.Db.Properties.SecurityGroupIngress');
  });

  it('reports key rotation turned off', () => {
    const drift = after_.audit!.drift.find((d) => d.id === 'app/Key' && d.property === 'EnableKeyRotation');
    assert.deepEqual({ expected: drift?.expected, actual: drift?.actual }, { expected: true, actual: false });
    assert.equal(findingOf(after_, 'VF-DATA-008', 'app/Key')?.status, 'fail');
  });

  it('reports the public access block removed, and the bucket control fails', () => {
    const drift = after_.audit!.drift.find((d) => d.id === 'app/Bucket');
    assert.equal(drift?.property, 'PublicAccessBlockConfiguration');
    assert.deepEqual(drift?.actual, {
      BlockPublicAcls: false,
      BlockPublicPolicy: false,
      IgnorePublicAcls: false,
      RestrictPublicBuckets: false,
    });
    assert.equal(findingOf(after_, 'VF-DATA-002', 'app/Bucket')?.status, 'fail');
  });

  it('reports the security group created by hand in the stack VPC as unmanaged', () => {
    const unmanaged = after_.audit!.drift.filter((d) => d.kind === 'unmanaged');
    assert.deepEqual(
      unmanaged.map((d) => d.id),
      [`live/${changes.strayGroup}`],
    );
  });

  it('fails the run on drift', () => {
    assert.equal(after_.verdict.status, 'fail');
  });

  it('calls only operations of the shipped read-only policy', () => {
    assert.ok(commands.length > 10, 'the commands were intercepted');
    const allowed = new Set(auditPolicy().Statement.flatMap((s) => (s as { Action: string[] }).Action));
    for (const command of new Set(commands)) {
      const [client, name] = command.split(' ');
      const operation = operationOf(client!, name!);
      assert.ok(operation, `${command} is declared`);
      assert.ok(operation.action === null || allowed.has(operation.action), `${command} is in the policy`);
    }
    for (const action of allowed) assert.match(action, /^[a-z0-9-]+:(Describe|Get|List|BatchGet)[A-Za-z]+$/);
  });
});
