import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminAccess } from '../../../src/flows/capabilities/admin-access.js';
import { contextFor, flowSections, INTERNAL_ALB, SITE_TO_SITE } from './helpers.js';

describe('capability: admin access', () => {
  it('lets Client VPN administrators, after source NAT, use kubectl on 443', () => {
    const parts = adminAccess(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.cidrs?.join(',') ?? c.awsTag]),
      [
        ['vpn-clients', 'admin', '10.250.0.0/22'],
        ['vpn-endpoint', 'application', 'client-vpn'],
      ],
    );
    assert.deepEqual(flowSections(parts), {
      edge: [],
      admin: [
        'vpn-clients-to-eks-api-kubectl 443/tcp security-group+network-acl',
        'vpn-endpoint-to-eks-api-kubectl 443/tcp security-group+network-acl',
      ],
    });
  });

  it('also lets them reach an internal ALB on 443', () => {
    assert.deepEqual(flowSections(adminAccess(contextFor(INTERNAL_ALB))).edge, [
      'vpn-clients-to-alb-https 443/tcp security-group+network-acl',
      'vpn-endpoint-to-alb-https 443/tcp security-group+network-acl',
    ]);
  });

  it('adds the corporate network over site-to-site VPN with its DNS resolver endpoint, and drops Client VPN when it is off', () => {
    const parts = adminAccess(
      contextFor({ adminAccess: { ...SITE_TO_SITE.adminAccess, clientVpn: { enabled: false } } }),
    );
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.cidrs?.join(',') ?? c.awsTag]),
      [
        ['on-premises', 'admin', '192.168.0.0/16'],
        ['dns-resolver', 'endpoints', 'dns-resolver'],
      ],
    );
    assert.deepEqual(flowSections(parts), {
      edge: [],
      admin: [
        'on-premises-to-dns-resolver-dns 53/udp security-group+network-acl',
        'on-premises-to-dns-resolver-dns-tcp 53/tcp security-group+network-acl',
        'on-premises-to-eks-api-kubectl 443/tcp security-group+network-acl',
      ],
    });
    assert.deepEqual(parts.denials, []);
  });
});
