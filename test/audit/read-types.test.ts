/**
 * Every resource type the default blueprint's stacks contain has a live reader:
 * read as a resource, as a part of the resource whose answer states it, or a custom resource, which is a
 * deploy-time action read where it lands. None is left to an `unknown` "not read" finding.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { auditReading } from '../../src/audit/aws/read-aws.js';
import { synth } from '../aws/synth-helper.js';

function typesOf(input: Record<string, unknown>): Set<string> {
  const types = new Set<string>();
  for (const stack of synth(input).result.stacks) {
    const template = JSON.parse(readFileSync(stack.templateFile, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    for (const r of Object.values(template.Resources)) types.add(r.Type);
  }
  return types;
}

describe('live readers cover the generated stacks', () => {
  it('reads every type of the default stacks', () => {
    const types = typesOf({});
    assert.ok(types.size > 40, `the default stacks hold many types (${types.size})`);
    const unread = [...types].filter((t) => auditReading(t) === undefined);
    assert.deepEqual(unread, []);
    for (const t of [
      'AWS::EKS::Nodegroup',
      'AWS::EKS::Addon',
      'AWS::IAM::Role',
      'AWS::SecretsManager::Secret',
    ])
      assert.equal(auditReading(t), 'resource', t);
    assert.equal(auditReading('AWS::IAM::Policy'), 'part');
    assert.equal(auditReading('Custom::AWSCDK-EKS-HelmChart'), 'deploy-action');
  });

  it('does not claim a type it has no reader for', () => {
    assert.equal(auditReading('AWS::Route53::RecordSet'), undefined);
    assert.equal(auditReading('AWS::RDS::DBInstance'), undefined);
  });
});
