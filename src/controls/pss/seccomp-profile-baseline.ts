/**
 * PSS baseline `seccompProfile_baseline` (v1.19+ rule): neither the pod nor a container sets a seccomp profile
 * type other than RuntimeDefault or Localhost. Since v1.19 upstream reads only the fields; the legacy
 * `seccomp.security.alpha.kubernetes.io` annotations are ignored by the kubelet and by this check.
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  disallowedProfileTypes,
  forbidden,
  joinQuote,
  profileType,
  sortedUnique,
  type PodCheck,
} from './pod.js';

export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** The seccomp profile type a security context sets, or undefined when it sets no profile. */
export function seccompType(context: Record<string, unknown> | undefined, what: string): string | undefined {
  return profileType(context, 'seccompProfile', what);
}

export const check: PodCheck = (_meta, spec) => {
  const { setters, values } = disallowedProfileTypes(spec, 'seccompProfile', validSeccompType);
  return setters.length === 0
    ? ALLOWED
    : forbidden(
        'seccompProfile',
        `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(values))}`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-010',
  checkName: 'seccompProfile_baseline',
  level: 'baseline',
  upstreamFile: 'check_seccompProfile_baseline.go',
  title: 'Seccomp is not set to Unconfined',
  severity: 'high',
  rationale:
    "Seccomp filters the system calls a container may make; Unconfined exposes the node kernel's full attack surface.",
  remediation:
    'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) on the pod, and remove Unconfined from every container.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
