/** Weaviate telemetry is disabled. */
import { envEnabled, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';
import { envAt, fileValue } from './settings.js';

const VAR = 'DISABLE_TELEMETRY';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-011',
  title: 'Weaviate telemetry is disabled',
  severity: 'low',
  rationale:
    'Usage telemetry sends data about the deployment to a third party and needs egress that a zero-trust network should not allow.',
  remediation: `Set ${VAR}=true on the Weaviate container.`,
  frameworks: {
    'nist-csf-2.0': ['PR.DS-02', 'PR.IR-01'],
    'iso-27001-2022': ['A.5.33', 'A.8.12'],
    soc2: ['C1.1'],
  },
  evaluate(c) {
    const on = envEnabled(c, VAR);
    const at = envAt(c, VAR).at;
    if (isUnknownValue(on)) return ['unknown', on.unknown, at];
    if (on) return ['pass', `${VAR} is true`, at];
    // Weaviate sets this from the environment alone, over whatever the config file says.
    const ignored =
      fileValue(c, 'disable_telemetry') === true
        ? '; disable_telemetry in the config file is ignored, the variable always decides'
        : '';
    return ['fail', `${VAR} is not true (usage telemetry is sent by default)${ignored}`, at];
  },
});
