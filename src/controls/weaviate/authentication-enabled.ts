/** Weaviate authenticates clients: API keys or OIDC, turned on in the environment or in the config file. */
import { weaviateControl } from './control.js';
import { AUTHENTICATION_METHODS, isKnown } from './settings.js';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-002',
  title: 'Weaviate requires authentication (API key or OIDC)',
  severity: 'critical',
  rationale:
    'Without an authentication method every request is anonymous, whatever the anonymous flag says; authorization then has no identity to act on.',
  remediation:
    'Set AUTHENTICATION_APIKEY_ENABLED=true (keys from a Secret) and/or AUTHENTICATION_OIDC_ENABLED=true, or enable authentication.apikey or authentication.oidc in the config file given by --config-file.',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-03'],
    'iso-27001-2022': ['A.5.17', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(c) {
    const settings = AUTHENTICATION_METHODS.map((m) => m.setting(c));
    const on = AUTHENTICATION_METHODS.flatMap((m, i) => {
      const s = settings[i]!;
      return isKnown(s) && s.value ? [{ ...s, name: m.name }] : [];
    });
    if (on.length > 0) return ['pass', `${on.map((s) => `${s.name} (${s.from})`).join(' and ')}`, on[0]!.at];
    const unknown = settings.find((s) => !isKnown(s));
    if (unknown && !isKnown(unknown)) return ['unknown', unknown.unknown, unknown.at];
    const file =
      c.configFile.state === 'read'
        ? `, and ${c.configFile.shown} enables neither authentication.apikey nor authentication.oidc`
        : '';
    return [
      'fail',
      `neither AUTHENTICATION_APIKEY_ENABLED nor AUTHENTICATION_OIDC_ENABLED is true${file}: every request is anonymous`,
    ];
  },
});
