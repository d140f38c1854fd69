/** Weaviate Go profiling is disabled. */
import { envEnabled, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';
import { envAt, fileValue } from './settings.js';

const VAR = 'GO_PROFILING_DISABLE';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-010',
  title: 'Weaviate Go profiling is disabled',
  severity: 'medium',
  rationale:
    'Weaviate binds a Go pprof listener on port 6060 by default; it leaks memory contents and internals and can be used to exhaust CPU.',
  remediation: `Set ${VAR}=true on the Weaviate container.`,
  frameworks: { 'nist-csf-2.0': ['PR.PS-01'], 'iso-27001-2022': ['A.8.9'], soc2: ['CC6.8'] },
  evaluate(c) {
    const on = envEnabled(c, VAR);
    const at = envAt(c, VAR).at;
    if (isUnknownValue(on)) return ['unknown', on.unknown, at];
    if (on) return ['pass', `${VAR} is true`, at];
    // Weaviate sets this from the environment alone, over whatever the config file says.
    const ignored =
      fileValue(c, 'profiling.disabled') === true
        ? '; profiling.disabled in the config file is ignored, the variable always decides'
        : '';
    return ['fail', `${VAR} is not true (pprof listens on 6060 by default)${ignored}`, at];
  },
});
