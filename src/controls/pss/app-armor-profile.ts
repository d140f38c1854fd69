/**
 * PSS baseline `appArmorProfile`: AppArmor is never turned off or overridden, neither through the
 * `appArmorProfile` fields (pod or container) nor through the deprecated per-container annotations.
 */
import { pssControl } from './control.js';
import {
  ALLOWED,
  disallowedProfileTypes,
  forbidden,
  Indeterminate,
  joinQuote,
  pluralize,
  sortedUnique,
  type PodCheck,
} from './pod.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

export const check: PodCheck = (meta, spec) => {
  const { setters, values } = disallowedProfileTypes(spec, 'appArmorProfile', allowedType);
  const badValues = sortedUnique(values);
  const annotations = Object.entries(meta.annotations)
    .filter(([key, value]) => key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .sort();
  if (annotations.length > 0) {
    badValues.push(...annotations);
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  // An annotation the input leaves open could name any profile, Unconfined included.
  if (setters.length === 0 && meta.undeterminedAnnotations)
    throw new Indeterminate('the pod annotations are not known statically');
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
