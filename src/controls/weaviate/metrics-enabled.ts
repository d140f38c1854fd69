/** Weaviate exposes Prometheus metrics. */
import { envEnabled, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';

const VAR = 'PROMETHEUS_MONITORING_ENABLED';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-009',
  title: 'Weaviate exposes Prometheus metrics',
  severity: 'low',
  rationale:
    'Metrics are how failed authentications, query latency and replication problems become alerts; without them an attack or an outage is noticed late.',
  remediation: `Set ${VAR}=true and scrape port 2112 from the monitoring namespace only.`,
  frameworks: { 'nist-csf-2.0': ['DE.CM-01', 'DE.CM-09'], 'iso-27001-2022': ['A.8.16'], soc2: ['CC7.2'] },
  evaluate(c) {
    const on = envEnabled(c, VAR);
    if (isUnknownValue(on)) return ['unknown', on.unknown];
    return on ? ['pass', `${VAR} is true`] : ['fail', `${VAR} is not true (no metrics are exposed)`];
  },
});
