/** PSS baseline `hostNamespaces`: no hostNetwork, hostPID or hostIPC. */
import { pssControl } from './control.js';
import { ALLOWED, bool, forbidden, type PodCheck } from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  const shared = (['hostNetwork', 'hostPID', 'hostIPC'] as const)
    .filter((field) => bool(spec[field], `spec.${field}`) === true)
    .map((field) => `${field}=true`);
  return shared.length === 0 ? ALLOWED : forbidden('host namespaces', shared.join(', '));
};

export const control = pssControl({
  id: 'VF-PSS-002',
  checkName: 'hostNamespaces',
  level: 'baseline',
  upstreamFile: 'check_hostNamespaces.go',
  title: 'Pods do not share the host network, PID or IPC namespace',
  severity: 'critical',
  rationale:
    "Sharing the node's network, process or IPC namespace lets a pod see and reach node-local services, other pods' processes and shared memory, defeating network policy and isolation.",
  remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC (or set them to false).',
  frameworks: {
    'cis-eks-1.8': ['4.2.2', '4.2.3', '4.2.4'],
    'nist-csf-2.0': ['PR.PS-01', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.9', 'A.8.22'],
    soc2: ['CC6.8'],
  },
  check,
});
