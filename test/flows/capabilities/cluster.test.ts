import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cluster, podsToInstanceMetadata } from '../../../src/flows/capabilities/cluster.js';
import { contextFor, denialLine, flowSections } from './helpers.js';

describe('capability: cluster', () => {
  it('declares the control plane, both node groups, CoreDNS and the on-node services', () => {
    const parts = cluster(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.awsTag ?? c.cidrs?.join(',') ?? c.k8s?.namespace]),
      [
        ['kube-dns', 'data', 'kube-system'],
        ['eks-api', 'endpoints', 'eks-control-plane'],
        ['nodes-system', 'data', 'nodes-system'],
        ['nodes-weaviate', 'data', 'nodes-weaviate'],
        ['instance-metadata', 'on-node', '169.254.169.254/32'],
        ['pod-identity-agent', 'on-node', '169.254.170.23/32'],
      ],
    );
  });

  it('connects each node group and the control plane: 443 to the API, 10250 to the kubelet', () => {
    assert.deepEqual(flowSections(cluster(contextFor())), {
      'nodes-system': [
        'nodes-system-to-eks-api-kubelet-api 443/tcp security-group+network-acl',
        'eks-api-to-nodes-system-kubelet 10250/tcp security-group+network-acl',
      ],
      'nodes-weaviate': [
        'nodes-weaviate-to-eks-api-kubelet-api 443/tcp security-group+network-acl',
        'eks-api-to-nodes-weaviate-kubelet 10250/tcp security-group+network-acl',
      ],
    });
  });

  it('claims the API is closed to the internet, and the instance metadata service to the given workloads', () => {
    assert.deepEqual(cluster(contextFor()).denials.map(denialLine), [
      'eks-api-from-outside (api-access): internet -> eks-api on 443',
    ]);
    assert.equal(
      denialLine(podsToInstanceMetadata(['weaviate', 'prometheus'], false)),
      'pods-to-instance-metadata (instance-metadata): weaviate,prometheus -> instance-metadata on 80',
    );
  });
});
