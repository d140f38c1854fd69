/** No NetworkPolicy admits ingress from every namespace or every address. */
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

/** Why an ingress rule is open to everything, or undefined. */
function openness(rule: Record<string, unknown>): string | undefined {
  const from = rule.from;
  if (from === undefined || from === null || (Array.isArray(from) && from.length === 0))
    return asList(rule.ports).length === 0
      ? 'a rule without from or ports admits all traffic'
      : 'a rule without from admits every source';
  for (const p of asList(from)) {
    const peer = asObj(p);
    if (!peer) continue;
    if (
      peer.namespaceSelector !== undefined &&
      isEmptySelector(peer.namespaceSelector) &&
      peer.podSelector === undefined
    )
      return 'namespaceSelector: {} without podSelector admits every pod of every namespace';
    const cidr = asObj(peer.ipBlock)?.cidr;
    if (typeof cidr === 'string' && coversEverything(cidr)) return `ipBlock ${cidr} admits every address`;
  }
  return undefined;
}

export const control: Control = {
  id: 'VF-K8S-008',
  area: 'k8s',
  title: 'NetworkPolicies admit no ingress from all namespaces or all addresses',
  severity: 'high',
  rationale:
    'A rule whose peer is every namespace, every address or nothing at all re-opens what default deny closed: any compromised pod in the cluster, or anything routable, reaches the selected pods.',
  remediation:
    'Name the source precisely: a namespaceSelector together with a podSelector for the client, or an ipBlock of the client subnets; never {} alone, 0.0.0.0/0 or a rule without from.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
  ],
  frameworks: { 'nist-csf-2.0': ['PR.IR-01'], 'iso-27001-2022': ['A.8.20', 'A.8.22'], soc2: ['CC6.6'] },
  appliesTo: ['NetworkPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return networkPolicies(inventory).map((np) => {
      const rules = asList(asObj(np.object.spec)?.ingress);
      for (const [i, r] of rules.entries()) {
        const why = asObj(r) && openness(asObj(r)!);
        if (why) return objectResult(np, 'fail', `ingress[${i}]: ${why}`);
      }
      // A rule that is open is open whatever the rest holds; only then may an undetermined value hide one.
      const spec = asObj(np.object.spec);
      const undetermined = spec
        ? firstUndetermined(spec.ingress, 'spec.ingress')
        : firstUndetermined(np.object.spec, 'spec');
      if (undetermined)
        return objectResult(np, 'unknown', `${undetermined} is not known statically: it may open the policy`);
      return objectResult(
        np,
        'pass',
        rules.length ? 'every ingress rule names its sources' : 'no ingress rules',
      );
    });
  },
};
