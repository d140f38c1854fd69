import type { FrameworkKey } from '../findings/index.js';
import { AWS_FSBP } from './aws-fsbp.js';
import { CIS_EKS_1_8 } from './cis-eks.js';
import { ISO_27001_2022 } from './iso-27001.js';
import { NIST_CSF_2 } from './nist-csf.js';
import { PSS } from './pss.js';
import { SOC2 } from './soc2.js';
import type { Framework } from './types.js';

export type { Framework, FrameworkRequirement } from './types.js';
export { PSS_BASELINE_CHECKS, PSS_RESTRICTED_CHECKS } from './pss.js';

export const FRAMEWORKS: Readonly<Record<FrameworkKey, Framework>> = {
  'nist-csf-2.0': NIST_CSF_2,
  'iso-27001-2022': ISO_27001_2022,
  soc2: SOC2,
  'cis-eks-1.8': CIS_EKS_1_8,
  'aws-fsbp': AWS_FSBP,
  'k8s-pss': PSS,
};

/**
 * The requirement id a mapping value names: for `k8s-pss` the pair `[level, check]` becomes `level/check`;
 * for every other framework each value is itself a requirement id.
 */
export function requirementIds(framework: FrameworkKey, values: readonly string[]): string[] {
  if (framework !== 'k8s-pss') return [...values];
  const ids: string[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) ids.push(`${values[i]}/${values[i + 1]}`);
  return ids;
}
