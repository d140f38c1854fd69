/** EKS.2: the cluster runs a Kubernetes version in EKS standard support on the evaluation date. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/**
 * The EKS release calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html):
 * end of standard support (14 months after release) and end of extended support (12 months more).
 * Versions older than the first entry are out of support; versions newer than the last are not known yet.
 */
export const EKS_VERSION_CALENDAR: Readonly<Record<string, { standardEnds: string; extendedEnds: string }>> =
  {
    '1.23': { standardEnds: '2023-10-11', extendedEnds: '2024-10-11' },
    '1.24': { standardEnds: '2024-01-31', extendedEnds: '2025-01-31' },
    '1.25': { standardEnds: '2024-05-01', extendedEnds: '2025-05-01' },
    '1.26': { standardEnds: '2024-06-11', extendedEnds: '2025-06-11' },
    '1.27': { standardEnds: '2024-07-24', extendedEnds: '2025-07-24' },
    '1.28': { standardEnds: '2024-11-26', extendedEnds: '2025-11-26' },
    '1.29': { standardEnds: '2025-03-23', extendedEnds: '2026-03-23' },
    '1.30': { standardEnds: '2025-07-23', extendedEnds: '2026-07-23' },
    '1.31': { standardEnds: '2025-11-26', extendedEnds: '2026-11-26' },
    '1.32': { standardEnds: '2026-03-23', extendedEnds: '2027-03-23' },
    '1.33': { standardEnds: '2026-07-29', extendedEnds: '2027-07-29' },
    '1.34': { standardEnds: '2026-12-02', extendedEnds: '2027-12-02' },
    '1.35': { standardEnds: '2027-03-27', extendedEnds: '2028-03-27' },
  };

function minor(version: string): number | undefined {
  const m = /^1\.(\d+)$/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

export const control: Control = {
  id: 'VF-EKS-007',
  area: 'eks',
  title: 'EKS cluster runs a Kubernetes version in standard support',
  severity: 'high',
  rationale:
    'Versions past standard support receive no new features and, after extended support ends, no security patches; EKS then upgrades the cluster automatically at a time it chooses. Extended support is a paid grace period, not a target.',
  remediation:
    'Set Version on the AWS::EKS::Cluster to a release in standard support (see the EKS release calendar) and upgrade node groups and add-ons with it.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-2',
  ],
  frameworks: {
    'aws-fsbp': ['EKS.2'],
    'nist-csf-2.0': ['PR.PS-02', 'ID.AM-08'],
    'iso-27001-2022': ['A.8.8'],
    soc2: ['CC7.1'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    const today = context.now.toISOString().slice(0, 10);
    const known = Object.keys(EKS_VERSION_CALENDAR).map((v) => minor(v)!);
    const [oldest, newest] = [Math.min(...known), Math.max(...known)];
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const version = stringOf(prop(r, 'Version'), 'Version');
      if (version === undefined)
        return result(
          r,
          'unknown',
          'Version is not set: EKS picks its default version at creation, and the template does not pin it',
          'Version',
        );
      if (isUnknownValue(version)) return result(r, 'unknown', `Version: ${version.reason}`, 'Version');
      const m = minor(version);
      if (m === undefined)
        return result(r, 'unknown', `Version ${version} is not a Kubernetes minor version`, 'Version');
      if (m < oldest) return result(r, 'fail', `Kubernetes ${version} is out of EKS support`, 'Version');
      if (m > newest)
        return result(
          r,
          'unknown',
          `Kubernetes ${version} is newer than the release calendar this vectorfort knows`,
          'Version',
        );
      const { standardEnds, extendedEnds } = EKS_VERSION_CALENDAR[`1.${m}`]!;
      if (today < standardEnds)
        return result(
          r,
          'pass',
          `Kubernetes ${version} is in standard support until ${standardEnds}`,
          'Version',
        );
      if (today < extendedEnds)
        return result(
          r,
          'fail',
          `Kubernetes ${version} left standard support on ${standardEnds}; extended support (paid) ends ${extendedEnds}`,
          'Version',
        );
      return result(r, 'fail', `Kubernetes ${version} left extended support on ${extendedEnds}`, 'Version');
    });
  },
};
