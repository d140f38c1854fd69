/**
 * Presets are partial blueprints merged under the user's blueprint. `production` is the schema's defaults
 * (every default is the production value); `development` trades availability and cost, never privacy or
 * encryption; `staging` keeps every production control (retention, VPN, deletion protection, three zones and
 * NAT gateways) at smaller sizes, so what passes in staging is what production runs. `enclave` is production
 * sealed: no NAT, no internet gateway, IPv6 egress to the control plane only, the vendor's provisioner role and
 * time-boxed grants (docs/enclave.md). The notifier's SQS and DynamoDB calls, which production sends through
 * NAT, take interface endpoints there.
 */
import type { BlueprintInput, PresetName } from './schema.js';

export const PRESET_DEFAULTS: Readonly<Record<PresetName, BlueprintInput>> = {
  production: {},
  development: {
    network: { natGateways: 1, flowLogs: { retentionDays: 30 } },
    cluster: {
      logRetentionDays: 90,
      nodeGroups: [
        {
          name: 'system',
          role: 'system',
          instanceTypes: ['t3.large'],
          minSize: 1,
          maxSize: 3,
          desiredSize: 2,
          diskSizeGiB: 30,
        },
        {
          name: 'weaviate',
          role: 'weaviate',
          instanceTypes: ['r7i.large'],
          minSize: 3,
          maxSize: 4,
          desiredSize: 3,
          diskSizeGiB: 50,
        },
      ],
    },
    keys: { deletionWindowDays: 7 },
    logs: { collection: { retentionDays: 90 } },
    weaviate: { resources: { cpu: '1', memory: '8Gi' }, storageGiB: 20 },
    mesh: { ingressReplicas: 1 },
    edge: { deletionProtection: false },
    adminAccess: { clientVpn: { enabled: false, logRetentionDays: 30 } },
    detection: { cloudTrail: { logRetentionDays: 90 } },
    backup: {
      noncurrentVersionExpirationDays: 30,
      accessLogRetentionDays: 90,
      schedule: '0 2 * * *',
      retentionDays: 35,
    },
  },
  staging: {
    cluster: {
      nodeGroups: [
        {
          name: 'system',
          role: 'system',
          instanceTypes: ['m7i.large'],
          minSize: 2,
          maxSize: 3,
          desiredSize: 2,
          diskSizeGiB: 50,
        },
        {
          name: 'weaviate',
          role: 'weaviate',
          instanceTypes: ['r7i.large'],
          minSize: 3,
          maxSize: 4,
          desiredSize: 3,
          diskSizeGiB: 50,
        },
      ],
    },
    weaviate: { resources: { cpu: '1', memory: '8Gi' }, storageGiB: 50 },
  },
  enclave: {
    enclave: { enabled: true },
    network: { natGateways: 0, additionalInterfaceEndpoints: ['sqs', 'dynamodb'] },
    adminAccess: { clientVpn: { enabled: false } },
    // Seed 004: a log archive local to the enclave, under the tenant's key, pinned to the VPC endpoint.
    logs: { archive: { enabled: true } },
  },
};

/** Placeholder values in the defaults that must be replaced before a deployment can succeed. */
export const PLACEHOLDERS: readonly { readonly path: string; readonly value: string }[] = [
  { path: 'environment.account', value: '111111111111' },
  {
    path: 'adminAccess.clientVpn.serverCertificateArn',
    value: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
  },
  {
    path: 'adminAccess.clientVpn.clientRootCertificateArn',
    value: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001',
  },
];
