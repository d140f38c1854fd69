/**
 * PSS restricted `capabilities_restricted`: every container drops ALL and adds nothing but NET_BIND_SERVICE
 * (Windows pods exempt since v1.25).
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  isWindows,
  joinQuote,
  list,
  obj,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  if (isWindows(spec)) return ALLOWED;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const extra: string[] = [];
  for (const c of containers(spec)) {
    const what = `container "${c.name}" capabilities`;
    const caps = obj(c.securityContext?.capabilities, what);
    if (!caps) {
      missingDrop.push(c.name);
      continue;
    }
    const drop = list(caps.drop, `${what}.drop`).map((d) => str(d, `${what}.drop[]`));
    if (!drop.includes('ALL')) missingDrop.push(c.name);
    const added = list(caps.add, `${what}.add`)
      .map((a) => str(a, `${what}.add[]`) ?? '')
      .filter((a) => a !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      adding.push(c.name);
      extra.push(...added);
    }
  }
  const details: string[] = [];
  if (missingDrop.length > 0)
    details.push(`${containerList(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0)
    details.push(
      `${containerList(adding)} must not include ${joinQuote(sortedUnique(extra))} in securityContext.capabilities.add`,
    );
  return details.length === 0 ? ALLOWED : forbidden('unrestricted capabilities', details.join('; '));
};

export const control = pssControl({
  id: 'VF-PSS-018',
  checkName: 'capabilities_restricted',
  level: 'restricted',
  upstreamFile: 'check_capabilities_restricted.go',
  title: 'Containers drop ALL capabilities',
  severity: 'high',
  rationale:
    'The default capability set still includes powers (NET_RAW, CHOWN, DAC_OVERRIDE, SETUID…) that most workloads never need and attackers use; Restricted requires dropping all of them.',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container and add back at most NET_BIND_SERVICE.',
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
