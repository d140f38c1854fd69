/** Pods do not mount an API token unless they need one (pod setting, else the service account's, else true). */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { K8S_WORKLOAD_KINDS, workloadResult } from './objects.js';

export const control: Control = {
  id: 'VF-K8S-004',
  area: 'k8s',
  title: 'Service account tokens are not mounted automatically',
  severity: 'medium',
  rationale:
    'An automatically mounted token lets anyone who gets code execution in the pod call the Kubernetes API with its identity; most workloads never need it.',
  remediation:
    'Set automountServiceAccountToken: false on the pod (or its ServiceAccount); where API access is needed, acknowledge the finding with the reason.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.1.6'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.17', 'A.8.2'],
    soc2: ['CC6.1'],
  },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return inventory.pods.map((pod) => {
      const podValue = pod.spec.automountServiceAccountToken;
      if (podValue === false)
        return workloadResult(pod, 'pass', 'automountServiceAccountToken: false on the pod');
      if (podValue === true)
        return workloadResult(pod, 'fail', 'automountServiceAccountToken: true on the pod');
      if (podValue !== undefined && podValue !== null)
        return workloadResult(pod, 'unknown', 'automountServiceAccountToken is not a boolean');
      const raw = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
      const saName = typeof raw === 'string' && raw !== '' ? raw : 'default';
      const sa = inventory.k8s.find(
        (o) => o.kind === 'ServiceAccount' && o.namespace === pod.namespace && o.name === saName,
      );
      if (!sa)
        return workloadResult(
          pod,
          'unknown',
          `the pod leaves automountServiceAccountToken unset and ServiceAccount ${saName} is not in the input`,
        );
      const saValue = sa.object.automountServiceAccountToken;
      return saValue === false
        ? workloadResult(pod, 'pass', `ServiceAccount ${saName} sets automountServiceAccountToken: false`)
        : workloadResult(
            pod,
            'fail',
            `neither the pod nor ServiceAccount ${saName} turns token automounting off (default true)`,
          );
    });
  },
};
