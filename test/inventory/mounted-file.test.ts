/** mountedFile: which ConfigMap or Secret key a file in a container comes from, and its text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { mountedFile, type MountedFile } from '../../src/inventory/kubernetes/mounted-file.js';

type Obj = Record<string, unknown>;

function pod(container: Obj, volumes: Obj[]): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db', namespace: 'data' },
    spec: { containers: [{ name: 'db', image: 'example/db:1', ...container }], volumes },
  };
}

function configMap(name: string, data: Obj, field = 'data'): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'data' }, [field]: data };
}

/** The file at `path` in the pod's only container, with `others` in the input. */
function fileAt(path: string, podObject: Obj, ...others: Obj[]): MountedFile {
  const inventory = inventoryFromObjects({ manifests: [podObject, ...others] });
  const template = inventory.pods.find((p) => p.owner.kind === 'Pod');
  assert.ok(template, 'the pod is in the inventory');
  const container = (template.spec.containers as Obj[])[0]!;
  return mountedFile(inventory, template, container, path);
}

function textOf(file: MountedFile): string {
  assert.equal(file.kind, 'content', JSON.stringify(file));
  return file.kind === 'content' ? file.text : '';
}

describe('mountedFile', () => {
  const mounted = pod({ volumeMounts: [{ name: 'conf', mountPath: '/etc/db/' }] }, [
    { name: 'conf', configMap: { name: 'db-config' } },
  ]);

  it('reads a ConfigMap key under the mount path and names the object and key', () => {
    const file = fileAt('/etc/db/conf.yaml', mounted, configMap('db-config', { 'conf.yaml': 'a: 1' }));
    assert.equal(textOf(file), 'a: 1');
    assert.ok(file.kind === 'content');
    assert.deepEqual(
      [file.source.kind, file.source.name, file.source.key],
      ['ConfigMap', 'db-config', 'conf.yaml'],
    );
  });

  it('does not pick one of two definitions of the ConfigMap that disagree on the key', () => {
    const file = fileAt(
      '/etc/db/conf.yaml',
      mounted,
      configMap('db-config', { 'conf.yaml': 'auth: on' }),
      configMap('db-config', { 'conf.yaml': 'auth: off' }),
    );
    assert.deepEqual(file, {
      kind: 'unknown',
      reason: 'ConfigMap db-config is defined 2 times with different conf.yaml: the one applied last decides',
    });
    // Identical copies (a manifest file and the same object applied by a template) still give the content.
    const same = configMap('db-config', { 'conf.yaml': 'auth: on' });
    assert.equal(textOf(fileAt('/etc/db/conf.yaml', mounted, same, same)), 'auth: on');
  });

  it('names the object and key when the ConfigMap is not in the input', () => {
    assert.deepEqual(fileAt('/etc/db/conf.yaml', mounted), {
      kind: 'missing-object',
      source: { kind: 'ConfigMap', name: 'db-config', key: 'conf.yaml' },
    });
  });

  it('reports no file when the ConfigMap lacks the key', () => {
    const file = fileAt('/etc/db/other.yaml', mounted, configMap('db-config', { 'conf.yaml': 'a: 1' }));
    assert.deepEqual(file, { kind: 'no-file', reason: 'ConfigMap db-config has no key other.yaml' });
  });

  it('leaves a path under no mount to the image', () => {
    assert.deepEqual(fileAt('/etc/other/conf.yaml', mounted), { kind: 'not-mounted' });
  });

  it('follows items, which map keys to other paths', () => {
    const p = pod({ volumeMounts: [{ name: 'conf', mountPath: '/etc/db' }] }, [
      {
        name: 'conf',
        configMap: { name: 'db-config', items: [{ key: 'settings', path: 'nested/conf.yaml' }] },
      },
    ]);
    assert.equal(
      textOf(fileAt('/etc/db/nested/conf.yaml', p, configMap('db-config', { settings: 'b: 2' }))),
      'b: 2',
    );
    assert.equal(fileAt('/etc/db/settings', p, configMap('db-config', { settings: 'b: 2' })).kind, 'no-file');
  });

  it('follows subPath and lets the deepest mount shadow its parents', () => {
    const p = pod(
      {
        volumeMounts: [
          { name: 'data', mountPath: '/etc' },
          { name: 'conf', mountPath: '/etc/db/conf.yaml', subPath: 'conf.yaml' },
        ],
      },
      [
        { name: 'data', emptyDir: {} },
        { name: 'conf', configMap: { name: 'db-config' } },
      ],
    );
    assert.equal(
      textOf(fileAt('/etc/db/conf.yaml', p, configMap('db-config', { 'conf.yaml': 'c: 3' }))),
      'c: 3',
    );
    assert.deepEqual(fileAt('/etc/db/other', p), {
      kind: 'unknown',
      reason: 'volume data (emptyDir) holds content the input does not carry',
    });
  });

  it('decodes Secret data and binaryData from base64, and prefers stringData', () => {
    const p = pod({ volumeMounts: [{ name: 's', mountPath: '/s' }] }, [
      { name: 's', secret: { secretName: 'db' } },
    ]);
    const secret = (fields: Obj): Obj => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'data' },
      ...fields,
    });
    const encoded = Buffer.from('d: 4').toString('base64');
    assert.equal(textOf(fileAt('/s/conf.yaml', p, secret({ data: { 'conf.yaml': encoded } }))), 'd: 4');
    assert.equal(
      textOf(
        fileAt(
          '/s/conf.yaml',
          p,
          secret({ data: { 'conf.yaml': encoded }, stringData: { 'conf.yaml': 'e: 5' } }),
        ),
      ),
      'e: 5',
    );
    const binary = pod({ volumeMounts: [{ name: 'c', mountPath: '/c' }] }, [
      { name: 'c', configMap: { name: 'bin' } },
    ]);
    assert.equal(
      textOf(fileAt('/c/conf.yaml', binary, configMap('bin', { 'conf.yaml': encoded }, 'binaryData'))),
      'd: 4',
    );
  });

  it('takes a projected file from the last source that has it', () => {
    const p = pod({ volumeMounts: [{ name: 'all', mountPath: '/all' }] }, [
      {
        name: 'all',
        projected: {
          sources: [
            { configMap: { name: 'first' } },
            { configMap: { name: 'second' } },
            { downwardAPI: { items: [{ path: 'labels' }] } },
          ],
        },
      },
    ]);
    const first = configMap('first', { 'conf.yaml': 'from: first' });
    assert.equal(
      textOf(fileAt('/all/conf.yaml', p, first, configMap('second', { other: 'x' }))),
      'from: first',
    );
    assert.equal(
      textOf(fileAt('/all/conf.yaml', p, first, configMap('second', { 'conf.yaml': 'from: second' }))),
      'from: second',
    );
    assert.equal(fileAt('/all/labels', p).kind, 'unknown');
  });

  it('does not guess a subPathExpr', () => {
    const p = pod({ volumeMounts: [{ name: 'conf', mountPath: '/etc/db', subPathExpr: '$(POD_NAME)' }] }, [
      { name: 'conf', configMap: { name: 'db-config' } },
    ]);
    assert.deepEqual(fileAt('/etc/db/conf.yaml', p), {
      kind: 'unknown',
      reason: 'volume mount conf uses subPathExpr',
    });
  });
});
