/** Weaviate authorizes with exactly one model: RBAC or the admin list, never both, never none. */
import { weaviateControl } from './control.js';
import { enabledSetting, isKnown } from './settings.js';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-003',
  title: 'Weaviate uses one authorization model: RBAC or the admin list',
  severity: 'high',
  rationale:
    'Without authorization every authenticated identity may do everything. RBAC and the admin list are mutually exclusive in Weaviate; enabling both is a misconfiguration whose effective rules are unclear.',
  remediation:
    'Set AUTHORIZATION_RBAC_ENABLED=true with named root users or groups (preferred), or AUTHORIZATION_ADMINLIST_ENABLED=true with its user lists, but not both (the config file given by --config-file can turn either on too: authorization.rbac.enabled, authorization.admin_list.enabled).',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  evaluate(c) {
    const rbac = enabledSetting(
      c,
      ['AUTHORIZATION_RBAC_ENABLED', 'AUTHORIZATION_ENABLE_RBAC'],
      'authorization.rbac.enabled',
    );
    const admin = enabledSetting(c, ['AUTHORIZATION_ADMINLIST_ENABLED'], 'authorization.admin_list.enabled');
    const rbacOn = isKnown(rbac) && rbac.value;
    const adminOn = isKnown(admin) && admin.value;
    if (rbacOn && adminOn)
      return [
        'fail',
        `RBAC (${rbac.from}) and the admin list (${admin.from}) are both enabled; they are mutually exclusive`,
        admin.at,
      ];
    const unknown = [rbac, admin].find((s) => !isKnown(s));
    if (unknown && !isKnown(unknown)) return ['unknown', unknown.unknown, unknown.at];
    if (rbacOn) return ['pass', `RBAC authorization (${rbac.from})`, rbac.at];
    if (adminOn) return ['pass', `admin-list authorization (${admin.from})`, admin.at];
    return ['fail', 'no authorization model: every authenticated identity has full access'];
  },
});
