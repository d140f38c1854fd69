/**
 * The interface endpoints' policies and the audit archive's pin in the synthesized default stack, and the
 * endpoint control catching a policy removed from it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENDPOINT_ACTIONS, endpointActions } from '../../src/aws/endpoint-policies.js';
import { REQUIRED_INTERFACE_ENDPOINTS } from '../../src/aws/network.js';
import { control } from '../../src/controls/network/interface-endpoint-policy.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { synth, type CfnResource } from './synth-helper.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Principal: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const ACCOUNT = '111111111111';
const statementsOf = (r: CfnResource) =>
  (r.Properties!.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [];

describe('interface endpoint policies', () => {
  const { json } = synth({ environment: { account: ACCOUNT } });
  const endpoints = Object.entries(json.Resources).filter(
    ([, r]) => r.Type === 'AWS::EC2::VPCEndpoint' && r.Properties!.VpcEndpointType === 'Interface',
  );

  it('lists the actions of every required endpoint service', () => {
    for (const service of REQUIRED_INTERFACE_ENDPOINTS)
      assert.ok(ENDPOINT_ACTIONS[service]?.length, `no actions for ${service}`);
    assert.deepEqual(endpointActions('sqs'), ['sqs:*']);
  });

  it("admit only this account's principals, and only the service's used actions, on every interface endpoint but S3's", () => {
    assert.ok(endpoints.length >= REQUIRED_INTERFACE_ENDPOINTS.length);
    for (const [id, r] of endpoints) {
      const statements = statementsOf(r);
      assert.ok(statements.length > 0, `${id} has no policy`);
      const account = statements.find((s) => s.Sid === 'ThisAccountsPrincipals');
      if (!account) {
        // S3's interface endpoint is scoped by bucket instead.
        assert.ok(
          statements.every((s) => JSON.stringify(s.Action).includes('s3:')),
          id,
        );
        continue;
      }
      assert.deepEqual(account.Condition, { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, id);
      const actions = [account.Action].flat();
      assert.ok(!actions.includes('*'), `${id} admits every action`);
    }
  });

  it("pin the audit archive's objects to the S3 interface endpoint, except for AWS services", () => {
    const policies = Object.values(json.Resources).filter((r) => r.Type === 'AWS::S3::BucketPolicy');
    const pins = policies.flatMap((p) =>
      (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement.filter(
        (s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoint',
      ),
    );
    // The backup bucket and the audit archive.
    assert.equal(pins.length, 2);
    const audit = pins.find((s) => s.Condition?.BoolIfExists);
    assert.ok(audit, 'the audit archive exempts AWS services only');
    assert.deepEqual(audit.Condition!.BoolIfExists, { 'aws:PrincipalIsAWSService': 'false' });
    assert.ok(audit.Condition!.StringNotEquals!['aws:SourceVpce']);
  });

  it('fail VF-NETWORK-014 when a policy is removed from the synthesized template', () => {
    const template = structuredClone(json) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const [removed] = endpoints.find(([, r]) =>
      statementsOf(r).some((s) => s.Sid === 'ThisAccountsPrincipals'),
    )!;
    delete template.Resources[removed]!.Properties.PolicyDocument;
    const results = control.check(inventoryFromObjects({ templates: { Stack: template } }), {
      now: new Date(),
    });
    assert.ok(results.length >= REQUIRED_INTERFACE_ENDPOINTS.length);
    const failed = results.filter((r) => r.status === 'fail');
    assert.deepEqual(
      failed.map((r) => r.resource.id),
      [`Stack/${removed}`],
    );
    assert.match(failed[0]!.message, /no PolicyDocument: any principal of any account/);
    assert.ok(results.filter((r) => r.status === 'pass').length >= REQUIRED_INTERFACE_ENDPOINTS.length - 1);
  });
});
