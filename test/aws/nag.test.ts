import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { acknowledgeNag, MIN_NAG_REASON_LENGTH } from '../../src/aws/nag.js';
import { InvalidAcknowledgementError } from '../../src/contract/acknowledgement.js';
import { synth } from './synth-helper.js';

const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  development: { preset: 'development' },
  weakened: {
    network: { allowDataTierInternetEgress: true },
    images: { source: 'public' },
    cluster: {
      allowPodInstanceMetadata: true,
      allowPublicEndpoint: true,
      publicAccessCidrs: ['203.0.113.0/24'],
    },
    backup: {
      breakGlassRoleArn: 'arn:aws:iam::111111111111:role/break-glass',
      objectLock: { enabled: true },
      replicaObjectLock: { enabled: true },
    },
    keys: { administratorArns: ['arn:aws:iam::111111111111:role/key-admin'] },
    exposure: 'alb',
    edge: {
      domainName: 'weaviate.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
    },
  },
};

interface Suppression {
  id: string;
  reason: string;
}

describe('cdk-nag quality gate (AwsSolutions, NIST 800-53 R5)', () => {
  for (const [name, input] of Object.entries(VARIANTS)) {
    it(`leaves no unacknowledged error in the ${name} blueprint`, () => {
      const { result } = synth(input);
      assert.ok(result.validationReportFile, 'the packs wrote their report');
      assert.deepEqual(result.nagErrors, []);
      const report = JSON.parse(readFileSync(result.validationReportFile!, 'utf8')) as {
        pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
      };
      const packs = report.pluginReports.filter((p) => p.pluginName !== 'Construct Annotations');
      assert.deepEqual(
        packs.map((p) => [p.pluginName, p.conclusion, p.violations.length]),
        [
          ['AwsSolutions', 'success', 0],
          ['NIST.800.53.R5', 'success', 0],
        ],
      );
      // CDK's own annotations may carry warnings (the template nearing CloudFormation's size limit), never errors.
      for (const p of report.pluginReports) assert.equal(p.conclusion, 'success', p.pluginName);
    });
  }

  it('gives every acknowledgement one rule (optionally one finding) and a reason of at least 10 characters', () => {
    const { json } = synth(VARIANTS.weakened);
    let count = 0;
    for (const [id, resource] of Object.entries(json.Resources)) {
      const rules =
        (resource.Metadata?.cdk_nag as { rules_to_suppress?: Suppression[] } | undefined)
          ?.rules_to_suppress ?? [];
      for (const rule of rules) {
        count++;
        assert.match(
          rule.id,
          /^(AwsSolutions::AwsSolutions-[A-Z]+\d+|NIST\.800\.53\.R5::NIST\.800\.53\.R5-[A-Za-z0-9]+|CloudFormation-Validate::[EWF]\d{4})(\[.+\])?$/,
          `${id}: ${rule.id}`,
        );
        assert.ok(rule.reason.trim().length >= MIN_NAG_REASON_LENGTH, `${id}: ${rule.id}`);
      }
    }
    assert.ok(count > 50);
  });

  it('acknowledges the internet-facing load balancer group only when the blueprint exposes it', () => {
    const ec23 = (input: Record<string, unknown>) =>
      Object.values(synth(input).json.Resources).filter(
        (r) =>
          r.Type === 'AWS::EC2::SecurityGroup' &&
          JSON.stringify(r.Metadata?.cdk_nag ?? '').includes('AwsSolutions-EC23'),
      ).length;
    assert.equal(ec23(VARIANTS.default!), 0);
    assert.equal(ec23(VARIANTS.weakened!), 1);
  });

  it('rejects acknowledgements without a real reason or of an unknown pack', () => {
    const stack = new Stack(new App(), 'S');
    assert.throws(
      () => acknowledgeNag(stack, 'AwsSolutions-IAM4', 'because'),
      (error) => error instanceof InvalidAcknowledgementError && /at least 10 characters/.test(error.message),
    );
    assert.throws(() => acknowledgeNag(stack, 'HIPAA.Security-X', 'a long enough reason'), /not a rule of/);
  });
});
