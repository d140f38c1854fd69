/**
 * evaluateControls: findings carry the control's metadata, acknowledgements apply to failing and unknown
 * results of the named control on the named resource only (with a real reason), acknowledgements that cannot be applied become
 * findings, and a check that throws yields `unknown`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVALID_ACKNOWLEDGEMENT_RULE } from '../../src/controls/acknowledge.js';
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
    resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}`, file: o.location.file },
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

  it('reports each acknowledgement that cannot be applied as a failing finding naming its file and path', () => {
    const findings = evaluateControls(inventory, [control('VF-K8S-901', failEach)], { now: new Date() });
    const problems = findings.filter((f) => f.ruleId === INVALID_ACKNOWLEDGEMENT_RULE);
    assert.deepEqual(
      problems.map((f) => [f.status, f.resource.type, f.resource.id, f.resource.file, f.resource.path]),
      [
        [
          'fail',
          'v1/Pod',
          'apps/broken',
          'manifests',
          'documents.3.metadata.annotations["vectorfort.dev/acknowledge"]',
        ],
        [
          'fail',
          'v1/Pod',
          'apps/short',
          'manifests',
          'documents.1.metadata.annotations["vectorfort.dev/acknowledge"].VF-K8S-901',
        ],
      ],
    );
    assert.match(problems[0]!.message, /is not JSON/);
    assert.match(problems[1]!.message, /needs a reason of at least 10 characters, got "ok"/);
  });

  it('carries the control metadata and remediation on failing findings only', () => {
    const mixed = control('VF-K8S-903', (inv) =>
      inv.k8s.slice(0, 2).map((o, i) => ({
        status: i === 0 ? 'pass' : 'fail',
        resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}` },
        message: i === 0 ? 'fine' : 'bad',
      })),
    );
    const clean = inventoryFromObjects({ manifests: [pod('first'), pod('second')] });
    const [pass, fail] = evaluateControls(clean, [mixed], { now: new Date() });
    assert.equal(pass!.remediation, undefined);
    assert.equal(fail!.remediation, 'Change the thing under test.');
    assert.deepEqual(fail!.frameworks, { 'nist-csf-2.0': ['PR.PS-01'] });
    assert.equal(fail!.severity, 'high');
  });

  it('applies an acknowledgement to an unknown result, which stays unknown, and never to a pass', () => {
    const byStatus: Control['check'] = (inv) =>
      inv.k8s.map((o) => ({
        status: o.name === 'unknown' ? 'unknown' : 'pass',
        resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}`, file: o.location.file },
        message: 'cannot tell',
      }));
    const reason = 'reviewed: provided by the organisation';
    const acked = { 'vectorfort.dev/acknowledge': JSON.stringify({ 'VF-K8S-906': reason }) };
    const findings = evaluateControls(
      inventoryFromObjects({ manifests: [pod('unknown', acked), pod('passing', acked)] }),
      [control('VF-K8S-906', byStatus)],
      { now: new Date() },
    );
    assert.deepEqual(
      findings.map((f) => [f.resource.id, f.status, f.acknowledged?.reason]),
      [
        ['apps/passing', 'pass', undefined],
        ['apps/unknown', 'unknown', reason],
      ],
    );
  });

  it('turns a check that throws into one unknown finding instead of crashing', () => {
    const throwing = control('VF-K8S-904', () => {
      throw new Error('boom');
    });
    const findings = evaluateControls(inventoryFromObjects({ manifests: [pod('plain')] }), [throwing], {
      now: new Date(),
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.status, 'unknown');
    assert.match(findings[0]!.message, /boom/);
  });
});

describe('evaluateControls matches an acknowledgement to the resource that carries it', () => {
  const ack = (id: Control['id']) => ({
    'vectorfort.dev/acknowledge': JSON.stringify({ [id]: 'reviewed: accepted for this object only' }),
  });
  const failOn = (id: Control['id'], resources: readonly { type: string; id: string; file?: string }[]) =>
    control(id, () => resources.map((resource) => ({ status: 'fail', resource, message: 'bad' })));
  const reasons = (
    findings: readonly { ruleId: string; resource: { type: string }; acknowledged?: object }[],
  ) =>
    findings
      .filter((f) => f.ruleId !== INVALID_ACKNOWLEDGEMENT_RULE)
      .map((f) => [f.resource.type, f.acknowledged !== undefined]);

  it('does not let a ConfigMap acknowledge the Deployment of the same name', () => {
    const inventory = inventoryFromObjects({
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'web', namespace: 'apps', annotations: ack('VF-K8S-905') },
        },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps' }, spec: {} },
      ],
    });
    const check = failOn('VF-K8S-905', [
      { type: 'apps/v1/Deployment', id: 'apps/web', file: 'manifests' },
      { type: 'v1/ConfigMap', id: 'apps/web', file: 'manifests' },
    ]);
    const findings = evaluateControls(inventory, [check], { now: new Date() });
    assert.deepEqual(reasons(findings), [
      ['apps/v1/Deployment', false],
      ['v1/ConfigMap', true],
    ]);
  });

  it('applies to every version of the same API group and kind', () => {
    const inventory = inventoryFromObjects({
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'apps', annotations: ack('VF-K8S-905') },
          spec: {},
        },
      ],
    });
    const check = failOn('VF-K8S-905', [
      { type: 'apps/v1beta2/Deployment', id: 'apps/web', file: 'manifests' },
      { type: 'extensions/v1beta1/Deployment', id: 'apps/web', file: 'manifests' },
    ]);
    const findings = evaluateControls(inventory, [check], { now: new Date() });
    assert.deepEqual(reasons(findings), [
      ['apps/v1beta2/Deployment', true],
      ['extensions/v1beta1/Deployment', false],
    ]);
  });

  it("does not let a CloudFormation resource's metadata acknowledge a Kubernetes object with the same name", () => {
    const inventory = inventoryFromObjects({
      templates: {
        apps: {
          Resources: {
            web: {
              Type: 'AWS::SQS::Queue',
              Metadata: {
                vectorfort: { acknowledge: { 'VF-K8S-905': 'reviewed: accepted for the queue only' } },
              },
            },
          },
        },
      },
      manifests: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps' }, spec: {} },
      ],
    });
    const check = failOn('VF-K8S-905', [
      { type: 'apps/v1/Deployment', id: 'apps/web', file: 'manifests' },
      { type: 'AWS::SQS::Queue', id: 'apps/web', file: 'apps' },
    ]);
    const findings = evaluateControls(inventory, [check], { now: new Date() });
    assert.deepEqual(reasons(findings), [
      ['apps/v1/Deployment', false],
      ['AWS::SQS::Queue', true],
    ]);
  });

  it('does not apply to a finding from another input file or one that names no file', () => {
    const inventory = inventoryFromObjects({
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'web', namespace: 'apps', annotations: ack('VF-K8S-905') },
        },
      ],
    });
    const check = failOn('VF-K8S-905', [
      { type: 'v1/Pod', id: 'apps/web', file: 'other.yaml' },
      { type: 'v1/Pod', id: 'apps/web' },
      { type: 'v1/Pod', id: 'apps/web', file: 'manifests' },
    ]);
    const findings = evaluateControls(inventory, [check], { now: new Date() });
    assert.deepEqual(
      findings.map((f) => [f.resource.file, f.acknowledged !== undefined]),
      [
        ['other.yaml', false],
        [undefined, false],
        ['manifests', true],
      ],
    );
  });
});

describe('evaluateControls sharing what findings repeat', () => {
  const inventory = inventoryFromObjects({ manifests: [pod('other'), pod('short')] });

  it('holds one copy of each message and locator across controls, keeping locators that differ apart', () => {
    const differentOrder: Control['check'] = (inv) =>
      inv.k8s.map((o) => ({
        status: 'pass',
        resource: { id: `${o.namespace}/${o.name}`, type: 'v1/Pod', file: o.location.file },
        message: ['b', 'a', 'd'].join(''),
      }));
    const findings = evaluateControls(
      inventory,
      [
        control('VF-K8S-901', failEach),
        control('VF-K8S-902', failEach),
        control('VF-K8S-903', differentOrder),
      ],
      { now: new Date() },
    );
    const of = (rule: string, id: string) => findings.find((f) => f.ruleId === rule && f.resource.id === id)!;
    assert.equal(of('VF-K8S-901', 'apps/other').resource, of('VF-K8S-902', 'apps/other').resource);
    assert.notEqual(of('VF-K8S-901', 'apps/other').resource, of('VF-K8S-901', 'apps/short').resource);
    // The same fields in another order write another JSON text: that locator stays as the control made it.
    const reordered = of('VF-K8S-903', 'apps/other').resource;
    assert.notEqual(reordered, of('VF-K8S-901', 'apps/other').resource);
    assert.deepEqual(Object.keys(reordered), ['id', 'type', 'file']);
    assert.equal(of('VF-K8S-903', 'apps/other').message, 'bad', 'a shared message reads as the one made');
  });

  it('shares only locators whose every field holds the same value, and still reports past its bound', () => {
    // Forty places on one line of one file, each named twice: more than are kept to share there, so the later
    // ones are not shared, and every finding must still name its own place.
    const places: Control['check'] = () =>
      Array.from({ length: 80 }, (_, i) => ({
        status: 'fail' as const,
        resource: { type: 'v1/Pod', id: 'apps/other', path: `spec.containers.${i % 40}`, line: 7 },
        message: 'bad',
      }));
    const mixed: Control['check'] = () => [
      {
        status: 'fail',
        resource: { type: 'v1/Pod', id: 'apps/other', path: 'spec.containers.0', line: 8 },
        message: 'x',
      },
      {
        status: 'fail',
        resource: { type: 'v1/Pod', id: 'apps/other', path: 'spec.containers.0', line: 7, file: undefined },
        message: 'x',
      },
      {
        status: 'fail',
        resource: { type: 'v1/Service', id: 'apps/other', path: 'spec.containers.0', line: 7 },
        message: 'x',
      },
    ];
    const findings = evaluateControls(
      inventory,
      [control('VF-K8S-901', places), control('VF-K8S-902', mixed)],
      { now: new Date() },
    );
    const located = findings.filter((f) => f.ruleId === 'VF-K8S-901').map((f) => f.resource);
    assert.deepEqual(
      located.map((r) => [r.path, r.line]),
      Array.from({ length: 80 }, (_, i) => [`spec.containers.${i % 40}`, 7]),
    );
    assert.equal(located[40], located[0], 'a place named again is shared');
    assert.notEqual(located[79], located[39], 'past the bound a place keeps its own locator');
    assert.deepEqual(located[79], located[39]);
    const [otherLine, extraField, otherType] = findings
      .filter((f) => f.ruleId === 'VF-K8S-902')
      .map((f) => f.resource);
    assert.notEqual(otherLine, located[0]);
    assert.equal(otherLine!.line, 8);
    assert.notEqual(extraField, located[0], 'a field more, even undefined, is another locator');
    assert.ok('file' in extraField!);
    assert.notEqual(otherType, located[0]);
    assert.equal(otherType!.type, 'v1/Service');
  });
});
