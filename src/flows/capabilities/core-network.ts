/**
 * The network around everything else: the internet, the interface endpoints and S3. The data tier reaches S3
 * only through S3's interface endpoint in the endpoints tier, whose private DNS answers S3's regional names
 * inside the VPC, so NetworkPolicies name it by the endpoints tier's ranges and need no S3 address ranges in
 * any region. The application tier keeps the gateway endpoint for the names that private DNS does not answer
 * (the global `s3.amazonaws.com` of CloudFormation's response URLs). The data tier reaches the internet only as
 * the named weakening `network.allowDataTierInternetEgress`.
 */
import { flow, perNodeGroup, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { INTERNET_TLS } from '../protection.js';

export const coreNetwork: Capability = ({ blueprint }) => {
  const region = blueprint.environment.region;
  const dataTierEgress = blueprint.network.allowDataTierInternetEgress;
  return {
    components: [
      {
        id: 'internet',
        description: 'Any address on the internet',
        tier: 'internet',
        cidrs: ['0.0.0.0/0', '::/0'],
      },
      {
        id: 'aws-endpoints',
        description: 'Interface VPC endpoints (ECR, STS, KMS, logs, …)',
        tier: 'endpoints',
        awsTag: 'vpc-endpoints',
      },
      {
        id: 's3',
        description: 'Amazon S3 through the gateway endpoint (application tier only)',
        tier: 'aws',
        prefixList: `com.amazonaws.${region}.s3`,
      },
      {
        id: 's3-endpoint',
        description: "Amazon S3 through its interface endpoint (private DNS answers S3's regional names)",
        tier: 'endpoints',
        awsTag: 's3-endpoint',
      },
    ],
    flows: dataTierEgress
      ? perNodeGroup((nodes) => [
          flow({
            from: nodes,
            to: 'internet',
            port: HTTPS_PORT,
            purpose: 'public-images',
            description: 'Weakening: images from public registries (through NAT)',
            enforcedBy: NETWORK_LAYERS,
            protection: INTERNET_TLS,
          }),
        ])
      : {},
    denials: [
      {
        id: 'internet-to-private-tiers',
        class: 'internet-isolation',
        description: 'Nothing on the internet reaches the data or endpoints tiers, on any port',
        from: ['internet'],
        to: ['tier:data', 'tier:endpoints'],
        ports: [],
      },
      // With the weakening the data tier reaches the internet through NAT on 443; the claim is dropped rather
      // than reported as broken, and the weakening shows as the flows above.
      ...(dataTierEgress
        ? []
        : [
            {
              id: 'data-tier-exfiltration',
              class: 'exfiltration',
              description: 'The data tier has no path to the internet',
              from: ['tier:data'],
              to: ['internet'],
              ports: [],
            } as const,
          ]),
    ],
  };
};
