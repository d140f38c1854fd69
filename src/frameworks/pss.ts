import type { Framework } from './types.js';

/**
 * Kubernetes Pod Security Standards, check names as in kubernetes/pod-security-admission (policy/check_*.go).
 * A control maps to `[level, checkName]`; requirement ids here are `<level>/<checkName>`.
 */
export const PSS_BASELINE_CHECKS = [
  'windowsHostProcess',
  'hostNamespaces',
  'privileged',
  'capabilities_baseline',
  'hostPathVolumes',
  'hostPorts',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount',
  'seccompProfile_baseline',
  'sysctls',
  'hostProbesAndHostLifecycle',
] as const;

export const PSS_RESTRICTED_CHECKS = [
  'restrictedVolumes',
  'allowPrivilegeEscalation',
  'runAsNonRoot',
  'runAsUser',
  'seccompProfile_restricted',
  'capabilities_restricted',
  'procMount_restricted',
] as const;

export const PSS: Framework = {
  key: 'k8s-pss',
  name: 'Kubernetes Pod Security Standards',
  version: 'v1.35',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  requirements: [
    ...PSS_BASELINE_CHECKS.map((check) => ({ id: `baseline/${check}`, title: `Baseline: ${check}` })),
    ...PSS_RESTRICTED_CHECKS.map((check) => ({ id: `restricted/${check}`, title: `Restricted: ${check}` })),
  ],
};
