/** Weaviate exposes Prometheus metrics. */
import { weaviateControl } from './control.js';
import { enabledSetting, isKnown } from './settings.js';

const VAR = 'PROMETHEUS_MONITORING_ENABLED';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-009',
  title: 'Weaviate exposes Prometheus metrics',
  severity: 'low',
  rationale:
    'Metrics are how failed authentications, query latency and replication problems become alerts; without them an attack or an outage is noticed late.',
  remediation: `Set ${VAR}=true (or monitoring.enabled in the config file) and scrape port 2112 from the monitoring namespace only.`,
  frameworks: { 'nist-csf-2.0': ['DE.CM-01', 'DE.CM-09'], 'iso-27001-2022': ['A.8.16'], soc2: ['CC7.2'] },
  evaluate(c) {
    const on = enabledSetting(c, [VAR], 'monitoring.enabled');
    if (!isKnown(on)) return ['unknown', on.unknown, on.at];
    return on.value
      ? ['pass', `${on.from} turns metrics on`, on.at]
      : ['fail', `${VAR} is not true (no metrics are exposed)`];
  },
});
