/** Every container mounts its root file system read-only. */
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

export const control: Control = {
  id: 'VF-K8S-001',
  area: 'k8s',
  title: 'Containers run with a read-only root file system',
  severity: 'medium',
  rationale:
    'A writable root file system lets an intruder drop tools, modify binaries and persist inside the container; immutable containers confine writes to declared volumes.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true on every container and mount emptyDir volumes for the paths that must be writable (/tmp, caches).',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return inventory.pods.map((pod) => {
      const bad: string[] = [];
      const unreadable = undeterminedContainers(pod);
      let unknown = unreadable && `${unreadable} is not known statically`;
      for (const c of podContainers(pod)) {
        if (c.field === 'ephemeralContainers') continue; // debugging containers are added at run time, not declared
        if (firstUndetermined(c.raw.securityContext, 'securityContext')) {
          unknown = `readOnlyRootFilesystem of container ${c.name} is not known statically`;
          continue;
        }
        const value = asObj(c.raw.securityContext)?.readOnlyRootFilesystem;
        if (value === true) continue;
        if (value === undefined || value === null || value === false) bad.push(c.name);
        else unknown = `readOnlyRootFilesystem of container ${c.name} is not a boolean`;
      }
      if (bad.length > 0)
        return workloadResult(
          pod,
          'fail',
          `containers without readOnlyRootFilesystem: true: ${bad.join(', ')}`,
        );
      if (unknown) return workloadResult(pod, 'unknown', unknown);
      return workloadResult(pod, 'pass', 'every container has a read-only root file system');
    });
  },
};
