/**
 * PSS baseline `appArmorProfile`: AppArmor is never turned off or overridden, neither through the
 * `appArmorProfile` fields (pod or container) nor through the deprecated per-container annotations.
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  joinQuote,
  obj,
  pluralize,
  podSecurityContext,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** The profile type a security context sets, or undefined when it sets no profile. */
function profileType(context: Record<string, unknown> | undefined, what: string): string | undefined {
  const profile = obj(context?.appArmorProfile, `${what} appArmorProfile`);
  return profile === undefined ? undefined : (str(profile.type, `${what} appArmorProfile.type`) ?? '');
}

export const check: PodCheck = (meta, spec) => {
  const setters: string[] = [];
  const values: string[] = [];
  const podType = profileType(podSecurityContext(spec), 'pod');
  if (podType !== undefined && !allowedType(podType)) {
    setters.push('pod');
    values.push(podType);
  }
  const bad: string[] = [];
  for (const c of containers(spec)) {
    const type = profileType(c.securityContext, `container "${c.name}"`);
    if (type !== undefined && !allowedType(type)) {
      bad.push(c.name);
      values.push(type);
    }
  }
  if (bad.length > 0) setters.push(containerList(bad));
  const badValues = sortedUnique(values);
  const annotations = Object.entries(meta.annotations)
    .filter(([key, value]) => key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .sort();
  if (annotations.length > 0) {
    badValues.push(...annotations);
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  return setters.length === 0
    ? ALLOWED
    : forbidden(
        pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
        `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-007',
  checkName: 'appArmorProfile',
  level: 'baseline',
  upstreamFile: 'check_appArmorProfile.go',
  title: 'AppArmor is not disabled or overridden',
  severity: 'medium',
  rationale:
    "AppArmor confines what a container's processes may do on the node; setting it Unconfined removes that layer. Baseline allows only the runtime default or a profile loaded on the node.",
  remediation:
    'Set securityContext.appArmorProfile.type to RuntimeDefault or Localhost (or leave it unset) on the pod and containers, and remove container.apparmor.security.beta.kubernetes.io annotations with other values.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
