import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Flow, FlowSpec } from '../../src/flows/index.js';
import { sidecarAnnotations, sidecarExclusions } from '../../src/k8s/sidecar-ports.js';

const flow = (port: number, viaMesh: boolean, protocol: 'tcp' | 'udp' = 'tcp'): Flow => ({
  id: `db-to-db-${port}-${protocol}`,
  from: 'db',
  to: 'db',
  port,
  protocol,
  description: 'peer traffic',
  enforcedBy: ['network-policy'],
  viaMesh,
});

const spec = (flows: Flow[]): FlowSpec => ({
  version: 1,
  name: 'fixture',
  vpcCidr: '10.0.0.0/16',
  subnets: [],
  components: [
    {
      id: 'db',
      description: 'database',
      tier: 'data',
      k8s: { namespace: 'db', labels: { app: 'db' } },
      meshed: true,
    },
  ],
  flows,
  denials: [],
});

describe('sidecar exclusions', () => {
  it('exclude only TCP ports the spec keeps outside the mesh, in numeric order', () => {
    const x = sidecarExclusions(
      spec([flow(10000, false), flow(2112, false), flow(8300, true), flow(7946, false, 'udp')]),
      'db',
    );
    assert.deepEqual(x.inboundPorts, [2112, 10000]);
    assert.deepEqual(x.outboundPorts, [2112, 10000]);
    assert.deepEqual(sidecarAnnotations(x), {
      'traffic.sidecar.istio.io/excludeInboundPorts': '2112,10000',
      'traffic.sidecar.istio.io/excludeOutboundPorts': '2112,10000',
    });
  });

  it('exclude nothing when every TCP flow goes through the mesh', () => {
    const x = sidecarExclusions(spec([flow(8300, true), flow(7946, false, 'udp')]), 'db');
    assert.deepEqual(sidecarAnnotations(x), {});
  });
});
