/**
 * The nodes' own AWS traffic without the internet: ECR, EKS auth, logs and SSM through the interface endpoints,
 * and ECR's image layers from S3 through S3's interface endpoint.
 */
import { flow, perNodeGroup, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { AWS_API_TLS } from '../protection.js';

export const nodeAwsApis: Capability = () => ({
  components: [],
  flows: perNodeGroup((nodes) => [
    flow({
      from: nodes,
      to: 'aws-endpoints',
      port: HTTPS_PORT,
      purpose: 'aws-apis',
      description: 'ECR, EKS auth, logs, SSM through interface endpoints',
      enforcedBy: NETWORK_LAYERS,
      protection: AWS_API_TLS,
    }),
    flow({
      from: nodes,
      to: 's3-endpoint',
      port: HTTPS_PORT,
      purpose: 'image-layers',
      description: 'ECR image layers from S3 (interface endpoint)',
      enforcedBy: NETWORK_LAYERS,
      protection: AWS_API_TLS,
    }),
  ]),
  denials: [],
});
