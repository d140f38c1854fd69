import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { CHART_NAMES } from '../../src/k8s/index.js';
import { READINESS_GATE_LABEL } from '../../src/k8s/namespaces.js';
import { ofKind, one, render, validateTargetGroupBinding, type K8sObject } from './helpers.js';
import { VARIANTS } from './variants.js';

const CONTROLLER_NS = 'aws-load-balancer-controller';
type Policy = INetworkPolicy & { metadata: { name: string; namespace: string } };

describe('edge chart (TargetGroupBinding) and the load balancer controller namespace', () => {
  it('binds the ingress gateway Service to the named REST and gRPC target groups, by IP', () => {
    const r = render(VARIANTS['alb exposure']!);
    const edge = r.charts.find((c) => c.name === CHART_NAMES.edge);
    assert.ok(edge, 'the edge chart is rendered when exposed');
    assert.equal(edge.order, 5, 'applied after every other chart');
    assert.equal(edge.objects.length, 2);
    for (const [name, targetGroupName] of [
      ['ingress-gateway', `${r.blueprint.name}-https`],
      ['ingress-gateway-grpc', `${r.blueprint.name}-grpcs`],
    ] as const) {
      const binding = one(r, 'TargetGroupBinding', name, 'istio-ingress');
      assert.equal(binding.apiVersion, 'elbv2.k8s.aws/v1beta1');
      assert.deepEqual(binding.spec, {
        targetGroupName,
        targetType: 'ip',
        serviceRef: { name: 'ingress-gateway', port: 8443 },
      });
      // No `networking`: the controller must not write security group rules (the flow spec owns them).
      assert.equal('networking' in binding.spec!, false);
      assert.doesNotThrow(() => validateTargetGroupBinding(binding));
    }
  });

  it('renders no binding, controller namespace or readiness-gate label for a private deployment', () => {
    const r = render({});
    assert.equal(
      r.charts.some((c) => c.name === CHART_NAMES.edge),
      false,
    );
    assert.equal(ofKind(r, 'TargetGroupBinding').length, 0);
    const names = ofKind(r, 'Namespace').map((n) => n.metadata.name);
    assert.equal(names.includes(CONTROLLER_NS), false);
    const ingress = one(r, 'Namespace', 'istio-ingress');
    assert.equal(ingress.metadata.labels?.[READINESS_GATE_LABEL], undefined);
  });

  it('gives the controller its own restricted namespace, closed by default', () => {
    const r = render(VARIANTS['alb exposure']!);
    const ns = one(r, 'Namespace', CONTROLLER_NS);
    assert.equal(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
    const deny = one(r, 'NetworkPolicy', 'default-deny-all', CONTROLLER_NS) as unknown as Policy;
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const gatewayNs = one(r, 'Namespace', 'istio-ingress');
    assert.equal(gatewayNs.metadata.labels?.[READINESS_GATE_LABEL], 'enabled');
  });

  it('opens only the controller paths the flow spec names', () => {
    const r = render(VARIANTS['alb exposure']!);
    const mine = (ofKind(r, 'NetworkPolicy') as unknown as Policy[]).filter(
      (p) => p.metadata.namespace === CONTROLLER_NS,
    );
    assert.deepEqual(mine.map((p) => p.metadata.name).sort(), [
      'default-deny-all',
      'eks-api-to-lb-controller-webhook-ingress',
      'lb-controller-to-aws-endpoints-aws-apis-egress',
      'lb-controller-to-eks-api-watch-egress',
      'lb-controller-to-kube-dns-dns-egress',
      'lb-controller-to-kube-dns-dns-tcp-egress',
      'lb-controller-to-pod-identity-agent-credentials-egress',
    ]);
    const webhook = mine.find((p) => p.metadata.name === 'eks-api-to-lb-controller-webhook-ingress')!;
    const endpointSubnets = r.spec.subnets.filter((s) => s.tier === 'endpoints').map((s) => s.cidr);
    assert.deepEqual(
      webhook.spec!.ingress![0]!.from!.map((f) => f.ipBlock!.cidr),
      endpointSubnets,
    );
    assert.deepEqual(webhook.spec!.ingress![0]!.ports, [{ protocol: 'TCP', port: 9443 }]);
    assert.deepEqual(webhook.spec!.podSelector.matchLabels, {
      'app.kubernetes.io/name': 'aws-load-balancer-controller',
      'app.kubernetes.io/instance': 'aws-load-balancer-controller',
    });
    const credentials = mine.find(
      (p) => p.metadata.name === 'lb-controller-to-pod-identity-agent-credentials-egress',
    )!;
    assert.deepEqual(credentials.spec!.egress![0]!.to, [{ ipBlock: { cidr: '169.254.170.23/32' } }]);
  });

  it('keeps the controller away from the instance metadata service', () => {
    const r = render(VARIANTS['alb exposure']!);
    const claim = r.spec.denials.find((d) => d.id === 'pods-to-instance-metadata')!;
    assert.ok(claim.from.includes('lb-controller'));
    const egress = (ofKind(r, 'NetworkPolicy') as unknown as Policy[])
      .filter((p) => p.metadata.namespace === CONTROLLER_NS)
      .flatMap((p) => p.spec!.egress ?? [])
      .flatMap((e) => e.to ?? []);
    assert.equal(
      egress.some((peer) => peer.ipBlock?.cidr === '169.254.169.254/32' || peer.ipBlock?.cidr.endsWith('/0')),
      false,
    );
  });

  it('rejects malformed bindings in the shape check', () => {
    const r = render(VARIANTS['alb exposure']!);
    const binding = one(r, 'TargetGroupBinding', 'ingress-gateway');
    const broken = (spec: Record<string, unknown>): K8sObject => ({ ...binding, spec });
    assert.throws(() =>
      validateTargetGroupBinding(broken({ ...binding.spec, targetGroupName: 'a'.repeat(33) })),
    );
    assert.throws(() =>
      validateTargetGroupBinding(
        broken({ ...binding.spec, targetGroupARN: 'arn:aws:elasticloadbalancing:x' }),
      ),
    );
    assert.throws(() => validateTargetGroupBinding(broken({ ...binding.spec, targetType: 'lambda' })));
    assert.throws(() => validateTargetGroupBinding(broken({ ...binding.spec, serviceRef: { name: '' } })));
  });
});
