/**
 * Two definitions of one object or stack are both kept and evaluated, and paired for VF-K8S-014; the copies our
 * own output carries twice (manifest files and the stack's embedded manifests), when identical, are not.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { control as definedOnce } from '../../src/controls/k8s/defined-once.js';
import { inventoryFromObjects, loadInventory } from '../../src/inventory/index.js';

const work = mkdtempSync(join(tmpdir(), 'vf-redeclared-'));

/** A cloud assembly directory with one stack deployed as `stackName` to `environment`. */
function assembly(dir: string, stackName: string, environment: string): string {
  const path = join(work, dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(
    join(path, 'manifest.json'),
    JSON.stringify({
      version: '36.0.0',
      artifacts: {
        Shop: {
          type: 'aws:cloudformation:stack',
          environment,
          properties: { templateFile: 'Shop.template.json', stackName },
        },
      },
    }),
  );
  writeFileSync(
    join(path, 'Shop.template.json'),
    JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
  );
  return path;
}

const policy = (egress: unknown[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'shop' },
  spec: { podSelector: {}, policyTypes: ['Egress'], egress },
});

function applying(object: Record<string, unknown>) {
  return {
    Stack: {
      Resources: {
        Manifest: {
          Type: 'Custom::AWSCDK-EKS-KubernetesResource',
          Properties: { Manifest: JSON.stringify([object]) },
        },
      },
    },
  };
}

describe('objects and stacks defined twice', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('pairs two assemblies deploying the same stack to the same environment, and VF-K8S-014 fails it', async () => {
    const inventory = await loadInventory([
      assembly('blue', 'shop', 'aws://111111111111/eu-west-1'),
      assembly('green', 'shop', 'aws://111111111111/eu-west-1'),
    ]);
    // Both templates are read: nothing is shadowed.
    assert.deepEqual(
      inventory.cfn.map((r) => r.key),
      ['Shop-2/Topic', 'Shop/Topic'],
    );
    assert.equal(inventory.redeclaredStacks?.length, 1);
    const results = definedOnce.check(inventory, { now: new Date() });
    assert.deepEqual(
      results.map((r) => [r.status, r.resource.type, r.resource.id]),
      [['fail', 'AWS::CloudFormation::Stack', 'shop']],
    );
    assert.match(
      results[0]!.message,
      /stack shop in 111111111111\/eu-west-1 is defined by two templates: \S*blue\S* and \S*green\S*/,
    );
  });

  it('does not pair the same stack name in two regions', async () => {
    const inventory = await loadInventory([
      assembly('eu', 'shop', 'aws://111111111111/eu-west-1'),
      assembly('us', 'shop', 'aws://111111111111/us-east-1'),
    ]);
    assert.deepEqual(inventory.redeclaredStacks, []);
  });

  it('evaluates a manifest file and an embedded copy that differ, but one identical copy only once', () => {
    const same = inventoryFromObjects({ manifests: [policy([])], templates: applying(policy([])) });
    assert.equal(same.k8s.length, 1);
    assert.equal(same.redeclared?.length, 1);
    const different = inventoryFromObjects({ manifests: [policy([])], templates: applying(policy([{}])) });
    assert.deepEqual(
      different.k8s.map((o) => [o.location.file, o.embeddedIn ?? 'file']),
      [
        ['manifests', 'file'],
        ['Stack', 'Stack/Manifest'],
      ],
    );
    // A file and a template applying the same object are VF-K8S-013's to compare, not a duplicate.
    assert.deepEqual(
      definedOnce.check(different, { now: new Date() }).filter((r) => r.status === 'fail'),
      [],
    );
  });
});
