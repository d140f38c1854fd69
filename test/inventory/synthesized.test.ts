/** The inventory of vectorfort's own synthesized cloud assembly: every resource read, references resolved. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceRef, getPath, loadInventory } from '../../src/inventory/index.js';
import { KUBERNETES_RESOURCE_TYPE } from '../../src/inventory/cloudformation/resources.js';
import { logicalIdAt, resourcesOf, synth } from '../aws/synth-helper.js';

describe('inventory of the default synthesized assembly', async () => {
  const { result, json } = synth();
  const inventory = await loadInventory([result.assemblyDir]);
  const stack = result.stacks[0]!.name;
  const byId = new Map(inventory.cfn.map((r) => [r.logicalId, r]));

  it('reads every resource of the template, keyed Stack/LogicalId, without warnings', () => {
    // The main stack's resources; the backup replica's companion stack is read beside it, under its own name.
    const main = inventory.cfn.filter((r) => r.key.startsWith(`${stack}/`));
    assert.equal(main.length, Object.keys(json.Resources).length);
    const others = inventory.cfn.filter((r) => !r.key.startsWith(`${stack}/`));
    assert.ok(others.length > 0 && others.every((r) => r.key.startsWith(`${stack}-backup-replica/`)));
    for (const id of Object.keys(json.Resources)) assert.ok(byId.get(id)?.key === `${stack}/${id}`, id);
    assert.deepEqual(
      inventory.diagnostics.filter((d) => d.severity === 'warning'),
      [],
    );
  });

  it('resolves the region from the assembly environment', () => {
    const [id] = resourcesOf(json, 'AWS::EC2::VPCEndpoint').find(([, r]) =>
      JSON.stringify(r.Properties).includes('AWS::Region'),
    )!;
    assert.match(
      String(byId.get(id)!.properties.ServiceName),
      /^com\.amazonaws\.[a-z]+-[a-z]+-\d\.[a-z0-9.-]+$/,
    );
  });

  it('normalizes GetAtt GroupId to the security group reference and keeps runtime attributes as references', () => {
    const [clusterId] = resourcesOf(json, 'AWS::EKS::Cluster')[0]!;
    const cluster = byId.get(clusterId)!;
    const groups = getPath(cluster.properties, 'ResourcesVpcConfig.SecurityGroupIds') as ResourceRef[];
    assert.ok(groups.length > 0);
    for (const group of groups) {
      assert.ok(group instanceof ResourceRef);
      assert.equal(group.attribute, undefined);
      assert.equal(byId.get(group.target.split('/')[1]!)?.type, 'AWS::EC2::SecurityGroup');
    }
    const keyArn = getPath(cluster.properties, 'EncryptionConfig.0.Provider.KeyArn');
    assert.ok(keyArn instanceof ResourceRef && keyArn.attribute === 'Arn');
    assert.equal(byId.get(keyArn.target.split('/')[1]!)?.type, 'AWS::KMS::Key');
  });

  it('keeps the CDK construct path and the flow spec metadata', () => {
    const [clusterId] = resourcesOf(json, 'AWS::EKS::Cluster')[0]!;
    assert.equal(logicalIdAt(json, byId.get(clusterId)!.cdkPath!.split('/').slice(1).join('/')), clusterId);
    assert.ok(getPath(inventory.stackMetadata[stack], 'vectorfort:flowSpec.version') === 1);
  });

  it('reads the objects of every embedded Kubernetes manifest', () => {
    const embedding = resourcesOf(json, KUBERNETES_RESOURCE_TYPE).map(([id]) => `${stack}/${id}`);
    assert.deepEqual([...new Set(inventory.k8s.map((o) => o.embeddedIn))].sort(), embedding.sort());
  });
});
