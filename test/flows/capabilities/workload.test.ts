import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workload } from '../../../src/flows/capabilities/workload.js';
import { contextFor, denialLine, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';

describe('capability: workload', () => {
  it('lets clients in through the gateway only, keeps the cluster ports between Weaviate pods (TCP through the mesh), and backs up to S3', () => {
    const parts = workload(contextFor());
    assert.deepEqual(
      parts.components.map((c) => c.id),
      ['weaviate', 'ingress-gateway', 'outsider'],
    );
    assert.deepEqual(flowSections(parts), {
      'client-requests': [
        `ingress-gateway-to-weaviate-http 8080/tcp ${POD}+mesh via mesh`,
        `ingress-gateway-to-weaviate-grpc 50051/tcp ${POD}+mesh via mesh`,
      ],
      'weaviate-cluster': [
        `weaviate-to-weaviate-gossip 7946/tcp ${POD}+mesh via mesh`,
        `weaviate-to-weaviate-gossip-udp 7946/udp ${POD}`,
        `weaviate-to-weaviate-data 7947/tcp ${POD}+mesh via mesh`,
        `weaviate-to-weaviate-raft 8300/tcp ${POD}+mesh via mesh`,
        `weaviate-to-weaviate-raft-rpc 8301/tcp ${POD}+mesh via mesh`,
      ],
      dns: [
        `weaviate-to-kube-dns-dns 53/udp ${POD}`,
        `weaviate-to-kube-dns-dns-tcp 53/tcp ${POD}`,
        `ingress-gateway-to-kube-dns-dns 53/udp ${POD}`,
        `ingress-gateway-to-kube-dns-dns-tcp 53/tcp ${POD}`,
      ],
      'weaviate-aws': [
        `weaviate-to-s3-endpoint-backups 443/tcp ${POD}`,
        `weaviate-to-aws-endpoints-aws-apis 443/tcp ${POD}`,
        'weaviate-to-pod-identity-agent-credentials 80/tcp network-policy',
      ],
    });
    assert.deepEqual(parts.workloads, ['weaviate', 'ingress-gateway']);
  });

  it('claims the internet and other namespaces never reach Weaviate', () => {
    assert.deepEqual(workload(contextFor()).denials.map(denialLine), [
      'internet-to-weaviate (internet-isolation): internet -> weaviate on any port',
      'other-namespaces-to-weaviate (namespace-isolation): outsider -> weaviate on any port',
    ]);
  });

  it('follows the blueprint ports, and leaves the mesh out of client requests when the mesh is off', () => {
    const parts = workload(
      contextFor({ mesh: { enabled: false }, weaviate: { ports: { http: 9090, grpc: 9091 } } }),
    );
    assert.deepEqual(flowSections(parts)['client-requests'], [
      `ingress-gateway-to-weaviate-http 9090/tcp ${POD}`,
      `ingress-gateway-to-weaviate-grpc 9091/tcp ${POD}`,
    ]);
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.meshed]),
      [
        ['weaviate', false],
        ['ingress-gateway', false],
        ['outsider', undefined],
      ],
    );
  });
});
