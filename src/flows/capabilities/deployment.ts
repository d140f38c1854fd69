/**
 * The CDK kubectl handler, which deploys the manifests and charts: the Kubernetes API, AWS APIs through the
 * interface endpoints, CloudFormation's responses through S3 and, with an https:// chart repository, the
 * upstream Istio charts.
 */
import { flow, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { AWS_API_TLS, INTERNET_TLS, KUBE_API_TLS } from '../protection.js';

export const deployment: Capability = ({ blueprint }) => ({
  components: [
    {
      id: 'kubectl-handler',
      description: 'CDK kubectl handler (deploys manifests and charts)',
      tier: 'application',
      awsTag: 'kubectl-handler',
    },
  ],
  flows: {
    deployment: [
      flow({
        from: 'kubectl-handler',
        to: 'eks-api',
        port: HTTPS_PORT,
        purpose: 'deploy',
        description: 'Deploys manifests and charts',
        enforcedBy: NETWORK_LAYERS,
        protection: KUBE_API_TLS,
      }),
      flow({
        from: 'kubectl-handler',
        to: 'aws-endpoints',
        port: HTTPS_PORT,
        purpose: 'aws-apis',
        description: 'EKS, STS and Lambda APIs',
        enforcedBy: NETWORK_LAYERS,
        protection: AWS_API_TLS,
      }),
      // Custom resources answer CloudFormation through a pre-signed S3 URL. Its host is a regional S3 name
      // (answered by the interface endpoint's private DNS) or the global one (public addresses, which the
      // application tier reaches through the gateway endpoint), so both paths are open.
      flow({
        from: 'kubectl-handler',
        to: 's3-endpoint',
        port: HTTPS_PORT,
        purpose: 'cfn-responses',
        description: 'Custom-resource responses to CloudFormation (pre-signed S3 URL, regional name)',
        enforcedBy: NETWORK_LAYERS,
        protection: AWS_API_TLS,
      }),
      flow({
        from: 'kubectl-handler',
        to: 's3',
        port: HTTPS_PORT,
        purpose: 'cfn-responses',
        description: 'Custom-resource responses to CloudFormation (pre-signed S3 URL, global name)',
        enforcedBy: NETWORK_LAYERS,
        protection: AWS_API_TLS,
      }),
      ...(blueprint.mesh.chartRepository.startsWith('https://')
        ? [
            flow({
              from: 'kubectl-handler',
              to: 'internet',
              port: HTTPS_PORT,
              purpose: 'charts',
              description: 'Istio charts from the upstream repository (through NAT)',
              enforcedBy: NETWORK_LAYERS,
              protection: INTERNET_TLS,
            }),
          ]
        : []),
    ],
  },
  denials: [],
});
