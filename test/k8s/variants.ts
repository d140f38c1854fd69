/** Blueprints the chart tests render: the default and one per option that changes the manifests. */
export const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  development: { preset: 'development' },
  'mesh off': { mesh: { enabled: false } },
  'monitoring off': { monitoring: { enabled: false } },
  oidc: {
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
      authorization: { rootGroups: ['weaviate-admins'] },
    },
  },
  'admin list': {
    weaviate: { authorization: { mode: 'admin-list', adminUsers: ['admin'], readOnlyUsers: ['viewer'] } },
  },
  'five replicas, custom ports': {
    cluster: {
      nodeGroups: [
        {
          name: 'system',
          role: 'system',
          instanceTypes: ['m7i.large'],
          minSize: 2,
          maxSize: 4,
          desiredSize: 3,
        },
        {
          name: 'weaviate',
          role: 'weaviate',
          instanceTypes: ['r7i.xlarge'],
          minSize: 5,
          maxSize: 6,
          desiredSize: 5,
        },
      ],
    },
    weaviate: { replicas: 5, ports: { gossip: 7000, data: 7001 } },
  },
  'alb exposure': {
    exposure: 'alb',
    edge: {
      domainName: 'weaviate.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    },
  },
};
