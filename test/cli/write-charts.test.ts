import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { writeCharts } from '../../src/cli/write-charts.js';

const roots: string[] = [];
after(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('writeCharts', () => {
  it('writes one multi-document file per chart in apply order and removes stale files', () => {
    const root = mkdtempSync(join(tmpdir(), 'vectorfort-charts-'));
    roots.push(root);
    const dir = join(root, 'k8s');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.yaml'), 'kind: Old\n');
    const files = writeCharts(dir, [
      { name: 'weaviate', order: 20, objects: [{ kind: 'StatefulSet', metadata: { name: 'weaviate' } }] },
      {
        name: 'namespaces',
        order: 10,
        objects: [
          { kind: 'Namespace', metadata: { name: 'a' } },
          { kind: 'Namespace', metadata: { name: 'b' } },
        ],
      },
    ]);
    assert.deepEqual(files, [join(dir, 'namespaces.yaml'), join(dir, 'weaviate.yaml')]);
    assert.deepEqual(readdirSync(dir).sort(), ['namespaces.yaml', 'weaviate.yaml']);
    const docs = parseAllDocuments(readFileSync(join(dir, 'namespaces.yaml'), 'utf8')).map((d) => d.toJS());
    assert.deepEqual(docs, [
      { kind: 'Namespace', metadata: { name: 'a' } },
      { kind: 'Namespace', metadata: { name: 'b' } },
    ]);
    assert.deepEqual(readdirSync(root), ['k8s'], 'no staging directory left behind');
  });

  it('leaves the previous files in place when writing fails', () => {
    const root = mkdtempSync(join(tmpdir(), 'vectorfort-charts-'));
    roots.push(root);
    const dir = join(root, 'k8s');
    writeCharts(dir, [{ name: 'ok', order: 1, objects: [{ kind: 'ConfigMap' }] }]);
    assert.throws(() => writeCharts(dir, [{ name: 'bad/name', order: 1, objects: [{ kind: 'ConfigMap' }] }]));
    assert.deepEqual(readdirSync(dir), ['ok.yaml']);
    assert.deepEqual(readdirSync(root), ['k8s'], 'no staging directory left behind');
  });
});
