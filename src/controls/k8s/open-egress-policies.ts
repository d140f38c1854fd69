/** No NetworkPolicy allows egress to every address. */
import { isWholeFamily, parseCidr } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asList, asObj, firstUndetermined, networkPolicies, objectResult } from './objects.js';
import { isEmptySelector } from './selectors.js';

/** Whether an ipBlock's cidr covers its whole family; host bits are ignored, as Kubernetes does (`1.2.3.4/0`). */
function coversEverything(cidr: string): boolean {
  const block = parseCidr(cidr.trim(), { hostBits: 'mask' });
  return block !== undefined && isWholeFamily(block);
}

function openness(rule: Record<string, unknown>): string | undefined {
  const to = rule.to;
  if (to === undefined || to === null || (Array.isArray(to) && to.length === 0))
    return asList(rule.ports).length === 0 ? 'a rule without to or ports allows all traffic' : undefined;
  for (const p of asList(to)) {
    const peer = asObj(p);
    if (!peer) continue;
    const cidr = asObj(peer.ipBlock)?.cidr;
    if (typeof cidr === 'string' && coversEverything(cidr)) return `ipBlock ${cidr} allows every address`;
    if (
      peer.namespaceSelector !== undefined &&
      isEmptySelector(peer.namespaceSelector) &&
      peer.podSelector === undefined
    )
      return 'namespaceSelector: {} without podSelector allows every pod of every namespace';
  }
  return undefined;
}

export const control: Control = {
  id: 'VF-K8S-009',
  area: 'k8s',
  title: 'NetworkPolicies allow no egress to all addresses',
  severity: 'high',
  rationale:
    'Egress to 0.0.0.0/0 or ::/0 gives a compromised pod a path to any server on the internet for exfiltration and command-and-control, which default-deny egress exists to stop.',
  remediation:
    'Replace 0.0.0.0/0 and ::/0 egress with the destinations the flow needs (VPC endpoint subnets, specific CIDRs, pods by selector).',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01', 'PR.DS-02'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['NetworkPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return networkPolicies(inventory).map((np) => {
      const rules = asList(asObj(np.object.spec)?.egress);
      for (const [i, r] of rules.entries()) {
        const why = asObj(r) && openness(asObj(r)!);
        if (why) return objectResult(np, 'fail', `egress[${i}]: ${why}`);
      }
      // A rule that is open is open whatever the rest holds; only then may an undetermined value hide one.
      const spec = asObj(np.object.spec);
      const undetermined = spec
        ? firstUndetermined(spec.egress, 'spec.egress')
        : firstUndetermined(np.object.spec, 'spec');
      if (undetermined)
        return objectResult(np, 'unknown', `${undetermined} is not known statically: it may open the policy`);
      return objectResult(
        np,
        'pass',
        rules.length ? 'every egress rule names its destinations' : 'no egress rules',
      );
    });
  },
};
