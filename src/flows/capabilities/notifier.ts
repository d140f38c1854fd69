/**
 * The security-event notifier (a Lambda function in the application tier): Secrets Manager and KMS through
 * the interface endpoints; the webhooks, and SQS and DynamoDB (no endpoint by default), through NAT.
 */
import { flow, NOTHING, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { AWS_API_TLS, INTERNET_TLS } from '../protection.js';

export const notifier: Capability = ({ blueprint }) => {
  if (!blueprint.detection.alerting.enabled) return NOTHING;
  return {
    components: [
      {
        id: 'notifier',
        description: 'Security-event notifier (Lambda) posting to the chat and paging webhooks',
        tier: 'application',
        awsTag: 'notifier',
      },
    ],
    flows: {
      alerting: [
        flow({
          from: 'notifier',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'aws-apis',
          description: 'Secrets Manager and KMS APIs',
          enforcedBy: NETWORK_LAYERS,
          protection: AWS_API_TLS,
        }),
        // In an enclave the webhooks are the control plane's (the enclave capability names that flow).
        ...(blueprint.enclave.enabled
          ? []
          : [
              flow({
                from: 'notifier',
                to: 'internet',
                port: HTTPS_PORT,
                purpose: 'webhooks',
                description: 'Chat and paging webhooks, SQS and DynamoDB APIs (through NAT)',
                enforcedBy: NETWORK_LAYERS,
                protection: INTERNET_TLS,
              }),
            ]),
      ],
    },
    denials: [],
  };
};
