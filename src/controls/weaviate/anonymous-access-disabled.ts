/** Anonymous access is explicitly off: Weaviate turns it on by itself when no other method is configured. */
import { enabledText, envText, isUnknownValue } from './env.js';
import { weaviateControl, type Verdict } from './control.js';
import { AUTHENTICATION_METHODS, envAt, fileBoolean, isKnown, type UnknownSetting } from './settings.js';
import type { WeaviateContainer } from './types.js';

const VAR = 'AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED';
const FILE_PATH = 'authentication.anonymous_access.enabled';

/** The variable's verdict alone: fail when on or not an explicit false, pass on `false`, undefined when unset. */
function fromEnv(c: WeaviateContainer): Verdict | undefined {
  const v = envText(c, VAR);
  const at = envAt(c, VAR).at;
  if (isUnknownValue(v)) return ['unknown', v.unknown, at];
  if (v === undefined) return undefined;
  if (enabledText(v)) return ['fail', `${VAR}=${v} lets unauthenticated clients read and write`, at];
  if (v.toLowerCase() !== 'false')
    return ['fail', `${VAR}=${JSON.stringify(v)} is not an explicit false`, at];
  return ['pass', `${VAR}=false`, at];
}

/** Weaviate falls back to anonymous access when no method is on; undefined when one is. */
function fallback(c: WeaviateContainer): Verdict | undefined {
  const methods = AUTHENTICATION_METHODS.map((m) => m.setting(c));
  if (methods.some((s) => isKnown(s) && s.value)) return undefined;
  const unknown = methods.find((s): s is UnknownSetting => !isKnown(s));
  if (unknown)
    return [
      'unknown',
      `whether another authentication method is on is not known: ${unknown.unknown}`,
      unknown.at,
    ];
  return ['fail', 'no authentication method is enabled, so Weaviate falls back to anonymous access'];
}

export const control = weaviateControl({
  id: 'VF-WEAVIATE-001',
  title: 'Weaviate anonymous access is explicitly disabled',
  severity: 'critical',
  rationale:
    'Anonymous requests can read and write every collection. Weaviate falls back to anonymous access when no authentication method is enabled, and a false in the environment does not undo a true in its config file, so only an explicit false everywhere, together with a real method, closes it.',
  remediation: `Set ${VAR}=false on the Weaviate container (and ${FILE_PATH} to false, or leave it out, in the config file given by --config-file), and enable API-key or OIDC authentication.`,
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-03'],
    'iso-27001-2022': ['A.5.15', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(c) {
    const env = fromEnv(c);
    if (env?.[0] === 'fail') return env;
    const file = fileBoolean(c, FILE_PATH);
    // The variable is applied only when true: it cannot turn off what the file turns on.
    if (file && isKnown(file) && file.value)
      return [
        'fail',
        `${file.from} lets unauthenticated clients read and write${env?.[0] === 'pass' ? `; ${VAR}=false does not override it, as Weaviate applies the variable only when it is true` : ''}`,
        file.at,
      ];
    if (env?.[0] === 'unknown') return env;
    if (file && !isKnown(file)) return ['unknown', file.unknown, file.at];
    const explicit: Verdict | undefined =
      env ?? (file && isKnown(file) ? ['pass', file.from, file.at] : undefined);
    if (!explicit)
      return [
        'fail',
        `${VAR} is not set${c.configFile.state === 'read' ? ` and ${c.configFile.shown} does not set ${FILE_PATH}` : ''}; Weaviate enables anonymous access unless another method is on`,
      ];
    return fallback(c) ?? explicit;
  },
});
