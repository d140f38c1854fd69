/**
 * `monitoring.grafana`: dashboards in the cluster, reachable only through `kubectl port-forward` over the
 * private Kubernetes API (so only from the admin VPN, authenticated by IAM and recorded in the EKS audit log),
 * optionally with sign-in from an OIDC issuer.
 */
import { z } from 'zod';
import { commaFreeName } from './formats.js';
import { issuerCidrsSchema } from './oidc-issuer.js';

const httpsUrl = z.url({ protocol: /^https$/, error: 'an https URL' });

export const grafanaOidcSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      "Sign in through the OIDC issuer (Grafana's generic OAuth with PKCE, a public client with no secret to " +
        'store). Off: whoever the Kubernetes API lets port-forward sees the dashboards as a read-only Viewer. ' +
        "On, Grafana's server calls the issuer's token endpoint, which needs `network.allowDataTierInternetEgress`.",
    ),
  issuer: httpsUrl
    .optional()
    .describe("Issuer URL. Unset: Weaviate's (`weaviate.authentication.oidc.issuer`)."),
  clientId: z
    .string()
    .min(1)
    .optional()
    .describe("Grafana's own client id at the issuer (required when on)."),
  authUrl: httpsUrl
    .optional()
    .describe("The issuer's authorization endpoint (required when on; Grafana does not read discovery)."),
  tokenUrl: httpsUrl.optional().describe("The issuer's token endpoint (required when on)."),
  issuerCidrs: issuerCidrsSchema.describe(
    "IPv4 ranges of the issuer's token endpoint (required when on): Grafana's NetworkPolicy, the system nodes' " +
      "security group and the data tier's network ACL admit HTTPS to these only, never the whole internet. " +
      "Empty, with Weaviate's issuer (`issuer` unset or the same): Weaviate's " +
      '(`weaviate.authentication.oidc.issuerCidrs`).',
  ),
  groupsClaim: z.string().min(1).default('groups').describe("Token claim that lists the user's groups."),
  scopes: z.array(commaFreeName).default(['openid', 'email', 'profile']).describe('Scopes Grafana requests.'),
  adminGroups: z
    .array(commaFreeName)
    .default([])
    .describe("Groups signed in as Grafana's Admin (dashboards and data sources)."),
  editorGroups: z.array(commaFreeName).default([]).describe('Groups signed in as Editor.'),
});
export type GrafanaOidc = z.infer<typeof grafanaOidcSchema>;

export const grafanaSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'Grafana in the monitoring namespace (with the monitoring stack), provisioned with the Weaviate and ' +
        'security-signals dashboards and the Prometheus and CloudWatch data sources. Nothing connects to it: ' +
        'administrators open it with `kubectl port-forward` over the private API endpoint.',
    ),
  image: z
    .strictObject({
      repository: z
        .string()
        .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an image repository path')
        .default('grafana/grafana')
        .describe('Repository path; prefixed with the image registry (see `images`).'),
      tag: z
        .string()
        .regex(/^\d+\.\d+\.\d+$/, 'a version tag such as 12.3.2 (never latest)')
        .default('12.3.2')
        .describe('A version tag; moving tags are rejected.'),
    })
    .prefault({})
    .describe("Grafana's image (the ECR mirror, or Docker Hub with `images.source: public`)."),
  oidc: grafanaOidcSchema.prefault({}).describe('Sign-in from an OIDC issuer.'),
});
export type GrafanaConfig = z.infer<typeof grafanaSchema>;
