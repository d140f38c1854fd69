/**
 * The enclave (`enclave.enabled`): the hosts' outbound-only, mutually authenticated channel to the control
 * plane over IPv6, the only internet destination besides nothing; and the claims that make it the only one:
 * nothing on the IPv6 internet reaches the enclave (the egress-only gateway admits no inbound connection),
 * no tier reaches any other IPv6 address, and no tier has an IPv4 path to the internet at all.
 */
import { flow, NOTHING, perNodeGroup, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { CONTROL_PLANE_MTLS } from '../protection.js';
import type { Flow } from '../types.js';
import type { ComponentId } from '../ids.js';
import { ipv6Complement } from '../ipv6-complement.js';

export const enclave: Capability = ({ blueprint }) => {
  if (!blueprint.enclave.enabled) return NOTHING;
  const cp = blueprint.enclave.controlPlane;
  const toControlPlane = (from: ComponentId): Flow<ComponentId>[] =>
    cp.ports.map((port) =>
      flow({
        from,
        to: 'control-plane',
        port,
        purpose: `control-plane-${port}`,
        description: `The enclave's channel to the control plane (${cp.hostnames.join(', ')}), outbound over IPv6`,
        enforcedBy: NETWORK_LAYERS,
        protection: CONTROL_PLANE_MTLS,
      }),
    );
  return {
    components: [
      {
        id: 'control-plane',
        description: `The vendor's control plane (${cp.hostnames.join(', ')})`,
        tier: 'internet',
        cidrs: cp.ipv6Cidrs,
      },
      {
        id: 'ipv6-internet',
        description: 'Any IPv6 address on the internet',
        tier: 'internet',
        cidrs: ['::/0'],
      },
      {
        id: 'ipv6-except-control-plane',
        description: 'Every IPv6 address outside the control plane',
        tier: 'internet',
        cidrs: ipv6Complement(cp.ipv6Cidrs),
      },
    ],
    flows: {
      ...perNodeGroup(toControlPlane),
      ...(blueprint.detection.alerting.enabled ? { alerting: toControlPlane('notifier') } : {}),
    },
    denials: [
      {
        id: 'ipv6-internet-to-enclave',
        class: 'ipv6-internet-isolation',
        description: 'Nothing on the IPv6 internet reaches any tier, on any port (egress-only gateway)',
        from: ['ipv6-internet'],
        to: ['tier:application', 'tier:data', 'tier:endpoints'],
        ports: [],
      },
      {
        id: 'enclave-ipv6-egress',
        class: 'enclave-egress',
        description: 'No tier reaches an IPv6 address outside the control plane',
        from: ['tier:application', 'tier:data'],
        to: ['ipv6-except-control-plane'],
        ports: [],
      },
      {
        id: 'enclave-ipv4-egress',
        class: 'enclave-egress',
        description: 'No tier has an IPv4 path to the internet (no NAT, no internet gateway)',
        from: ['tier:application', 'tier:data'],
        to: ['internet'],
        ports: [],
      },
    ],
  };
};
