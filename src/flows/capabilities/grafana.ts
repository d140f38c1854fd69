/**
 * Grafana (with the monitoring stack): it queries Prometheus through the mesh and CloudWatch through the
 * interface endpoints with Pod Identity credentials, and nothing connects to it. It listens on the pod's
 * loopback address only; administrators reach it with `kubectl port-forward`, which the kubelet carries into the
 * pod's network namespace after the private API endpoint (admin VPN only) has authenticated and audited the
 * request. The denial claim proves no other component, in the VPC or in another namespace, has a path to it.
 *
 * With OIDC sign-in Grafana's server calls the issuer's token endpoint on the internet, named by its address
 * ranges (`monitoring.grafana.oidc.issuerCidrs`, by default Weaviate's with Weaviate's issuer). Grafana's
 * NetworkPolicy admits those ranges only; the nodes' security group and network ACL admit HTTPS anywhere, as
 * the named weakening `network.allowDataTierInternetEgress` does, which the blueprint requires for the route.
 * The issuer's component is shared with Weaviate's when both name the same ranges (oidc-issuers.ts).
 */
import { grafanaInstalled } from '../../blueprint/index.js';
import { dnsLookups, flow, NOTHING, type Capability } from '../capability.js';
import { grafanaNames, PROMETHEUS_WEB_PORT } from '../grafana-names.js';
import { ON_NODE_LAYERS, POD_LAYERS, podLayers } from '../layers.js';
import { oidcIssuers } from '../oidc-issuers.js';
import { AWS_API_TLS, INTERNET_TLS, meshOrPlaintext, POD_IDENTITY_AGENT_PLAINTEXT } from '../protection.js';
import { HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';

export const grafana: Capability = ({ blueprint }) => {
  if (!grafanaInstalled(blueprint)) return NOTHING;
  const names = grafanaNames(blueprint);
  const meshEnabled = blueprint.mesh.enabled;
  const issuer = oidcIssuers(blueprint).grafana;
  return {
    components: [
      {
        id: 'grafana',
        description: 'Grafana (opened only through kubectl port-forward)',
        tier: 'data',
        k8s: { namespace: names.namespace, labels: names.labels, serviceAccount: names.serviceAccount },
        nodeGroup: 'system',
        meshed: meshEnabled,
      },
    ],
    flows: {
      dns: dnsLookups('grafana'),
      dashboards: [
        flow({
          from: 'grafana',
          to: 'prometheus',
          port: PROMETHEUS_WEB_PORT,
          purpose: 'queries',
          description: 'Grafana queries Prometheus (its data source)',
          enforcedBy: podLayers(meshEnabled),
          viaMesh: meshEnabled,
          protection: meshOrPlaintext(meshEnabled),
        }),
        flow({
          from: 'grafana',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'cloudwatch',
          description: 'Grafana reads CloudWatch metrics and Logs Insights (interface endpoints)',
          enforcedBy: POD_LAYERS,
          protection: AWS_API_TLS,
        }),
        flow({
          from: 'grafana',
          to: 'pod-identity-agent',
          port: POD_IDENTITY_AGENT_PORT,
          purpose: 'credentials',
          description: 'Pod Identity credentials for reading CloudWatch',
          enforcedBy: ON_NODE_LAYERS,
          protection: POD_IDENTITY_AGENT_PLAINTEXT,
        }),
        ...(issuer
          ? [
              flow({
                from: 'grafana',
                to: issuer,
                port: HTTPS_PORT,
                purpose: 'oidc',
                description: "Weakening: Grafana exchanges sign-in codes at the OIDC issuer's token endpoint",
                enforcedBy: POD_LAYERS,
                protection: INTERNET_TLS,
              }),
            ]
          : []),
      ],
    },
    denials: [
      {
        id: 'nothing-reaches-grafana',
        class: 'namespace-isolation',
        description: 'Nothing connects to Grafana (administrators use kubectl port-forward)',
        from: ['outsider', 'prometheus', 'weaviate', 'ingress-gateway', 'tier:application', 'tier:admin'],
        to: ['grafana'],
        ports: [],
      },
    ],
    workloads: ['grafana'],
  };
};
