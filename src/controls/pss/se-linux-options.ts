/** PSS baseline `seLinuxOptions`: only the container SELinux types, and no custom user or role. */
import { pssControl } from './control.js';
import {
  ALLOWED,
  containerList,
  containers,
  forbidden,
  joinQuote,
  obj,
  pluralize,
  podSecurityContext,
  sortedUnique,
  str,
  type PodCheck,
} from './pod.js';

/** Allowed types as of v1.31 (container_engine_t added then); "" means unset. */
export const SELINUX_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

export const check: PodCheck = (_meta, spec) => {
  const types: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (context: Record<string, unknown> | undefined, what: string): boolean => {
    const options = obj(context?.seLinuxOptions, `${what} seLinuxOptions`);
    if (!options) return true;
    let ok = true;
    const type = str(options.type, `${what} seLinuxOptions.type`) ?? '';
    if (!SELINUX_TYPES.has(type)) {
      ok = false;
      types.push(type);
    }
    if ((str(options.user, `${what} seLinuxOptions.user`) ?? '').length > 0) {
      ok = false;
      setUser = true;
    }
    if ((str(options.role, `${what} seLinuxOptions.role`) ?? '').length > 0) {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  const setters: string[] = [];
  if (!valid(podSecurityContext(spec), 'pod')) setters.push('pod');
  const bad = containers(spec)
    .filter((c) => !valid(c.securityContext, `container "${c.name}"`))
    .map((c) => c.name);
  if (bad.length > 0) setters.push(containerList(bad));
  if (setters.length === 0) return ALLOWED;
  const data: string[] = [];
  const badTypes = sortedUnique(types);
  if (badTypes.length > 0) data.push(`${pluralize('type', 'types', badTypes.length)} ${joinQuote(badTypes)}`);
  if (setUser) data.push('user may not be set');
  if (setRole) data.push('role may not be set');
  return forbidden(
    'seLinuxOptions',
    `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
  );
};

export const control = pssControl({
  id: 'VF-PSS-008',
  checkName: 'seLinuxOptions',
  level: 'baseline',
  upstreamFile: 'check_seLinuxOptions.go',
  title: 'SELinux options keep the container domain',
  severity: 'medium',
  rationale:
    'A custom SELinux user, role or a type outside the container domains lets a process escape the labels that separate containers from the host and from each other.',
  remediation:
    'Leave seLinuxOptions unset, or set only type to container_t, container_init_t, container_kvm_t or container_engine_t, on the pod and on every container; never set user or role.',
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  check,
});
