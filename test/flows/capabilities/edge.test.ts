import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edge } from '../../../src/flows/capabilities/edge.js';
import { ALB, CLOUDFRONT, contextFor, flowSections, INTERNAL_ALB } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';
/** The controller's and the load balancer's own flows, the same for every exposure. */
const CONTROLLER = [
  'alb-to-ingress-gateway-https 8443/tcp security-group+network-acl+network-policy',
  `lb-controller-to-eks-api-watch 443/tcp ${POD}`,
  `lb-controller-to-aws-endpoints-aws-apis 443/tcp ${POD}`,
  'lb-controller-to-pod-identity-agent-credentials 80/tcp network-policy',
  `eks-api-to-lb-controller-webhook 9443/tcp ${POD}`,
];

describe('capability: edge', () => {
  it('contributes nothing for a private deployment (the default)', () => {
    const parts = edge(contextFor());
    assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
  });

  it('puts an internet-facing ALB in the public tier, open to the internet on 443 and 80 (redirect)', () => {
    const parts = edge(contextFor(ALB));
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier]),
      [
        ['alb', 'public'],
        ['lb-controller', 'data'],
      ],
    );
    assert.equal(parts.components[0]!.cidrs?.length, 3, 'one public subnet per zone');
    assert.deepEqual(flowSections(parts), {
      dns: [`lb-controller-to-kube-dns-dns 53/udp ${POD}`, `lb-controller-to-kube-dns-dns-tcp 53/tcp ${POD}`],
      edge: [
        ...CONTROLLER,
        'internet-to-alb-https 443/tcp security-group+network-acl',
        'internet-to-alb-http-redirect 80/tcp security-group+network-acl',
      ],
    });
    assert.deepEqual(parts.workloads, ['lb-controller']);
  });

  it('admits only CloudFront (443) in front of the ALB with exposure cloudfront', () => {
    const parts = edge(contextFor(CLOUDFRONT));
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.prefixList]),
      [
        ['alb', undefined],
        ['lb-controller', undefined],
        ['cloudfront', 'com.amazonaws.global.cloudfront.origin-facing'],
      ],
    );
    assert.deepEqual(flowSections(parts).edge, [
      ...CONTROLLER,
      'cloudfront-to-alb-https 443/tcp security-group+network-acl',
    ]);
  });

  it('admits no outside source to an internal ALB, placed in the application tier', () => {
    const parts = edge(contextFor(INTERNAL_ALB));
    assert.equal(parts.components[0]!.tier, 'application');
    assert.deepEqual(flowSections(parts).edge, CONTROLLER);
  });
});
