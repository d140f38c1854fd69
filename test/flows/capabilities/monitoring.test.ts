import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitoring } from '../../../src/flows/capabilities/monitoring.js';
import { contextFor, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';
const ON_NODE = 'network-policy';

describe('capability: monitoring', () => {
  it('installs the stack: Prometheus to Alertmanager, Alertmanager to SNS with Pod Identity, the operator to the API', () => {
    const parts = monitoring(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.k8s?.namespace, c.k8s?.serviceAccount, c.nodeGroup]),
      [
        ['prometheus', 'monitoring', undefined, 'system'],
        ['alertmanager', 'monitoring', 'alertmanager', 'system'],
        ['prometheus-operator', 'monitoring', 'prometheus-operator', 'system'],
      ],
    );
    const sections = flowSections(parts);
    assert.deepEqual(sections.alerting, [
      `prometheus-to-alertmanager-alerts 9093/tcp ${POD}`,
      `alertmanager-to-aws-endpoints-sns 443/tcp ${POD}`,
      `alertmanager-to-pod-identity-agent-credentials 80/tcp ${ON_NODE}`,
      `prometheus-operator-to-eks-api-watch 443/tcp ${POD}`,
    ]);
    assert.deepEqual(sections.dns, [
      `prometheus-to-kube-dns-dns 53/udp ${POD}`,
      `prometheus-to-kube-dns-dns-tcp 53/tcp ${POD}`,
      `alertmanager-to-kube-dns-dns 53/udp ${POD}`,
      `alertmanager-to-kube-dns-dns-tcp 53/tcp ${POD}`,
      `prometheus-operator-to-kube-dns-dns 53/udp ${POD}`,
      `prometheus-operator-to-kube-dns-dns-tcp 53/tcp ${POD}`,
    ]);
    assert.deepEqual(parts.workloads, ['prometheus', 'alertmanager', 'prometheus-operator']);
  });

  it('gives Alertmanager no way out without the alert topics', () => {
    const parts = monitoring(contextFor({ detection: { alerting: { enabled: false } } }));
    assert.deepEqual(flowSections(parts).alerting, [
      `prometheus-to-alertmanager-alerts 9093/tcp ${POD}`,
      `prometheus-operator-to-eks-api-watch 443/tcp ${POD}`,
    ]);
  });

  it('lets Prometheus scrape Weaviate and every kubelet, discover through the API and resolve names', () => {
    const parts = monitoring(contextFor({ monitoring: { stack: { enabled: false } } }));
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
