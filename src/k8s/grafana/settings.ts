/**
 * Grafana's settings, as the `GF_<SECTION>_<KEY>` environment variables Grafana reads over its defaults (no
 * configuration file to mount, and every setting stays visible on the pod spec, where the verifier reads them).
 *
 * Sign-in: Grafana listens on the loopback address only, so whoever reaches it has come through
 * `kubectl port-forward`, which the private API endpoint admits only from the admin VPN, after IAM
 * authentication, and records in the EKS audit log. Without OIDC that person sees the dashboards as an
 * anonymous, read-only Viewer; the login form and basic authentication are off and no admin user is ever created,
 * so there is no password anywhere. With OIDC the issuer's groups decide the role.
 */
import type { IEnvVar } from 'kubernetes-models/v1';
import { grafanaIssuer, type Blueprint, type GrafanaOidc } from '../../blueprint/index.js';

/** Grafana's own paths (the image's defaults), and where the provisioned dashboards are mounted. */
export const GRAFANA_PATHS = {
  data: '/var/lib/grafana',
  provisioning: '/etc/grafana/provisioning',
  dashboards: '/var/lib/grafana-dashboards',
} as const;

export function grafanaSettings(bp: Blueprint): Record<string, string> {
  const oidc = bp.monitoring.grafana.oidc;
  // Only what differs from Grafana's defaults (the manifests travel inside the CloudFormation template, close to
  // its size limit), plus the sign-in settings a reviewer looks for, stated even where they are the default.
  return {
    GF_SERVER_HTTP_ADDR: '127.0.0.1',
    // Nothing phones home: the data tier has no internet route, and a reviewer should not have to prove it twice.
    GF_ANALYTICS_REPORTING_ENABLED: 'false',
    GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
    GF_NEWS_NEWS_FEED_ENABLED: 'false',
    GF_PLUGINS_PREINSTALL_DISABLED: 'true',
    GF_SNAPSHOTS_EXTERNAL_ENABLED: 'false',
    // Dashboards, not an alerting path: alerts go through Prometheus and Alertmanager.
    GF_UNIFIED_ALERTING_ENABLED: 'false',
    GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION: 'true',
    GF_AUTH_DISABLE_LOGIN_FORM: 'true',
    GF_AUTH_BASIC_ENABLED: 'false',
    GF_AUTH_ANONYMOUS_ENABLED: String(!oidc.enabled),
    GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
    // The CloudWatch data source takes the SDK's default chain (Pod Identity), never keys or an assumed role.
    GF_AWS_ALLOWED_AUTH_PROVIDERS: 'default',
    GF_AWS_ASSUME_ROLE_ENABLED: 'false',
    AWS_REGION: bp.environment.region,
    ...(oidc.enabled ? oidcSettings(bp, oidc) : {}),
  };
}

/**
 * Generic OAuth with PKCE as a public client: no client secret exists, so none is stored. The role comes from the
 * groups claim; everyone else the issuer signs in is a Viewer, and nobody becomes a server administrator.
 */
function oidcSettings(bp: Blueprint, oidc: GrafanaOidc): Record<string, string> {
  // A quoted JMESPath identifier: claims such as `cognito:groups` are not bare identifiers.
  const claim = JSON.stringify(oidc.groupsClaim);
  const inAny = (groups: readonly string[]) =>
    groups.map((g) => `contains(${claim}[*], '${g.replaceAll("'", "\\'")}')`).join(' || ');
  const branches = [
    ...(oidc.adminGroups.length ? [`(${inAny(oidc.adminGroups)}) && 'Admin'`] : []),
    ...(oidc.editorGroups.length ? [`(${inAny(oidc.editorGroups)}) && 'Editor'`] : []),
    "'Viewer'",
  ];
  return {
    GF_AUTH_GENERIC_OAUTH_ENABLED: 'true',
    GF_AUTH_GENERIC_OAUTH_NAME: new URL(grafanaIssuer(bp)!).host,
    GF_AUTH_GENERIC_OAUTH_CLIENT_ID: oidc.clientId!,
    GF_AUTH_GENERIC_OAUTH_USE_PKCE: 'true',
    GF_AUTH_GENERIC_OAUTH_SCOPES: oidc.scopes.join(' '),
    GF_AUTH_GENERIC_OAUTH_AUTH_URL: oidc.authUrl!,
    GF_AUTH_GENERIC_OAUTH_TOKEN_URL: oidc.tokenUrl!,
    GF_AUTH_GENERIC_OAUTH_ALLOW_SIGN_UP: 'true',
    GF_AUTH_GENERIC_OAUTH_AUTO_LOGIN: 'true',
    GF_AUTH_GENERIC_OAUTH_GROUPS_ATTRIBUTE_PATH: claim,
    GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH: branches.join(' || '),
    GF_AUTH_GENERIC_OAUTH_ALLOW_ASSIGN_GRAFANA_ADMIN: 'false',
  };
}

/** The settings as container environment variables, in a stable order. */
export function grafanaEnv(bp: Blueprint): IEnvVar[] {
  return Object.entries(grafanaSettings(bp)).map(([name, value]) => ({ name, value }));
}
