/** Weaviate authorizes with exactly one model: RBAC or the admin list, never both, never none. */
import { envEnabled, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-003',
  title: 'Weaviate uses one authorization model: RBAC or the admin list',
  severity: 'high',
  rationale:
    'Without authorization every authenticated identity may do everything. RBAC and the admin list are mutually exclusive in Weaviate; enabling both is a misconfiguration whose effective rules are unclear.',
  remediation:
    'Set AUTHORIZATION_RBAC_ENABLED=true with named root users or groups (preferred), or AUTHORIZATION_ADMINLIST_ENABLED=true with its user lists, but not both.',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  evaluate(c) {
    const rbacVars = ['AUTHORIZATION_RBAC_ENABLED', 'AUTHORIZATION_ENABLE_RBAC'].map((v) => envEnabled(c, v));
    const admin = envEnabled(c, 'AUTHORIZATION_ADMINLIST_ENABLED');
    const unknown = [...rbacVars, admin].find(isUnknownValue);
    const rbac = rbacVars.includes(true);
    if (rbac && admin === true)
      return ['fail', 'RBAC and the admin list are both enabled; they are mutually exclusive'];
    if (unknown) return ['unknown', unknown.unknown];
    if (rbac) return ['pass', 'RBAC authorization'];
    if (admin === true) return ['pass', 'admin-list authorization'];
    return ['fail', 'no authorization model: every authenticated identity has full access'];
  },
});
