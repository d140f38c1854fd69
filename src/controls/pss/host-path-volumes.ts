/** PSS baseline `hostPathVolumes`: no hostPath volume. */
import { pssControl } from './control.js';
import { ALLOWED, forbidden, joinQuote, list, obj, pluralize, str, type PodCheck } from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  for (const [i, item] of list(spec.volumes, 'spec.volumes').entries()) {
    const volume = obj(item, `spec.volumes[${i}]`) ?? {};
    if (obj(volume.hostPath, `volume ${i} hostPath`) !== undefined)
      bad.push(str(volume.name, `spec.volumes[${i}].name`) ?? '');
  }
  return bad.length === 0
    ? ALLOWED
    : forbidden('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`);
};

export const control = pssControl({
  id: 'VF-PSS-005',
  checkName: 'hostPathVolumes',
  level: 'baseline',
  upstreamFile: 'check_hostPathVolumes.go',
  title: 'Pods mount no hostPath volumes',
  severity: 'high',
  rationale:
    "A hostPath volume exposes the node's file system (kubelet credentials, container runtime socket, other pods' data) to the pod.",
  remediation:
    'Replace hostPath volumes with emptyDir, a PersistentVolumeClaim, or a projected/ConfigMap/Secret volume.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01', 'PR.DS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
