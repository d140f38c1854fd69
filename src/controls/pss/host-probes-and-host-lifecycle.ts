/** PSS baseline `hostProbesAndHostLifecycle` (v1.34+): probes and lifecycle hooks target no other host. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  joinQuote,
  obj,
  pluralize,
  sortedUnique,
  str,
  type Obj,
  type PodCheck,
} from './pod.js';

/** Hosts named by an httpGet or tcpSocket handler. */
function hosts(handler: Obj | undefined, what: string): string[] {
  if (!handler) return [];
  const found: string[] = [];
  for (const kind of ['httpGet', 'tcpSocket'] as const) {
    const host = str(obj(handler[kind], `${what}.${kind}`)?.host, `${what}.${kind}.host`) ?? '';
    if (host !== '') found.push(host);
  }
  return found;
}

export const check: PodCheck = (_meta, spec) => {
  const bad = new Set<string>();
  const targets: string[] = [];
  for (const c of containers(spec)) {
    const where = `container "${c.name}"`;
    const handlers: [Obj | undefined, string][] = (
      ['livenessProbe', 'readinessProbe', 'startupProbe'] as const
    ).map((p) => [obj(c.raw[p], `${where} ${p}`), `${where} ${p}`]);
    const lifecycle = obj(c.raw.lifecycle, `${where} lifecycle`);
    for (const hook of ['postStart', 'preStop'] as const)
      handlers.push([obj(lifecycle?.[hook], `${where} lifecycle.${hook}`), `${where} lifecycle.${hook}`]);
    for (const [handler, what] of handlers) {
      const found = hosts(handler, what);
      if (found.length > 0) {
        bad.add(c.name);
        targets.push(...found);
      }
    }
  }
  if (bad.size === 0) return ALLOWED;
  const names = sortedUnique(bad);
  const unique = sortedUnique(targets);
  return forbidden(
    'probe or lifecycle host',
    `${containerList(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', unique.length)} ${joinQuote(unique)}`,
  );
};

export const control = pssControl({
  id: 'VF-PSS-012',
  checkName: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  upstreamFile: 'check_hostProbesAndhostLifecycle.go',
  title: 'Probes and lifecycle hooks do not target other hosts',
  severity: 'medium',
  rationale:
    "The kubelet runs probes and lifecycle handlers from the node's network; a host field turns them into requests the node makes to arbitrary addresses on the pod's behalf (server-side request forgery).",
  remediation:
    'Remove host from httpGet and tcpSocket in liveness, readiness and startup probes and in postStart/preStop hooks; the pod IP is used by default.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01', 'PR.IR-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.6'] },
  check,
});
