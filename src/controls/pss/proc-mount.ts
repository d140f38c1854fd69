/**
 * PSS baseline `procMount`: containers keep the default, masked /proc. Since v1.35 Baseline no longer applies
 * it to pods in a user namespace (`hostUsers: false`); Restricted still does (VF-PSS-019).
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  inUserNamespace,
  joinQuote,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

/** Upstream's v1.0 rule, shared with the restricted variant. */
export const anyContainerUnmasksProc: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const c of containers(spec)) {
    const mount = str(c.securityContext?.procMount, `container "${c.name}" procMount`);
    if (mount !== undefined && mount !== 'Default') {
      bad.push(c.name);
      types.push(mount);
    }
  }
  return bad.length === 0
    ? ALLOWED
    : forbidden(
        'procMount',
        `${containerList(bad)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`,
      );
};

export const check: PodCheck = (meta, spec) =>
  inUserNamespace(spec) ? ALLOWED : anyContainerUnmasksProc(meta, spec);

export const control = pssControl({
  id: 'VF-PSS-009',
  checkName: 'procMount',
  level: 'baseline',
  upstreamFile: 'check_procMount_baseline.go',
  title: 'Containers keep the default masked /proc',
  severity: 'high',
  rationale:
    "procMount Unmasked exposes /proc paths the runtime normally masks (kernel and host information, writable sysctls), aiding escapes from a container sharing the host's user namespace.",
  remediation: 'Remove securityContext.procMount or set it to Default on every container.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
