/**
 * PSS restricted `seccompProfile_restricted`: RuntimeDefault or Localhost set on the pod or on every container,
 * and no other type anywhere (Windows pods exempt since v1.25).
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  isWindows,
  joinQuote,
  podSecurityContext,
  sortedUnique,
  type PodCheck,
} from './pod.js';
import { seccompType, validSeccompType } from './seccomp-profile-baseline.js';

export const check: PodCheck = (_meta, spec) => {
  if (isWindows(spec)) return ALLOWED;
  const setters: string[] = [];
  const values: string[] = [];
  const podType = seccompType(podSecurityContext(spec), 'pod');
  let podSet = false;
  if (podType !== undefined) {
    if (validSeccompType(podType)) podSet = true;
    else {
      setters.push('pod');
      values.push(podType);
    }
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const type = seccompType(c.securityContext, `container "${c.name}"`);
    if (type !== undefined) {
      if (!validSeccompType(type)) {
        explicit.push(c.name);
        values.push(type);
      }
    } else if (!podSet) implicit.push(c.name);
  }
  if (explicit.length > 0) setters.push(containerList(explicit));
  if (setters.length > 0)
    return forbidden(
      'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(values))}`,
    );
  if (implicit.length > 0)
    return forbidden(
      'seccompProfile',
      `pod or ${containerList(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    );
  return ALLOWED;
};

export const control = pssControl({
  id: 'VF-PSS-017',
  checkName: 'seccompProfile_restricted',
  level: 'restricted',
  upstreamFile: 'check_seccompProfile_restricted.go',
  title: 'A seccomp profile is set explicitly',
  severity: 'high',
  rationale:
    'Without an explicit profile many runtimes run containers Unconfined; Restricted requires RuntimeDefault or a Localhost profile for every container.',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or on every container), and no Unconfined anywhere.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
