/**
 * The edge (`exposure: alb | cloudfront`): the Application Load Balancer in front of the ingress gateway, the
 * AWS Load Balancer Controller that registers the gateway's pods in its target group, and the sources the ALB
 * admits (CloudFront's origin-facing addresses, or the internet on 443 and 80 for the redirect).
 */
import type { Blueprint } from '../../blueprint/index.js';
import { dnsLookups, flow, NOTHING, type Capability } from '../capability.js';
import { INGRESS_GATEWAY_TLS } from '../gateway-tls.js';
import type { ComponentId } from '../ids.js';
import { NETWORK_LAYERS, NETWORK_TO_POD_LAYERS, ON_NODE_LAYERS, POD_LAYERS } from '../layers.js';
import { subnetsOf } from '../network-plan.js';
import type { Flow } from '../types.js';
import { HTTP_PORT, HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';
import {
  ALB_TLS,
  AWS_API_TLS,
  GATEWAY_TLS,
  HTTP_REDIRECT_PLAINTEXT,
  KUBE_API_TLS,
  POD_IDENTITY_AGENT_PLAINTEXT,
  WEBHOOK_TLS,
} from '../protection.js';

export const edge: Capability = ({ blueprint, names, subnets }) => {
  if (blueprint.exposure === 'private') return NOTHING;
  const cloudfront = blueprint.exposure === 'cloudfront';
  const albTier = blueprint.edge.scheme === 'internal' ? 'application' : 'public';
  const controller = names.loadBalancerController;
  return {
    components: [
      {
        id: 'alb',
        description: `Application Load Balancer (${cloudfront ? 'CloudFront origin' : blueprint.edge.scheme}) behind AWS WAF`,
        tier: albTier,
        awsTag: 'alb',
        cidrs: subnetsOf(subnets, albTier).map((s) => s.cidr),
      },
      {
        id: 'lb-controller',
        description:
          'AWS Load Balancer Controller: registers the ingress gateway pods in the ALB target group',
        tier: 'data',
        k8s: {
          namespace: controller.namespace,
          labels: controller.labels,
          serviceAccount: controller.serviceAccount,
        },
        nodeGroup: 'system',
      },
      ...(cloudfront
        ? [
            {
              id: 'cloudfront',
              description: 'CloudFront edge (origin-facing addresses)',
              tier: 'internet',
              prefixList: 'com.amazonaws.global.cloudfront.origin-facing',
            } as const,
          ]
        : []),
    ],
    flows: {
      dns: dnsLookups('lb-controller'),
      edge: [
        flow({
          from: 'alb',
          to: 'ingress-gateway',
          port: INGRESS_GATEWAY_TLS.port,
          purpose: 'https',
          description: "Load balancer to the gateway's TLS listener (IP targets)",
          enforcedBy: NETWORK_TO_POD_LAYERS,
          protection: GATEWAY_TLS,
        }),
        // The controller watches the gateway's endpoints and registers their pod IPs in the target group (ELB
        // and EC2 APIs through the interface endpoints, credentials from the Pod Identity agent); the API server
        // calls its admission webhooks (TargetGroupBinding validation and defaults, pod readiness gates).
        flow({
          from: 'lb-controller',
          to: 'eks-api',
          port: HTTPS_PORT,
          purpose: 'watch',
          description: 'Watches Services, endpoints and bindings',
          enforcedBy: POD_LAYERS,
          protection: KUBE_API_TLS,
        }),
        flow({
          from: 'lb-controller',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'aws-apis',
          description: 'ELB and EC2 APIs',
          enforcedBy: POD_LAYERS,
          protection: AWS_API_TLS,
        }),
        flow({
          from: 'lb-controller',
          to: 'pod-identity-agent',
          port: POD_IDENTITY_AGENT_PORT,
          purpose: 'credentials',
          description: 'Pod Identity credentials for the controller role',
          enforcedBy: ON_NODE_LAYERS,
          protection: POD_IDENTITY_AGENT_PLAINTEXT,
        }),
        flow({
          from: 'eks-api',
          to: 'lb-controller',
          port: controller.webhookPort,
          purpose: 'webhook',
          description: 'Admission webhooks',
          enforcedBy: POD_LAYERS,
          protection: WEBHOOK_TLS,
        }),
        ...albSources(blueprint),
      ],
    },
    denials: [],
    workloads: ['lb-controller'],
  };
};

/** Who reaches the ALB from outside: CloudFront's origin-facing addresses, or the internet when it faces it. */
function albSources(blueprint: Blueprint): Flow<ComponentId>[] {
  if (blueprint.exposure === 'cloudfront')
    return [
      flow({
        from: 'cloudfront',
        to: 'alb',
        port: HTTPS_PORT,
        purpose: 'https',
        description: 'CloudFront to its origin',
        enforcedBy: NETWORK_LAYERS,
        protection: ALB_TLS,
      }),
    ];
  if (blueprint.edge.scheme !== 'internet-facing') return [];
  return [
    flow({
      from: 'internet',
      to: 'alb',
      port: HTTPS_PORT,
      purpose: 'https',
      description: 'Clients over HTTPS',
      enforcedBy: NETWORK_LAYERS,
      protection: ALB_TLS,
    }),
    flow({
      from: 'internet',
      to: 'alb',
      port: HTTP_PORT,
      purpose: 'http-redirect',
      description: 'Plain HTTP, answered only with a redirect to HTTPS',
      enforcedBy: NETWORK_LAYERS,
      protection: HTTP_REDIRECT_PLAINTEXT,
    }),
  ];
}
