import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitoring } from '../../../src/flows/capabilities/monitoring.js';
import { contextFor, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';

describe('capability: monitoring', () => {
  it('lets Prometheus scrape Weaviate and every kubelet, discover through the API and resolve names', () => {
    const parts = monitoring(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.k8s?.namespace]),
      [['prometheus', 'monitoring']],
    );
    assert.deepEqual(flowSections(parts), {
      scraping: [
        `prometheus-to-weaviate-metrics 2112/tcp ${POD}+mesh via mesh`,
        `prometheus-to-eks-api-discovery 443/tcp ${POD}`,
      ],
      dns: [`prometheus-to-kube-dns-dns 53/udp ${POD}`, `prometheus-to-kube-dns-dns-tcp 53/tcp ${POD}`],
      'nodes-system': [`prometheus-to-nodes-system-kubelet-metrics 10250/tcp ${POD}`],
      'nodes-weaviate': [`prometheus-to-nodes-weaviate-kubelet-metrics 10250/tcp ${POD}`],
    });
    assert.deepEqual(parts.workloads, ['prometheus']);
    assert.deepEqual(parts.denials, []);
  });

  it('contributes nothing when monitoring is off', () => {
    const parts = monitoring(contextFor({ monitoring: { enabled: false } }));
    assert.deepEqual(
      [parts.components, parts.flows, parts.denials, parts.workloads],
      [[], {}, [], undefined],
    );
  });
});
