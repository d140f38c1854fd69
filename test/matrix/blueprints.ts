/**
 * The blueprints of the matrix: every option alone (on the default blueprint), and the combinations a user
 * would pick (exposure × preset × region, with the site-to-site VPN spread over them so each of its values
 * meets each exposure, and the mesh off where the blueprint allows it: without exposure).
 */

const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const EXPOSURES = ['private', 'alb', 'alb-internal', 'cloudfront'] as const;
const PRESETS = ['production', 'development'] as const;

const SITE_TO_SITE = {
  enabled: true,
  customerGatewayIp: '198.51.100.7',
  onPremisesCidrs: ['192.168.0.0/16', '172.16.0.0/12'],
};

/** An edge with DNS-validated certificates, valid in every region (CloudFront's from the edge stack). */
const EDGE = {
  domainName: 'weaviate.example.com',
  hostedZoneId: 'Z0123456789EXAMPLE',
  hostedZoneName: 'example.com',
};

/** The Client VPN's certificates, in the stack's region like the endpoint. */
function clientVpnIn(region: string) {
  return {
    serverCertificateArn: `arn:aws:acm:${region}:111111111111:certificate/aaaaaaaa-0000-0000-0000-000000000001`,
    clientRootCertificateArn: `arn:aws:acm:${region}:111111111111:certificate/aaaaaaaa-0000-0000-0000-000000000002`,
  };
}

/** Each option (or pair of options that only work together) set alone on the default blueprint. */
export const OPTIONS_ALONE: Readonly<Record<string, Record<string, unknown>>> = {
  'site-to-site VPN': { adminAccess: { siteToSiteVpn: SITE_TO_SITE } },
  'site-to-site VPN without Client VPN': {
    adminAccess: { clientVpn: { enabled: false }, siteToSiteVpn: SITE_TO_SITE },
  },
  'mesh off': { mesh: { enabled: false } },
  'monitoring off': { monitoring: { enabled: false } },
  'public images with data-tier internet egress': {
    images: { source: 'public' },
    network: { allowDataTierInternetEgress: true },
  },
  'public API endpoint': { cluster: { allowPublicEndpoint: true, publicAccessCidrs: ['198.51.100.0/24'] } },
  'pod instance metadata': { cluster: { allowPodInstanceMetadata: true } },
  'charts from an OCI mirror': {
    mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/istio' },
  },
  'no admin roles': { adminAccess: { roles: { enabled: false } } },
  'alerting off': { detection: { alerting: { enabled: false } } },
  'detection services off': {
    detection: {
      cloudTrail: { enabled: false, providedBy: 'the organisation trail of the management account' },
      guardDuty: { enabled: false, providedBy: "the organisation's delegated GuardDuty administrator" },
      config: { enabled: false, providedBy: 'the Control Tower recorder of the landing zone' },
    },
  },
  'Security Hub and alerting extras': {
    detection: {
      securityHub: { enabled: true },
      alerting: {
        tracing: true,
        pagerSubscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }],
      },
    },
  },
  'OIDC with RBAC groups': {
    network: { allowDataTierInternetEgress: true },
    weaviate: {
      authentication: {
        oidc: {
          enabled: true,
          issuer: 'https://login.example.com/realms/main',
          clientId: 'weaviate',
          issuerCidrs: ['198.51.100.0/24'],
        },
      },
      authorization: { rootGroups: ['weaviate-admins'], readOnlyGroups: ['weaviate-readers'] },
    },
  },
  'admin list authorization': {
    weaviate: { authorization: { mode: 'admin-list', adminUsers: ['admin'], readOnlyUsers: ['viewer'] } },
  },
  'custom Weaviate ports and modules': {
    weaviate: {
      ports: { http: 8081, grpc: 50052, gossip: 7000, data: 7001, raft: 8400, raftRpc: 8401, metrics: 9090 },
      extraModules: ['text2vec-aws'],
    },
  },
  'object lock and a break-glass role': {
    backup: {
      objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 90 },
      replicaObjectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 90 },
      breakGlassRoleArn: 'arn:aws:iam::111111111111:role/break-glass',
    },
  },
  'another VPC range, one NAT gateway, an extra endpoint': {
    network: { vpcCidr: '10.80.0.0/16', natGateways: 1, additionalInterfaceEndpoints: ['sqs'] },
  },
  'short log retention everywhere': {
    network: { flowLogs: { retentionDays: 30 } },
    cluster: { logRetentionDays: 30 },
    adminAccess: { clientVpn: { logRetentionDays: 30 } },
    detection: { cloudTrail: { logRetentionDays: 30 }, alerting: { logRetentionDays: 30 } },
  },
  'log collection off': { logs: { collection: { enabled: false } } },
  'log archive with Object Lock and a SIEM': {
    logs: {
      archive: {
        enabled: true,
        objectLock: { enabled: true, mode: 'GOVERNANCE', retentionDays: 90 },
        siem: {
          endpointUrl: 'https://siem.example.com/firehose',
          accessKeySecretName: 'vectorfort/siem/access-key',
        },
      },
    },
  },
  'cluster password rotated weekly in a Tuesday-night window': {
    weaviate: {
      clusterAuth: {
        rotationWindow: { dayOfWeek: 'TUE', weekOfMonth: 'every', startHourUtc: 22, windowHours: 2 },
      },
    },
  },
  'webhook URLs rotated every 30 days': { detection: { alerting: { webhookRotationDays: 30 } } },
};

export interface Combination {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/**
 * exposure × preset × region; the VPN alternates so each of its values meets each exposure and preset. The mesh
 * is off only in private combinations (an exposed Weaviate is reached through the mesh's ingress gateway).
 */
export function combinations(): Combination[] {
  const out: Combination[] = [];
  let n = 0;
  for (const exposure of EXPOSURES)
    for (const preset of PRESETS)
      for (const region of REGIONS) {
        const vpn = n % 2 === 0;
        const mesh = exposure !== 'private' || preset === 'production';
        n += 1;
        const internal = exposure === 'alb-internal';
        out.push({
          name: `${exposure}, ${preset}, ${region}, ${vpn ? 'site-to-site VPN' : 'no VPN'}, mesh ${mesh ? 'on' : 'off'}`,
          input: {
            name: `matrix-${n}`,
            preset,
            environment: { region },
            exposure: internal ? 'alb' : exposure,
            ...(exposure === 'private'
              ? {}
              : { edge: { ...EDGE, ...(internal ? { scheme: 'internal' } : {}) } }),
            mesh: { enabled: mesh },
            adminAccess: {
              // The development preset turns the Client VPN off; an internal ALB wants it on.
              clientVpn: { ...clientVpnIn(region), ...(internal ? { enabled: true } : {}) },
              ...(vpn ? { siteToSiteVpn: SITE_TO_SITE } : {}),
            },
          },
        });
      }
  return out;
}
