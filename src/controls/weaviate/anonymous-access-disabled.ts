/** Anonymous access is explicitly off: Weaviate turns it on by itself when no other method is configured. */
import { enabledText, envText, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';

const VAR = 'AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-001',
  title: 'Weaviate anonymous access is explicitly disabled',
  severity: 'critical',
  rationale:
    'Anonymous requests can read and write every collection. Weaviate falls back to anonymous access when no authentication method is enabled, so only an explicit false, together with a real method, closes it.',
  remediation: `Set ${VAR}=false on the Weaviate container and enable API-key or OIDC authentication.`,
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-03'],
    'iso-27001-2022': ['A.5.15', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(c) {
    const v = envText(c, VAR);
    if (isUnknownValue(v)) return ['unknown', v.unknown];
    if (v === undefined)
      return ['fail', `${VAR} is not set; Weaviate enables anonymous access unless another method is on`];
    if (enabledText(v)) return ['fail', `${VAR}=${v} lets unauthenticated clients read and write`];
    if (v.toLowerCase() !== 'false') return ['fail', `${VAR}=${JSON.stringify(v)} is not an explicit false`];
    return ['pass', `${VAR}=false`];
  },
});
