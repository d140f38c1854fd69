/** `Fn::GetStackOutput` (CDK's cross-region references): resolved against the other stacks of the input. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceRef, Unknown, inventoryFromObjects } from '../../src/inventory/index.js';

const edge = {
  Resources: { Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'CLOUDFRONT' } } },
  Outputs: { AclArn: { Value: { 'Fn::GetAtt': ['Acl', 'Arn'] } } },
};

function probe(value: unknown) {
  const inventory = inventoryFromObjects({
    templates: { edge, main: { Resources: { Probe: { Type: 'Test::Probe', Properties: { V: value } } } } },
  });
  return inventory.cfn.find((r) => r.logicalId === 'Probe')!.properties.V;
}

describe('Fn::GetStackOutput', () => {
  it('resolves to the named output of another stack of the input, keeping what it refers to', () => {
    const v = probe({
      'Fn::GetStackOutput': { StackName: 'edge', Region: 'us-east-1', OutputName: 'AclArn' },
    });
    assert.deepEqual(v, new ResourceRef('edge/Acl', 'Arn'));
  });

  it('is Unknown, with the reason, for a stack or an output the input does not have', () => {
    const elsewhere = probe({ 'Fn::GetStackOutput': { StackName: 'other', OutputName: 'AclArn' } });
    assert.ok(elsewhere instanceof Unknown);
    assert.match(elsewhere.reason, /no stack in the input is deployed as "other"/);
    const missing = probe({ 'Fn::GetStackOutput': { StackName: 'edge', OutputName: 'Nope' } });
    assert.ok(missing instanceof Unknown);
    assert.match(missing.reason, /has no output Nope/);
    const computed = probe({
      'Fn::GetStackOutput': { StackName: { Ref: 'AWS::NoSuchParameter' }, OutputName: 'X' },
    });
    assert.ok(computed instanceof Unknown);
    assert.match(computed.reason, /not determined by the template/);
  });
});
