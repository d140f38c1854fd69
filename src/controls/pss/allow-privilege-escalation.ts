/** PSS restricted `allowPrivilegeEscalation`: every container sets it to false explicitly (Windows exempt). */
import { pssControl } from './control.js';
import { ALLOWED, bool, containerList, containers, forbidden, isWindows, type PodCheck } from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  if (isWindows(spec)) return ALLOWED;
  const bad = containers(spec)
    .filter(
      (c) =>
        bool(
          c.securityContext?.allowPrivilegeEscalation,
          `container "${c.name}" allowPrivilegeEscalation`,
        ) !== false,
    )
    .map((c) => c.name);
  return bad.length === 0
    ? ALLOWED
    : forbidden(
        'allowPrivilegeEscalation != false',
        `${containerList(bad)} must set securityContext.allowPrivilegeEscalation=false`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-014',
  checkName: 'allowPrivilegeEscalation',
  level: 'restricted',
  upstreamFile: 'check_allowPrivilegeEscalation.go',
  title: 'Containers forbid privilege escalation',
  severity: 'high',
  rationale:
    'Unless no_new_privs is set, a process can gain privileges through setuid binaries or file capabilities; the default (unset) allows it.',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false on every container, init and ephemeral included.',
  frameworks: {
    'cis-eks-1.8': ['4.2.5'],
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
