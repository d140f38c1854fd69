/** No NetworkPolicy allows egress to the instance metadata service (169.254.169.254, TCP 80). */
import { cidrContains, parseCidr, parseIpAddress } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
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

/** Whether a port entry covers port 80: true, false, or undefined (a named or undetermined port). */
function coversPort80(p: Record<string, unknown>): boolean | undefined {
  if (p.port === undefined || p.port === null) return true;
  if (typeof p.port !== 'number' || isSymbolic(p.endPort)) return undefined;
  const end = typeof p.endPort === 'number' ? p.endPort : p.port;
  return p.port <= 80 && 80 <= end;
}

/** Whether the rule's ports admit TCP 80: true, false, or undefined (a named or undetermined port). */
function admitsHttp(rule: Record<string, unknown>): boolean | undefined {
  if (isSymbolic(rule.ports)) return undefined;
  const ports = asList(rule.ports);
  if (ports.length === 0) return true;
  let unknown = false;
  for (const entry of ports) {
    const p = asObj(entry);
    if (!p) {
      unknown ||= isSymbolic(entry);
      continue;
    }
    const protocol = p.protocol ?? 'TCP';
    if (!isSymbolic(protocol) && protocol !== 'TCP') continue;
    const covers = coversPort80(p);
    if (covers === false) continue;
    if (covers === true && !isSymbolic(protocol)) return true;
    unknown = true;
  }
  return unknown ? undefined : false;
}

/** Whether a peer list admits the metadata address: true, false or undefined (a peer cannot be read). */
function admitsImds(to: unknown): boolean | undefined {
  if (isSymbolic(to)) return undefined;
  if (to === undefined || to === null || (Array.isArray(to) && to.length === 0)) return true;
  let unknown = false;
  for (const peer of asList(to)) {
    const block = isSymbolic(peer) ? peer : asObj(peer)?.ipBlock;
    if (isSymbolic(block) || isSymbolic(asObj(block)?.cidr)) {
      unknown = true;
      continue;
    }
    const cidr = asObj(block)?.cidr;
    if (typeof cidr !== 'string') continue; // pod and namespace selectors never match a link-local host address
    const inside = holdsImds(cidr);
    if (inside === undefined) unknown = true;
    if (!inside) continue;
    const except = asObj(block)!.except;
    const exceptions = isSymbolic(except) ? [except] : asList(except);
    if (exceptions.some((e) => typeof e === 'string' && holdsImds(e) === true)) continue;
    if (exceptions.some(isSymbolic)) unknown = true;
    else return true;
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
      const spec = np.object.spec;
      const egress = isSymbolic(spec) ? spec : asObj(spec)?.egress;
      if (isSymbolic(egress))
        return objectResult(np, 'unknown', `the egress rules are undetermined: they may allow ${IMDS}:80`);
      let unknown: string | undefined;
      for (const [i, r] of asList(egress).entries()) {
        if (isSymbolic(r)) {
          unknown = `egress[${i}] is undetermined: it may allow ${IMDS}:80`;
          continue;
        }
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
