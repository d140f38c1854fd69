import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mesh } from '../../../src/flows/capabilities/mesh.js';
import { contextFor, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';

describe('capability: mesh', () => {
  it('connects sidecars, the gateway and the API server with istiod on its xDS, webhook and API ports', () => {
    const parts = mesh(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.k8s?.namespace, c.k8s?.serviceAccount]),
      [['istiod', 'istio-system', 'istiod']],
    );
    assert.deepEqual(flowSections(parts), {
      dns: [`istiod-to-kube-dns-dns 53/udp ${POD}`, `istiod-to-kube-dns-dns-tcp 53/tcp ${POD}`],
      'mesh-control': [
        `weaviate-to-istiod-xds 15012/tcp ${POD}`,
        `ingress-gateway-to-istiod-xds 15012/tcp ${POD}`,
        `eks-api-to-istiod-webhook 15017/tcp ${POD}`,
        `istiod-to-eks-api-watch 443/tcp ${POD}`,
      ],
    });
    assert.deepEqual(parts.denials, []);
  });

  it('contributes nothing when the mesh is off', () => {
    const parts = mesh(contextFor({ mesh: { enabled: false } }));
    assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
  });
});
