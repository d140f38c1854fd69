/** The frameworks a finding can be mapped to, by the keys reports use. */

export const FRAMEWORK_KEYS = [
  'nist-csf-2.0',
  'iso-27001-2022',
  'soc2',
  'cis-eks-1.8',
  'aws-fsbp',
  'k8s-pss',
] as const;
export type FrameworkKey = (typeof FRAMEWORK_KEYS)[number];

/**
 * Framework requirement ids per framework. For `k8s-pss` the value is the level (`baseline` or `restricted`)
 * followed by the upstream pod-security-admission check name, e.g. `['restricted', 'runAsNonRoot']`.
 */
export type FrameworkMappings = Partial<Record<FrameworkKey, readonly string[]>>;
