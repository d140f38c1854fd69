/** PSS baseline `windowsHostProcess`: no pod or container sets `windowsOptions.hostProcess=true`. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  bool,
  containerList,
  containers,
  forbidden,
  obj,
  podSecurityContext,
  type PodCheck,
} from './pod.js';

function hostProcess(context: Record<string, unknown> | undefined, what: string): boolean {
  const windows = obj(context?.windowsOptions, `${what} windowsOptions`);
  return bool(windows?.hostProcess, `${what} windowsOptions.hostProcess`) === true;
}

export const check: PodCheck = (_meta, spec) => {
  const bad = containers(spec)
    .filter((c) => hostProcess(c.securityContext, `container "${c.name}"`))
    .map((c) => c.name);
  const setters: string[] = [];
  if (hostProcess(podSecurityContext(spec), 'pod')) setters.push('pod');
  if (bad.length > 0) setters.push(containerList(bad));
  return setters.length === 0
    ? ALLOWED
    : forbidden(
        'hostProcess',
        `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-001',
  checkName: 'windowsHostProcess',
  level: 'baseline',
  upstreamFile: 'check_windowsHostProcess.go',
  title: 'Pods run no Windows HostProcess containers',
  severity: 'critical',
  rationale:
    'A Windows HostProcess container runs directly on the node with host-level access, outside any container isolation; the Baseline standard forbids it.',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and on every container.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
