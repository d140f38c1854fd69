/**
 * PSS restricted `procMount_restricted` (v1.35+): the default masked /proc, even for pods in a user namespace,
 * which Baseline exempts (VF-PSS-009).
 */
import { pssControl } from './control.js';
import { anyContainerUnmasksProc } from './proc-mount.js';

export const check = anyContainerUnmasksProc;

export const control = pssControl({
  id: 'VF-PSS-019',
  checkName: 'procMount_restricted',
  level: 'restricted',
  upstreamFile: 'check_procMount_restricted.go',
  title: 'Containers keep the default masked /proc, even in a user namespace',
  severity: 'medium',
  rationale:
    'An unmasked /proc exposes kernel interfaces even inside a user namespace; Restricted keeps /proc masked for every pod.',
  remediation: 'Remove securityContext.procMount or set it to Default on every container.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
