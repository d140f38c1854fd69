/** API keys reach Weaviate from a Secret, never as literal values in the manifest. */
import { weaviateControl } from './control.js';

const VARS = ['AUTHENTICATION_APIKEY_ALLOWED_KEYS', 'AUTHENTICATION_DB_USERS_ENABLED_KEYS'];

export const control = weaviateControl({
  id: 'VF-WEAVIATE-004',
  title: 'Weaviate API keys are read from a Secret, not written inline',
  severity: 'critical',
  rationale:
    'A key written as a literal env value or in a ConfigMap is readable by anyone who can read the workload or the repository, lands in Git history and is not rotated with the Secret.',
  remediation:
    'Set AUTHENTICATION_APIKEY_ALLOWED_KEYS with valueFrom.secretKeyRef (or envFrom.secretRef) pointing to a Secret managed outside the manifests.',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.DS-01'],
    'iso-27001-2022': ['A.5.17', 'A.8.24'],
    soc2: ['CC6.1'],
    'cis-eks-1.8': ['4.4.1'],
  },
  evaluate(c) {
    const present = VARS.filter((v) => c.env.has(v));
    for (const name of present) {
      const v = c.env.get(name)!;
      if (v.kind === 'literal') return ['fail', `${name} is written inline as a literal value`];
      if (v.kind === 'configmap') return ['fail', `${name} comes from ${v.from}, which is not a Secret`];
      if (v.kind === 'unknown') return ['unknown', `${name}: ${v.reason}`];
    }
    if (present.length > 0) return ['pass', `${present.join(', ')} from a Secret`];
    if (c.undeterminedSource) return ['unknown', `API keys may be written inline: ${c.undeterminedSource}`];
    if (c.incomplete) return ['pass', `no API keys are written in the manifest (${c.incomplete})`];
    return ['pass', 'no API keys are configured in the manifest'];
  },
});
