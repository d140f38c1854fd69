import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBlueprint } from '../../src/blueprint/index.js';
import {
  awsNames,
  deriveFlowSpec,
  NODE_GROUP_LABEL,
  NODE_ROLE_LABEL,
  WEAVIATE_NODE_TAINT,
} from '../../src/flows/index.js';

const spec = (input: Record<string, unknown> = {}) => deriveFlowSpec(validateBlueprint(input, 'bp.yaml'));

describe('flow spec: AWS-side flows', () => {
  it('lets the kubectl handler answer CloudFormation through S3 (custom-resource responses)', () => {
    const flow = spec().flows.find((f) => f.id === 'kubectl-handler-to-s3-cfn-responses');
    assert.deepEqual(flow && [flow.from, flow.to, flow.port, flow.protocol, flow.enforcedBy], [
      'kubectl-handler',
      's3',
      443,
      'tcp',
      ['security-group', 'network-acl'],
    ]);
  });

  it('gives the data tier no internet flow and claims it has no path there, by default', () => {
    const s = spec();
    assert.ok(!s.flows.some((f) => f.to === 'internet' && f.from.startsWith('nodes-')));
    assert.ok(s.denials.some((d) => d.id === 'data-tier-exfiltration'));
  });

  it('with allowDataTierInternetEgress, adds 443 to the internet for the nodes and drops the exfiltration claim', () => {
    const s = spec({ network: { allowDataTierInternetEgress: true }, images: { source: 'public' } });
    assert.deepEqual(
      s.flows.filter((f) => f.to === 'internet' && f.from.startsWith('nodes-')).map((f) => [f.id, f.port]),
      [
        ['nodes-system-to-internet-public-images', 443],
        ['nodes-weaviate-to-internet-public-images', 443],
      ],
    );
    assert.ok(!s.denials.some((d) => d.id === 'data-tier-exfiltration'));
  });
});

describe('shared names', () => {
  it('names the cluster after the blueprint and exports the node labels and taint the charts use', () => {
    assert.equal(awsNames(validateBlueprint({ name: 'search' }, 'bp.yaml')).clusterName, 'search');
    assert.equal(NODE_GROUP_LABEL, 'vectorfort.dev/node-group');
    assert.equal(NODE_ROLE_LABEL, 'vectorfort.dev/node-role');
    assert.deepEqual(WEAVIATE_NODE_TAINT, { key: 'dedicated', value: 'weaviate', effect: 'NoSchedule' });
  });
});
