/** PSS baseline `hostPorts`: no container port binds a host port. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  bool,
  containerList,
  forbidden,
  int,
  list,
  obj,
  pluralize,
  sortedUnique,
  containers,
  type PodCheck,
} from './pod.js';

export const check: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  const ports: string[] = [];
  // The API server defaults hostPort to containerPort for host-network pods (init and regular containers).
  const hostNetwork = bool(spec.hostNetwork, 'spec.hostNetwork') === true;
  for (const c of containers(spec)) {
    let valid = true;
    for (const [i, item] of list(c.raw.ports, `container "${c.name}" ports`).entries()) {
      const entry = obj(item, `container "${c.name}" ports[${i}]`);
      const written = int(entry?.hostPort, `container "${c.name}" hostPort`);
      const port =
        (written === undefined || written === 0) && hostNetwork && c.field !== 'ephemeralContainers'
          ? int(entry?.containerPort, `container "${c.name}" containerPort`)
          : written;
      if (port !== undefined && port !== 0) {
        valid = false;
        ports.push(String(port));
      }
    }
    if (!valid) bad.push(c.name);
  }
  const unique = sortedUnique(ports);
  return bad.length === 0
    ? ALLOWED
    : forbidden(
        'hostPort',
        `${containerList(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
      );
};

export const control = pssControl({
  id: 'VF-PSS-006',
  checkName: 'hostPorts',
  level: 'baseline',
  upstreamFile: 'check_hostPorts.go',
  title: 'Containers bind no host ports',
  severity: 'high',
  rationale:
    "A hostPort publishes the container on the node's address, bypassing Services and NetworkPolicy-aware paths and tying the pod to the node.",
  remediation: 'Remove hostPort from every container port; expose the workload through a Service.',
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.9', 'A.8.20'],
    soc2: ['CC6.6'],
  },
  check,
});
