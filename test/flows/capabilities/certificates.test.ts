import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificates } from '../../../src/flows/capabilities/certificates.js';
import { CERT_MANAGER } from '../../../src/flows/index.js';
import { ALB, CLOUDFRONT, contextFor, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';

describe('capability: certificates', () => {
  it('contributes nothing without exposure: nothing forwards to the gateway, so it serves no TLS', () => {
    const parts = certificates(contextFor());
    assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
  });

  for (const [name, input] of [
    ['alb', ALB],
    ['cloudfront', CLOUDFRONT],
  ] as const)
    it(`runs cert-manager's pods in their namespace, talking to the API server only (${name})`, () => {
      const parts = certificates(contextFor(input));
      assert.deepEqual(
        parts.components.map((c) => [c.id, c.k8s?.namespace, c.k8s?.serviceAccount, c.nodeGroup]),
        [
          ['cert-manager', 'cert-manager', 'cert-manager', 'system'],
          ['cert-manager-webhook', 'cert-manager', 'cert-manager-webhook', 'system'],
          ['cert-manager-cainjector', 'cert-manager', 'cert-manager-cainjector', 'system'],
          ['cert-manager-startupapicheck', 'cert-manager', 'cert-manager-startupapicheck', 'system'],
        ],
      );
      assert.deepEqual(parts.components[1]!.k8s?.labels, {
        'app.kubernetes.io/name': 'webhook',
        'app.kubernetes.io/instance': 'cert-manager',
        'app.kubernetes.io/component': 'webhook',
      });
      assert.deepEqual(flowSections(parts), {
        certificates: [
          `cert-manager-to-eks-api-watch 443/tcp ${POD}`,
          `cert-manager-webhook-to-eks-api-watch 443/tcp ${POD}`,
          `cert-manager-cainjector-to-eks-api-watch 443/tcp ${POD}`,
          `cert-manager-startupapicheck-to-eks-api-watch 443/tcp ${POD}`,
          `eks-api-to-cert-manager-webhook-webhook ${CERT_MANAGER.webhookPort}/tcp ${POD}`,
        ],
      });
      const protections = Object.values(parts.flows)
        .flat()
        .map((f) => f!.protection);
      assert.ok(protections.length > 0);
      for (const p of protections) assert.equal(p?.kind, 'tls');
      assert.deepEqual(
        parts.workloads,
        parts.components.map((c) => c.id),
      );
    });
});
