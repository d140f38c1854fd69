/**
 * The API-key rotation function (a Lambda function in the application tier): Secrets Manager and STS through
 * the interface endpoints (STS only for the region's name in its cluster token: the token is signed, not sent),
 * and the Kubernetes API, where it reads the synced roster Secret and the Weaviate StatefulSet and restarts the
 * StatefulSet after a rotation (docs/api-key-rotation.md).
 */
import { flow, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { AWS_API_TLS, KUBE_API_TLS } from '../protection.js';

export const apiKeyRotation: Capability = () => ({
  components: [
    {
      id: 'api-key-rotation',
      description: 'API-key rotation function (Lambda): rotates the Weaviate API keys and restarts Weaviate',
      tier: 'application',
      awsTag: 'api-key-rotation',
    },
  ],
  flows: {
    'key-rotation': [
      flow({
        from: 'api-key-rotation',
        to: 'aws-endpoints',
        port: HTTPS_PORT,
        purpose: 'aws-apis',
        description: 'Secrets Manager API (the key secrets and the roster)',
        enforcedBy: NETWORK_LAYERS,
        protection: AWS_API_TLS,
      }),
      flow({
        from: 'api-key-rotation',
        to: 'eks-api',
        port: HTTPS_PORT,
        purpose: 'restart-weaviate',
        description: "Reads the synced roster Secret and the StatefulSet's rollout, patches its pod template",
        enforcedBy: NETWORK_LAYERS,
        protection: KUBE_API_TLS,
      }),
    ],
  },
  denials: [],
});
