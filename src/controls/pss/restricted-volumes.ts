/** PSS restricted `restrictedVolumes`: only volume types that cannot reach node or network storage directly. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  forbidden,
  joinQuote,
  list,
  obj,
  pluralize,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

/** The allowed volume sources (upstream adds `image` in the same list). */
export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** The forbidden sources upstream names in its message, in its order; anything else is "unknown". */
const NAMED_TYPES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/** Whether a volume source field is set (Go: a non-nil pointer). */
function isSet(volume: Record<string, unknown>, field: string, i: number): boolean {
  return obj(volume[field], `spec.volumes[${i}].${field}`) !== undefined;
}

export const check: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const [i, item] of list(spec.volumes, 'spec.volumes').entries()) {
    const volume = obj(item, `spec.volumes[${i}]`) ?? {};
    if (ALLOWED_VOLUME_TYPES.some((t) => isSet(volume, t, i))) continue;
    const type = NAMED_TYPES.find((t) => isSet(volume, t, i));
    // The API server defaults a volume without any source to emptyDir, which is allowed.
    if (type === undefined && !Object.keys(volume).some((k) => k !== 'name' && volume[k] !== null)) continue;
    bad.push(str(volume.name, `spec.volumes[${i}].name`) ?? '');
    types.push(type ?? 'unknown');
  }
  if (bad.length === 0) return ALLOWED;
  const unique = sortedUnique(types);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', unique.length)} ${joinQuote(unique)}`,
  );
};

export const control = pssControl({
  id: 'VF-PSS-013',
  checkName: 'restrictedVolumes',
  level: 'restricted',
  upstreamFile: 'check_restrictedVolumes.go',
  title: 'Pods use only restricted volume types',
  severity: 'medium',
  rationale:
    'In-tree network and host volume types mount storage with node credentials and outside the CSI and PVC access model; Restricted allows only ephemeral, projected and claim-based volumes.',
  remediation:
    'Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes; move other storage behind a PersistentVolumeClaim.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01', 'PR.DS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
