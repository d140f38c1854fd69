/** Workloads run under their own service account, not the namespace's `default`. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { K8S_WORKLOAD_KINDS, workloadResult } from './objects.js';

export const control: Control = {
  id: 'VF-K8S-003',
  area: 'k8s',
  title: 'Workloads use a dedicated service account',
  severity: 'medium',
  rationale:
    "Every pod that names no service account shares the namespace's default one, so any permission or cloud role granted to it is granted to all of them.",
  remediation: 'Create a ServiceAccount per workload and set spec.serviceAccountName to it.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  frameworks: {
    'cis-eks-1.8': ['4.1.5', '5.2.1'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.16', 'A.8.2'],
    soc2: ['CC6.3'],
  },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return inventory.pods.map((pod) => {
      const name = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
      if (name === undefined || name === null || name === '')
        return workloadResult(
          pod,
          'fail',
          'no serviceAccountName: the pod runs as the default service account',
        );
      if (typeof name !== 'string')
        return workloadResult(pod, 'unknown', 'serviceAccountName is not known statically');
      if (name === 'default') return workloadResult(pod, 'fail', 'serviceAccountName is default');
      return workloadResult(pod, 'pass', `service account ${name}`);
    });
  },
};
