/** No NetworkPolicy allows egress to the instance metadata service (169.254.169.254, TCP 80). */
import { cidrContains, parseCidr, parseIpAddress } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asList, asObj, networkPolicies, objectResult } from './objects.js';

const IMDS = '169.254.169.254';
const IMDS_ADDRESS = parseIpAddress(IMDS)!;

/**
 * Whether an ipBlock cidr holds the metadata address, host bits ignored as Kubernetes does; undefined when the
 * cidr cannot be read.
 */
function holdsImds(cidr: string): boolean | undefined {
  const block = parseCidr(cidr, { hostBits: 'mask', bareAddress: true });
  return block === undefined ? undefined : cidrContains(block, IMDS_ADDRESS);
}

/** Whether the rule's ports admit TCP 80: true, false, or undefined (a named port cannot be resolved). */
function admitsHttp(rule: Record<string, unknown>): boolean | undefined {
  const ports = asList(rule.ports);
  if (ports.length === 0) return true;
  let unknown = false;
  for (const p of ports.map(asObj)) {
    if (!p) continue;
    if ((p.protocol ?? 'TCP') !== 'TCP') continue;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'number') {
      const end = typeof p.endPort === 'number' ? p.endPort : p.port;
      if (p.port <= 80 && 80 <= end) return true;
    } else unknown = true;
  }
  return unknown ? undefined : false;
}

/** Whether a peer list admits the metadata address: true, false or undefined. */
function admitsImds(to: unknown): boolean | undefined {
  if (to === undefined || to === null || (Array.isArray(to) && to.length === 0)) return true;
  let unknown = false;
  for (const p of asList(to).map(asObj)) {
    const block = asObj(p?.ipBlock);
    if (!block || typeof block.cidr !== 'string') continue; // pod and namespace selectors never match a link-local host address
    const inside = holdsImds(block.cidr);
    if (inside === undefined) unknown = true;
    if (!inside) continue;
    const excepted = asList(block.except).some((e) => typeof e === 'string' && holdsImds(e) === true);
    if (!excepted) return true;
  }
  return unknown ? undefined : false;
}

export const control: Control = {
  id: 'VF-K8S-010',
  area: 'k8s',
  title: 'NetworkPolicies allow no egress to the instance metadata service',
  severity: 'high',
  rationale:
    "Pods that reach 169.254.169.254 can read the node's IAM role credentials and user data, escalating from one pod to the node's AWS permissions.",
  remediation:
    'Exclude 169.254.169.254/32 in ipBlock.except of every broad egress block (or do not allow those blocks), and use EKS Pod Identity or IRSA for AWS credentials.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.2'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['NetworkPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return networkPolicies(inventory).map((np) => {
      let unknown: string | undefined;
      for (const [i, r] of asList(asObj(np.object.spec)?.egress).entries()) {
        const rule = asObj(r);
        if (!rule) continue;
        const peers = admitsImds(rule.to);
        const ports = admitsHttp(rule);
        if (peers === true && ports === true)
          return objectResult(np, 'fail', `egress[${i}] allows ${IMDS}:80 (instance metadata)`);
        if (peers !== false && ports !== false)
          unknown = `egress[${i}] may allow ${IMDS}:80 (an address or named port cannot be read)`;
      }
      return unknown
        ? objectResult(np, 'unknown', unknown)
        : objectResult(np, 'pass', `no egress rule allows ${IMDS}`);
    });
  },
};
