/** Images are pinned: by digest, or at least by a tag other than `latest`. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { K8S_WORKLOAD_KINDS, podContainers, undeterminedContainers, workloadResult } from './objects.js';

/** The tag of an image reference, or undefined when it has none (a registry port is not a tag). */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

export const control: Control = {
  id: 'VF-K8S-005',
  area: 'k8s',
  title: 'Container images are pinned by digest or version tag',
  severity: 'medium',
  rationale:
    'An image without a tag, or tagged latest, changes under the same manifest: what runs is neither reviewed nor reproducible, and a compromised registry push is picked up on the next restart.',
  remediation: 'Reference every image by digest (image@sha256:…) or at least by an immutable version tag.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'ID.AM-08'],
    'iso-27001-2022': ['A.8.9', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return inventory.pods.map((pod) => {
      const bad: string[] = [];
      let unknown = undeterminedContainers(pod) !== undefined;
      for (const c of podContainers(pod)) {
        const image = c.raw.image;
        if (typeof image !== 'string') {
          unknown = true;
          continue;
        }
        if (image.includes('@sha256:')) continue;
        const tag = imageTag(image);
        if (tag === undefined || tag === '' || tag === 'latest') bad.push(`${c.name} (${image})`);
      }
      if (bad.length > 0) return workloadResult(pod, 'fail', `unpinned images: ${bad.join(', ')}`);
      if (unknown) return workloadResult(pod, 'unknown', 'an image reference is not known statically');
      return workloadResult(pod, 'pass', 'every image is pinned');
    });
  },
};
