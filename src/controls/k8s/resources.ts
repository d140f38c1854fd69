/** Every container declares CPU and memory requests and limits. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import {
  asObj,
  firstUndetermined,
  K8S_WORKLOAD_KINDS,
  podContainers,
  undeterminedContainers,
  workloadResult,
} from './objects.js';

const REQUIRED = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;

export const control: Control = {
  id: 'VF-K8S-002',
  area: 'k8s',
  title: 'Containers set CPU and memory requests and limits',
  severity: 'medium',
  rationale:
    'Without limits one compromised or runaway container can starve the node (denial of service for every pod on it); without requests the scheduler cannot place pods safely.',
  remediation:
    'Set resources.requests and resources.limits for cpu and memory on every container, init containers included.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  frameworks: { 'nist-csf-2.0': ['PR.IR-04'], 'iso-27001-2022': ['A.8.6'], soc2: ['A1.1'] },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return inventory.pods.map((pod) => {
      const missing: string[] = [];
      const undetermined: string[] = [];
      const unreadable = undeterminedContainers(pod);
      if (unreadable) undetermined.push(unreadable);
      for (const c of podContainers(pod)) {
        if (c.field === 'ephemeralContainers') continue; // the API forbids resources on ephemeral containers
        const unknownResources = firstUndetermined(c.raw.resources, 'resources');
        if (unknownResources) undetermined.push(`${c.name} (${unknownResources})`);
        const resources = asObj(c.raw.resources);
        const absent = REQUIRED.filter((path) => {
          const [group, name] = path.split('.') as [string, string];
          const v = asObj(resources?.[group])?.[name];
          return v === undefined || v === null || v === '' || v === 0 || v === '0';
        });
        if (absent.length > 0 && !unknownResources) missing.push(`${c.name} (${absent.join(', ')})`);
      }
      if (missing.length > 0) return workloadResult(pod, 'fail', `missing resources: ${missing.join('; ')}`);
      if (undetermined.length > 0)
        return workloadResult(pod, 'unknown', `not known statically: ${undetermined.join('; ')}`);
      return workloadResult(pod, 'pass', 'every container sets CPU and memory requests and limits');
    });
  },
};
