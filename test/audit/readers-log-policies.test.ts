/**
 * The log resource policies (which let EventBridge deliver to a log group) read from moto: matched by name, the
 * policy document parsed, a policy another stack owns left out, and a deleted one not returned.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, PutResourcePolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AwsSession } from '../../src/audit/aws/session.js';
import type { ReaderOutput } from '../../src/audit/aws/live.js';
import { readMonitoring } from '../../src/audit/aws/readers/monitoring.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { auditTarget, sdkConfig } from './moto-account.js';

const DELIVERY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/findings:*',
    },
  ],
};

describe('the log resource policy reader', () => {
  let moto: Moto;
  let read: ReaderOutput;

  before(async () => {
    moto = await startMoto();
    const logs = new CloudWatchLogsClient(sdkConfig(moto.endpoint));
    for (const policyName of ['findings-delivery', 'someone-elses'])
      await logs.send(new PutResourcePolicyCommand({ policyName, policyDocument: JSON.stringify(DELIVERY) }));
    logs.destroy();
    const session = new AwsSession(auditTarget(moto.endpoint, { maxAttempts: 2 }));
    try {
      read = await readMonitoring(session, (type) =>
        type === 'AWS::Logs::ResourcePolicy' ? ['findings-delivery', 'deleted-by-hand'] : [],
      );
    } finally {
      await session.close();
    }
  });
  after(async () => moto?.stop());

  it('reads the stack’s policy by name with its document parsed, and only that one', () => {
    const policies = read.resources.filter((r) => r.type === 'AWS::Logs::ResourcePolicy');
    assert.deepEqual(
      policies.map((p) => p.physicalId),
      ['findings-delivery'],
    );
    assert.equal(policies[0]!.properties.PolicyName, 'findings-delivery');
    assert.deepEqual(policies[0]!.properties.PolicyDocument, DELIVERY);
    assert.equal(policies[0]!.calls[0]!.operation, 'DescribeResourcePolicies');
    assert.deepEqual(read.notRead, []);
  });
});
