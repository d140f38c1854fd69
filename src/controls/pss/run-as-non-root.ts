/**
 * PSS restricted `runAsNonRoot`: true on the pod or on every container, and false nowhere. Since v1.35, pods in
 * a user namespace (`hostUsers: false`) are exempt.
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  bool,
  containerList,
  containers,
  forbidden,
  inUserNamespace,
  podSecurityContext,
  type PodCheck,
} from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  if (inUserNamespace(spec)) return ALLOWED;
  const setters: string[] = [];
  const podValue = bool(podSecurityContext(spec)?.runAsNonRoot, 'pod runAsNonRoot');
  if (podValue === false) setters.push('pod');
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const value = bool(c.securityContext?.runAsNonRoot, `container "${c.name}" runAsNonRoot`);
    if (value === false) explicit.push(c.name);
    else if (value === undefined && podValue !== true) implicit.push(c.name);
  }
  if (explicit.length > 0) setters.push(containerList(explicit));
  if (setters.length > 0)
    return forbidden(
      'runAsNonRoot != true',
      `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    );
  if (implicit.length > 0)
    return forbidden(
      'runAsNonRoot != true',
      `pod or ${containerList(implicit)} must set securityContext.runAsNonRoot=true`,
    );
  return ALLOWED;
};

export const control = pssControl({
  id: 'VF-PSS-015',
  checkName: 'runAsNonRoot',
  level: 'restricted',
  upstreamFile: 'check_runAsNonRoot.go',
  title: 'Containers must run as non-root',
  severity: 'high',
  rationale:
    "Root in a container is root on the node's kernel for every exploit that crosses the container boundary; runAsNonRoot makes the kubelet refuse to start an image that would run as UID 0.",
  remediation:
    'Set spec.securityContext.runAsNonRoot: true (or on every container) and never false; build images with a non-root USER.',
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
