/** loadInventory on files: kinds detected, YAML short forms, cloud assemblies with nested stacks and stages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ResourceRef,
  SymbolicString,
  Unknown,
  getPath,
  loadInventory,
  type CfnResource,
  type Inventory,
} from '../../src/inventory/index.js';
import { loadInventoryFromPaths } from '../../src/inventory/load/index.js';
import { jsonLineIndex } from '../../src/inventory/load/parse-json.js';
import { InputError } from '../../src/errors.js';

const INPUTS = fileURLToPath(new URL('../fixtures/inputs/', import.meta.url));
const PARAMETERS = fileURLToPath(new URL('../fixtures/parameters/', import.meta.url));

function resource(inventory: Inventory, key: string): CfnResource {
  const found = inventory.cfn.find((r) => r.key === key);
  assert.ok(found, `no resource ${key} (have ${inventory.cfn.map((r) => r.key).join(', ')})`);
  return found;
}

describe('loadInventory: a YAML template with short forms', async () => {
  const inventory = await loadInventory([`${INPUTS}template.yaml`], {
    parameters: `${PARAMETERS}template-prod.yaml`,
  });

  it('reads the file as CloudFormation, naming the stack after the file', () => {
    assert.deepEqual(
      inventory.inputs.map((i) => i.kind),
      ['cloudformation'],
    );
    assert.ok(inventory.cfn.every((r) => r.stack === 'template'));
  });

  it('resolves !GetAtt Vpc.CidrBlock, !FindInMap, !Cidr and !If with AWS::NoValue', () => {
    const sg = resource(inventory, 'template/WebSg');
    assert.equal(getPath(sg.properties, 'SecurityGroupIngress.0.CidrIp'), '10.0.0.0/16');
    // The dev-only SSH rule is removed: IsDev is false because Env is supplied as prod.
    assert.equal((sg.properties.SecurityGroupIngress as unknown[]).length, 2);
    assert.equal(resource(inventory, 'template/Subnet').properties.CidrBlock, '10.0.0.0/24');
    assert.ok(resource(inventory, 'template/Subnet').properties.AvailabilityZone instanceof Unknown);
    assert.equal(resource(inventory, 'template/Logs').properties.RetentionInDays, 365);
    assert.equal(resource(inventory, 'template/Logs').properties.LogGroupName, '/app/prod/b');
    assert.equal(resource(inventory, 'template/Logs').tags.literal, '${NotSubstituted}');
  });

  it('keeps a parameter without default Unknown, and the stack name of a plain template unknown', () => {
    const sg = resource(inventory, 'template/WebSg');
    const admin = getPath(sg.properties, 'SecurityGroupIngress.1.CidrIp');
    assert.ok(admin instanceof Unknown);
    assert.match(admin.reason, /^parameter AdminCidr is chosen at deploy time \(it has no default\)/);
    const description = sg.properties.GroupDescription;
    assert.ok(description instanceof SymbolicString);
    assert.equal(description.toString(), 'web tier of ${?AWS::StackName} in prod');
  });

  it('marks a resource whose condition is circular as Unknown instead of failing', () => {
    const bucket = resource(inventory, 'template/LoopBucket');
    assert.ok(bucket.condition instanceof Unknown);
    assert.match(bucket.condition.reason, /cycle/);
  });

  it('records line numbers of resources', () => {
    assert.equal(resource(inventory, 'template/Vpc').location.line, 20);
    assert.equal(resource(inventory, 'template/WebSg').location.path, 'Resources.WebSg');
  });

  it('reads the Kubernetes objects an EKS KubernetesResource embeds, with references kept', () => {
    const configMap = inventory.k8s.find((o) => o.key === 'v1/ConfigMap/app/settings');
    assert.ok(configMap);
    assert.equal(configMap.embeddedIn, 'template/Manifests');
    assert.deepEqual(getPath(configMap.object as never, 'data.logGroup'), new ResourceRef('template/Logs'));
    assert.equal(getPath(configMap.object as never, 'data.env'), 'prod');
    const deployment = inventory.k8s.find((o) => o.key === 'apps/v1/Deployment/app/api');
    assert.equal(getPath(deployment!.object as never, 'spec.replicas'), 3);
    assert.deepEqual(
      inventory.pods.map((p) => p.owner.key),
      ['apps/v1/Deployment/app/api'],
    );
  });

  it('reads an EKS HelmChart as a Helm release with its values', () => {
    assert.equal(inventory.helm.length, 1);
    const chart = inventory.helm[0]!;
    assert.equal(chart.chart, 'istiod');
    assert.equal(chart.namespace, 'istio-system');
    assert.deepEqual(chart.values, { meshConfig: { accessLogFile: '/dev/stdout' }, env: 'prod' });
  });

  it('keeps the template Metadata, resolved', () => {
    assert.deepEqual(inventory.stackMetadata.template, { owner: 'team-prod' });
  });
});

describe('loadInventory: a cloud assembly', async () => {
  const inventory = await loadInventory([`${INPUTS}assembly`]);

  it('reads every stack, nested stacks and stage sub-assemblies', () => {
    assert.deepEqual(inventory.inputs, [{ path: 'test/fixtures/inputs/assembly', kind: 'cloud-assembly' }]);
    assert.deepEqual(inventory.cfn.map((r) => r.key).sort(), [
      'Parent/ChildNestedStack',
      'Parent/ChildNestedStack/Sg',
      'Parent/OtherNestedStack',
      'Parent/OtherNestedStack/Topic',
      'Parent/Rule',
      'Parent/Vpc',
      'ProdApp/Sg',
    ]);
    assert.equal(resource(inventory, 'Parent/Vpc').cdkPath, 'Parent/Vpc/Resource');
  });

  it('passes parent values into nested stack parameters, and nested outputs back', () => {
    const nested = resource(inventory, 'Parent/ChildNestedStack/Sg');
    assert.equal(getPath(nested.properties, 'SecurityGroupIngress.0.CidrIp'), '10.1.0.0/16');
    assert.deepEqual(nested.properties.VpcId, new ResourceRef('Parent/Vpc'));
    const rule = resource(inventory, 'Parent/Rule');
    assert.deepEqual(rule.properties.GroupId, new ResourceRef('Parent/ChildNestedStack/Sg'));
    assert.equal(rule.properties.CidrIp, '10.1.0.0/16');
  });

  it('finds a nested template without asset metadata through the asset manifest, in the same environment', () => {
    assert.equal(
      resource(inventory, 'Parent/OtherNestedStack/Topic').properties.TopicName,
      'eu-west-1-alerts',
    );
  });

  it('uses the environment the assembly states, and keeps agnostic stacks unknown', () => {
    assert.equal(
      resource(inventory, 'Parent/Rule').properties.Description,
      'arn:aws:ec2:eu-west-1:123456789012:parent-stack',
    );
    const prod = resource(inventory, 'ProdApp/Sg');
    assert.equal(String(prod.properties.GroupDescription), 'Prod-App in ${?AWS::Region}');
    const region = (prod.properties.GroupDescription as SymbolicString).parts[1];
    assert.ok(region instanceof Unknown);
    assert.equal(region.pseudo, 'AWS::Region');
  });

  it('resolves an import in a stage from an export of another stack of the input', () => {
    assert.equal(
      getPath(resource(inventory, 'ProdApp/Sg').properties, 'SecurityGroupIngress.0.CidrIp'),
      '10.1.0.0/16',
    );
  });

  it('reads the assembly when its manifest.json is named', async () => {
    const again = await loadInventory([`${INPUTS}assembly/manifest.json`]);
    assert.equal(again.cfn.length, inventory.cfn.length);
  });
});

describe('loadInventory: templates side by side', async () => {
  const inventory = await loadInventory([`${INPUTS}cross-stack`]);

  it('resolves Fn::ImportValue against the exports of another template file', () => {
    const sg = resource(inventory, 'app/AppSg');
    assert.deepEqual(sg.properties.VpcId, new ResourceRef('network/Vpc'));
  });

  it('keeps an import whose export name depends on the deployed stack name Unknown', () => {
    const cidr = getPath(resource(inventory, 'app/AppSg').properties, 'SecurityGroupIngress.0.CidrIp');
    assert.ok(cidr instanceof Unknown);
  });
});

describe('loadInventory: a directory of manifests', async () => {
  const inventory = await loadInventory([`${INPUTS}manifests`]);

  it('reads multi-document YAML, List items and JSON files recursively, skipping other files', () => {
    // By identity (group, kind, namespace, name), not by the order of files and documents.
    assert.deepEqual(
      inventory.k8s.map((o) => o.key),
      [
        'v1/Namespace/app',
        'v1/Service/app/db',
        'apiextensions.k8s.io/v1/CustomResourceDefinition/tenants.example.com',
        'apps/v1/StatefulSet/app/db',
        'batch/v1/Job/app/migrate',
        'example.com/v1/Tenant/acme',
      ],
    );
    assert.ok(inventory.diagnostics.some((d) => d.location?.file.endsWith('values.yaml')));
  });

  it('takes the scope of a custom kind from its CustomResourceDefinition', () => {
    const tenant = inventory.k8s.find((o) => o.kind === 'Tenant');
    assert.equal(tenant?.namespace, undefined);
  });

  it('reads YAML as Kubernetes does (0644 is octal) and records document and item lines', () => {
    const db = inventory.pods.find((p) => p.owner.name === 'db');
    assert.equal(getPath(db!.spec as never, 'volumes.0.configMap.defaultMode'), 0o644);
    assert.equal(db!.owner.location.line, 8);
    const service = inventory.k8s.find((o) => o.kind === 'Service');
    assert.deepEqual(service?.location, {
      file: 'test/fixtures/inputs/manifests/app.yaml',
      path: 'documents.3.items.0',
      line: 33,
    });
  });

  it('extracts pod templates from the StatefulSet and the Job inside the List', () => {
    assert.deepEqual(
      inventory.pods.map((p) => [p.owner.kind, p.namespace, p.specPath]),
      [
        ['StatefulSet', 'app', 'spec.template.spec'],
        ['Job', 'app', 'spec.template.spec'],
      ],
    );
  });
});

describe('loadInventory: YAML parsed in worker threads', () => {
  it('reads the same inventory as on the main thread', async () => {
    const paths = [`${INPUTS}manifests`, `${INPUTS}template.yaml`, `${INPUTS}cross-stack`];
    const inline = await loadInventoryFromPaths(paths, { maxWorkers: 0 });
    const threaded = await loadInventoryFromPaths(paths, { workerMinBytes: 0, maxWorkers: 2 });
    assert.deepEqual(threaded.k8s, inline.k8s);
    assert.deepEqual(threaded.cfn, inline.cfn);
    assert.deepEqual(threaded.inputs, inline.inputs);
  });

  it('falls back to the main thread when the worker cannot start', async () => {
    const paths = [`${INPUTS}manifests`];
    const inline = await loadInventoryFromPaths(paths, { maxWorkers: 0 });
    const fallback = await loadInventoryFromPaths(paths, {
      workerMinBytes: 0,
      workerEntry: new URL('./missing-worker.js', import.meta.url),
    });
    assert.deepEqual(fallback.k8s, inline.k8s);
  });

  it('falls back to the main thread when a worker thread cannot even be constructed', async () => {
    const paths = [`${INPUTS}manifests`];
    const inline = await loadInventoryFromPaths(paths, { maxWorkers: 0 });
    // Worker's constructor throws at once for an entry it cannot run (as it does when the system refuses a thread).
    const fallback = await loadInventoryFromPaths(paths, {
      workerMinBytes: 0,
      workerEntry: new URL('https://example.invalid/parse-worker.js'),
    });
    assert.deepEqual(fallback.k8s, inline.k8s);
    assert.deepEqual(fallback.inputs, inline.inputs);
  });

  it('refuses invalid YAML from a worker with the same InputError', async () => {
    const file = fileURLToPath(new URL('../fixtures/inputs/assembly/../manifests/app.yaml', import.meta.url));
    const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vectorfort-worker-'));
    try {
      const broken = join(dir, 'broken.yaml');
      writeFileSync(broken, `${readFileSync(file, 'utf8')}\n---\nkind: [\n`);
      const error = await loadInventoryFromPaths([broken], { workerMinBytes: 0 }).catch((e: unknown) => e);
      assert.ok(error instanceof InputError);
      assert.match(error.describe(), /broken\.yaml:\d+:\d+: invalid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON line index', () => {
  it('finds the line of each key of the first levels, past escaped quotes and backslashes', () => {
    const text = '{\n "a": {"x\\\\": 1, "k\\"q": [1,\n2]},\n "b": "s\\\\\\"t"\n, "c": {"d": {"e": 1}}}';
    assert.deepEqual(Object.fromEntries(jsonLineIndex(text, 2)), {
      '': 1,
      a: 2,
      'a.x\\': 2,
      'a.k"q': 2,
      b: 4,
      c: 5,
      'c.d': 5,
    });
  });
});
