/** PSS baseline `capabilities_baseline`: containers add only capabilities of the default set. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  joinQuote,
  list,
  obj,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

/** The capabilities a container runtime grants by default (upstream `capabilities_allowed_1_0`). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const check: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  const extra: string[] = [];
  for (const c of containers(spec)) {
    const caps = obj(c.securityContext?.capabilities, `container "${c.name}" capabilities`);
    if (!caps) continue;
    let valid = true;
    for (const item of list(caps.add, `container "${c.name}" capabilities.add`)) {
      const cap = str(item, `container "${c.name}" capabilities.add[]`) ?? '';
      if (!BASELINE_CAPABILITIES.has(cap)) {
        valid = false;
        extra.push(cap);
      }
    }
    if (!valid) bad.push(c.name);
  }
  return bad.length === 0
    ? ALLOWED
    : forbidden(
        'non-default capabilities',
        `${containerList(bad)} must not include ${joinQuote(sortedUnique(extra))} in securityContext.capabilities.add`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-004',
  checkName: 'capabilities_baseline',
  level: 'baseline',
  upstreamFile: 'check_capabilities_baseline.go',
  title: 'Containers add no capabilities beyond the default set',
  severity: 'high',
  rationale:
    'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container kernel powers that enable escapes and network tampering; Baseline allows only the runtime defaults.',
  remediation:
    'Remove every capability outside AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT from securityContext.capabilities.add.',
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
