/** Weaviate authenticates clients: API keys or OIDC. */
import { envEnabled, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';

const METHODS = ['AUTHENTICATION_APIKEY_ENABLED', 'AUTHENTICATION_OIDC_ENABLED'] as const;

export const control = weaviateControl({
  id: 'VF-WEAVIATE-002',
  title: 'Weaviate requires authentication (API key or OIDC)',
  severity: 'critical',
  rationale:
    'Without an authentication method every request is anonymous, whatever the anonymous flag says; authorization then has no identity to act on.',
  remediation:
    'Set AUTHENTICATION_APIKEY_ENABLED=true (keys from a Secret) and/or AUTHENTICATION_OIDC_ENABLED=true.',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-03'],
    'iso-27001-2022': ['A.5.17', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(c) {
    const values = METHODS.map((m) => [m, envEnabled(c, m)] as const);
    const on = values.filter(([, v]) => v === true).map(([m]) => m);
    if (on.length > 0) return ['pass', `${on.join(' and ')} enabled`];
    const unknown = values.find(([, v]) => isUnknownValue(v));
    if (unknown && isUnknownValue(unknown[1])) return ['unknown', unknown[1].unknown];
    return ['fail', `neither ${METHODS.join(' nor ')} is true: every request is anonymous`];
  },
});
