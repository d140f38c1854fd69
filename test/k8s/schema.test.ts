import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCharts } from '../../src/k8s/index.js';
import { podSpecOf, render, restrictedViolations, validateObject, type K8sObject } from './helpers.js';
import { VARIANTS } from './variants.js';

describe('rendered manifests', () => {
  for (const [name, input] of Object.entries(VARIANTS)) {
    it(`validate against the Kubernetes, Istio and Prometheus Operator models (${name})`, () => {
      const r = render(input);
      assert.ok(r.objects.length > 20);
      for (const o of r.objects) assert.doesNotThrow(() => validateObject(o), `${o.kind} ${o.metadata.name}`);
    });

    it(`run every pod under the restricted Pod Security profile (${name})`, () => {
      const pods = render(input).objects.filter((o) => podSpecOf(o));
      assert.ok(pods.length >= 1);
      for (const o of pods) assert.deepEqual(restrictedViolations(podSpecOf(o)!), [], o.metadata.name);
    });

    it(`expose no Service as LoadBalancer or NodePort (${name})`, () => {
      for (const s of render(input).objects.filter((o) => o.kind === 'Service'))
        assert.equal((s.spec as { type?: string }).type, 'ClusterIP', s.metadata.name);
    });
  }

  it('are plain data, identical on every render', () => {
    const { blueprint, spec, charts } = render({});
    assert.deepEqual(renderCharts(blueprint, spec), charts);
    assert.deepEqual(JSON.parse(JSON.stringify(charts)), charts);
  });

  it('come in apply order: namespaces, policies, mesh, weaviate, monitoring, backups', () => {
    const charts = render({}).charts;
    assert.deepEqual(
      charts.map((c) => [c.name, c.order]),
      [
        ['namespaces', 0],
        ['network-policies', 1],
        ['mesh', 2],
        ['weaviate', 3],
        ['monitoring', 4],
        ['backups', 6],
      ],
    );
  });

  it('name namespaced objects uniquely per chart', () => {
    for (const chart of render({}).charts) {
      const keys = (chart.objects as K8sObject[]).map(
        (o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
      );
      assert.equal(new Set(keys).size, keys.length, chart.name);
    }
  });
});

describe('the validators used above', () => {
  const sts = () =>
    structuredClone(render({}).objects.find((o) => o.kind === 'StatefulSet')!) as K8sObject & {
      spec: { replicas: unknown; template: { spec: Record<string, unknown> } };
    };

  it('reject an object that breaks its schema', () => {
    const broken = sts();
    broken.spec.replicas = 'three';
    assert.throws(() => validateObject(broken));
  });

  it('reject a kind with no model', () => {
    assert.throws(() =>
      validateObject({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } }),
    );
  });

  it('find each restricted violation', () => {
    const pod = sts().spec.template.spec as unknown as Parameters<typeof restrictedViolations>[0];
    const c = pod.containers[0]!;
    c.securityContext = { ...c.securityContext, allowPrivilegeEscalation: undefined, capabilities: {} };
    pod.securityContext = { ...pod.securityContext, seccompProfile: undefined };
    delete c.securityContext.seccompProfile;
    pod.volumes = [...(pod.volumes ?? []), { name: 'host', hostPath: { path: '/' } }];
    assert.deepEqual(restrictedViolations(pod).sort(), [
      'allowPrivilegeEscalation: weaviate',
      'capabilities drop ALL: weaviate',
      'restrictedVolumes: host',
      'seccompProfile: weaviate',
    ]);
  });

  it('accept a container that omits seccomp when the pod sets it', () => {
    const pod = sts().spec.template.spec as unknown as Parameters<typeof restrictedViolations>[0];
    delete pod.containers[0]!.securityContext!.seccompProfile;
    assert.deepEqual(restrictedViolations(pod), []);
  });
});
