/** PSS restricted `runAsUser` (v1.23+): neither the pod nor a container sets runAsUser 0 (user namespaces exempt). */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  int,
  inUserNamespace,
  podSecurityContext,
  type PodCheck,
} from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  if (inUserNamespace(spec)) return ALLOWED;
  const setters: string[] = [];
  if (int(podSecurityContext(spec)?.runAsUser, 'pod runAsUser') === 0) setters.push('pod');
  const bad = containers(spec)
    .filter((c) => int(c.securityContext?.runAsUser, `container "${c.name}" runAsUser`) === 0)
    .map((c) => c.name);
  if (bad.length > 0) setters.push(containerList(bad));
  return setters.length === 0
    ? ALLOWED
    : forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`);
};

export const control = pssControl({
  id: 'VF-PSS-016',
  checkName: 'runAsUser',
  level: 'restricted',
  upstreamFile: 'check_runAsUser.go',
  title: 'Containers do not run as UID 0',
  severity: 'high',
  rationale:
    'An explicit runAsUser: 0 runs the process as root regardless of the image, defeating runAsNonRoot.',
  remediation: 'Remove runAsUser: 0 from the pod and every container; use a non-zero UID.',
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.8'],
  },
  check,
});
