import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COMPONENT_TAG, deriveFlowSpec, FLOW_SPEC_METADATA_KEY } from '../../src/flows/index.js';
import { resourcesOf, synth, tagsOf, type CfnResource } from './synth-helper.js';

const tagged = synth({ tags: { team: 'search', 'cost-center': '42' } });
const { json, result, blueprint } = synth();

/** TagSpecifications resource types that tag the resource itself (not what it launches). */
const OWN_TAG_SPECIFICATION: Record<string, string> = {
  'AWS::EC2::LaunchTemplate': 'launch-template',
  'AWS::EC2::ClientVpnEndpoint': 'client-vpn-endpoint',
};

/** A resource's own tags, from `Tags` or, for the types above, from their own TagSpecifications entry. */
function ownTags(resource: CfnResource): Map<string, string> {
  const specs = (resource.Properties?.TagSpecifications ?? []) as { ResourceType: string; Tags: unknown }[];
  const own = specs.find((s) => s.ResourceType === OWN_TAG_SPECIFICATION[resource.Type])?.Tags;
  return tagsOf(own ? { ...resource, Properties: { Tags: own } } : resource);
}

describe('stack', () => {
  it('carries the flow spec in the template Metadata', () => {
    assert.deepEqual(
      json.Metadata?.[FLOW_SPEC_METADATA_KEY],
      JSON.parse(JSON.stringify(deriveFlowSpec(blueprint))),
    );
  });

  it('is named after the blueprint and pinned to its account and region', () => {
    // The main stack first, then the backup replica's companion stack in the paired region.
    assert.deepEqual(
      result.stacks.map((s) => s.name),
      ['vectorfort-weaviate', 'vectorfort-weaviate-backup-replica'],
    );
    assert.equal(result.stack.account, '111111111111');
    assert.equal(result.stack.region, 'us-east-1');
    assert.deepEqual(result.stack.availabilityZones, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('reports the resource count and a template path inside <out>/cdk.out', () => {
    const summary = result.stacks[0]!;
    assert.equal(summary.resourceCount, Object.keys(json.Resources).length);
    assert.equal(summary.resourceTypes['AWS::EKS::Cluster'], 1);
    assert.ok(summary.templateFile.startsWith(result.assemblyDir));
    assert.ok(existsSync(summary.templateFile));
    assert.ok(readdirSync(result.assemblyDir).includes('manifest.json'));
  });

  it('tags every taggable resource with the blueprint tags, KMS keys included', () => {
    let checked = 0;
    for (const [id, resource] of Object.entries(tagged.json.Resources)) {
      const tags = ownTags(resource);
      if (!resource.Properties?.Tags && !OWN_TAG_SPECIFICATION[resource.Type]) continue;
      checked++;
      assert.equal(tags.get('team'), 'search', id);
      assert.equal(tags.get('cost-center'), '42', id);
    }
    assert.ok(checked > 80);
    assert.ok(resourcesOf(tagged.json, 'AWS::KMS::Key').every(([, k]) => tagsOf(k).get('team') === 'search'));
  });

  it('tags the resources of each AWS component with vectorfort:component', () => {
    const byComponent = new Map<string, Set<string>>();
    for (const resource of Object.values(json.Resources)) {
      const component = ownTags(resource).get(COMPONENT_TAG);
      if (!component) continue;
      byComponent.set(component, (byComponent.get(component) ?? new Set()).add(resource.Type));
    }
    const sorted = (c: string) => [...(byComponent.get(c) ?? [])].sort();
    assert.deepEqual(sorted('eks-control-plane'), ['AWS::EC2::SecurityGroup', 'AWS::EKS::Cluster']);
    assert.deepEqual(sorted('nodes-weaviate'), [
      'AWS::EC2::LaunchTemplate',
      'AWS::EC2::SecurityGroup',
      'AWS::EKS::Nodegroup',
    ]);
    assert.deepEqual(sorted('vpc-endpoints'), ['AWS::EC2::SecurityGroup', 'AWS::EC2::VPCEndpoint']);
    assert.ok(sorted('kubectl-handler').includes('AWS::Lambda::Function'));
    assert.deepEqual(sorted('client-vpn'), ['AWS::EC2::ClientVpnEndpoint', 'AWS::EC2::SecurityGroup']);
    assert.deepEqual(sorted('notifier'), ['AWS::EC2::SecurityGroup', 'AWS::Lambda::Function']);
    const awsTags = deriveFlowSpec(blueprint).components.flatMap((c) => (c.awsTag ? [c.awsTag] : []));
    assert.deepEqual([...byComponent.keys()].sort(), [...awsTags].sort());
  });

  it('exposes what the workload, edge and detection constructs need', () => {
    const stack = result.stack;
    assert.equal(stack.cluster.cluster.kubectlProvider !== undefined, true);
    assert.equal(stack.cluster.clusterName, 'weaviate');
    assert.equal(stack.names.keyAliasArn.ebs, 'arn:aws:kms:us-east-1:111111111111:alias/weaviate/ebs');
    assert.ok(stack.network.securityGroups.securityGroup('kubectl-handler'));
    assert.ok(stack.keys.key('alerting'));
    assert.equal(stack.backup.bucket.node.id, 'Bucket');
  });
});
