/** PSS baseline `sysctls`: only namespaced, node-isolated ("safe") sysctls, as of the latest upstream set. */
import { pssControl } from './control.js';
import { ALLOWED, forbidden, list, obj, podSecurityContext, str, type PodCheck } from './pod.js';

/** Upstream's set for v1.37 and later (it grew in v1.27, v1.29, v1.32 and v1.37). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

export const check: PodCheck = (_meta, spec) => {
  const bad: string[] = [];
  for (const [i, item] of list(podSecurityContext(spec)?.sysctls, 'spec.securityContext.sysctls').entries()) {
    const name = str(obj(item, `sysctls[${i}]`)?.name, `sysctls[${i}].name`) ?? '';
    if (!SAFE_SYSCTLS.has(name)) bad.push(name);
  }
  return bad.length === 0 ? ALLOWED : forbidden('forbidden sysctls', bad.join(', '));
};

export const control = pssControl({
  id: 'VF-PSS-011',
  checkName: 'sysctls',
  level: 'baseline',
  upstreamFile: 'check_sysctls.go',
  title: 'Pods set only safe sysctls',
  severity: 'high',
  rationale:
    'Unsafe sysctls are not isolated per pod: they change kernel behaviour for every workload on the node or disable security mechanisms.',
  remediation:
    'Remove every sysctl outside the safe set from spec.securityContext.sysctls; tune the node instead if a kernel setting is really required.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
