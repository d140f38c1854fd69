/**
 * evaluateControls: findings carry the control's metadata, acknowledgements apply to failing results of the
 * named control on the named resource only (with a real reason), and a check that throws yields `unknown`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateControls } from '../../src/controls/evaluate.js';
import type { Control } from '../../src/controls/types.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

function control(id: Control['id'], results: Control['check']): Control {
  return {
    id,
    area: 'k8s',
    title: 'A test control',
    severity: 'high',
    rationale: 'Because tests need one.',
    remediation: 'Change the thing under test.',
    references: ['https://example.org'],
    frameworks: { 'nist-csf-2.0': ['PR.PS-01'] },
    appliesTo: ['Pod'],
    since: '0.1.0',
    check: results,
  };
}

const pod = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'apps', annotations },
  spec: { containers: [{ name: 'c', image: 'x:1' }] },
});

const failEach: Control['check'] = (inv) =>
  inv.k8s.map((o) => ({
    status: 'fail',
    resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}` },
    message: 'bad',
  }));

describe('evaluateControls', () => {
  const inventory = inventoryFromObjects({
    manifests: [
      pod('acked', {
        'vectorfort.dev/acknowledge': JSON.stringify({ 'VF-K8S-901': 'reviewed: the sidecar needs it' }),
      }),
      pod('short', { 'vectorfort.dev/acknowledge': JSON.stringify({ 'VF-K8S-901': 'ok' }) }),
      pod('other', {
        'vectorfort.dev/acknowledge': JSON.stringify({ 'VF-K8S-902': 'reviewed: a different control' }),
      }),
      pod('broken', { 'vectorfort.dev/acknowledge': '{not json' }),
    ],
  });

  it('acknowledges only the named control on the named resource with a reason of ten characters or more', () => {
    const findings = evaluateControls(inventory, [control('VF-K8S-901', failEach)], { now: new Date() });
    const byId = Object.fromEntries(findings.map((f) => [f.resource.id, f]));
    assert.deepEqual(byId['apps/acked']!.acknowledged, { reason: 'reviewed: the sidecar needs it' });
    assert.equal(byId['apps/acked']!.status, 'fail', 'an acknowledged finding keeps its status');
    for (const id of ['apps/short', 'apps/other', 'apps/broken'])
      assert.equal(byId[id]!.acknowledged, undefined, id);
  });

  it('carries the control metadata and remediation on failing findings only', () => {
    const mixed = control('VF-K8S-903', (inv) =>
      inv.k8s.slice(0, 2).map((o, i) => ({
        status: i === 0 ? 'pass' : 'fail',
        resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}` },
        message: i === 0 ? 'fine' : 'bad',
      })),
    );
    const [pass, fail] = evaluateControls(inventory, [mixed], { now: new Date() });
    assert.equal(pass!.remediation, undefined);
    assert.equal(fail!.remediation, 'Change the thing under test.');
    assert.deepEqual(fail!.frameworks, { 'nist-csf-2.0': ['PR.PS-01'] });
    assert.equal(fail!.severity, 'high');
  });

  it('turns a check that throws into one unknown finding instead of crashing', () => {
    const throwing = control('VF-K8S-904', () => {
      throw new Error('boom');
    });
    const findings = evaluateControls(inventory, [throwing], { now: new Date() });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.status, 'unknown');
    assert.match(findings[0]!.message, /boom/);
  });
});
