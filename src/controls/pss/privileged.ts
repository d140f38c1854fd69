/** PSS baseline `privileged`: no container sets `securityContext.privileged=true`. */
import { pssControl } from './control.js';
import { ALLOWED, bool, containerList, containers, forbidden, type PodCheck } from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  const bad = containers(spec)
    .filter((c) => bool(c.securityContext?.privileged, `container "${c.name}" privileged`) === true)
    .map((c) => c.name);
  return bad.length === 0
    ? ALLOWED
    : forbidden('privileged', `${containerList(bad)} must not set securityContext.privileged=true`);
};

export const control = pssControl({
  id: 'VF-PSS-003',
  checkName: 'privileged',
  level: 'baseline',
  upstreamFile: 'check_privileged.go',
  title: 'Containers are not privileged',
  severity: 'critical',
  rationale:
    'A privileged container has every capability and all host devices; escaping to the node is trivial. Baseline forbids it.',
  remediation:
    'Remove securityContext.privileged from every container (init and ephemeral included); grant a specific capability instead if one is truly needed.',
  frameworks: {
    'cis-eks-1.8': ['4.2.1'],
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
