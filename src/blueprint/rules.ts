/**
 * Rules that span several fields, kept as data: each names the path it reports on, so the loader can point
 * at the line in the user's file. Evaluated after the schema has applied defaults.
 */
import { ENVIRONMENT_RULES } from './environment-rules.js';
import type { Blueprint } from './schema.js';
import { cidrsOverlap, parseCidr } from './cidr.js';
import { BACKUP_RULES } from './backup-rules.js';
import { CLUSTER_AUTH_RULES } from './cluster-auth-rules.js';
import { ENCLAVE_RULES } from './enclave-rules.js';
import { EXISTING_VPC_RULES } from './existing-vpc-rules.js';
import { LOG_RULES } from './log-rules.js';
import { GRAFANA_RULES } from './grafana-rules.js';
import { LATTICE_RULES } from './lattice-rules.js';
import { PRINCIPAL_RULES } from './principals.js';
import { REPLICATION_RULES } from './replica-region.js';
import type { BlueprintRule } from './rule.js';
import { WEAVIATE_OIDC_RULES } from './weaviate-oidc-rules.js';

export type { BlueprintRule } from './rule.js';

/** Namespaces the cluster or the mesh own; the workload never takes them over. */
const RESERVED_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'istio-system',
];

const weaviateGroupIndex = (bp: Blueprint) => bp.cluster.nodeGroups.findIndex((g) => g.role === 'weaviate');

/**
 * The smallest VPC (largest prefix) the subnet plan fits per number of zones: four tiers per zone, each a
 * power-of-two share of the VPC and at least a /28 (AWS's smallest subnet). A test holds it to the plan.
 */
export const SMALLEST_VPC_PREFIX_BY_ZONES: Readonly<Record<number, number>> = {
  2: 25,
  3: 24,
  4: 23,
  5: 22,
  6: 20,
};

export const BLUEPRINT_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'cluster.nodeGroups',
    check: (bp) => {
      const roles = bp.cluster.nodeGroups.map((g) => g.role);
      const system = roles.filter((r) => r === 'system').length;
      const weaviate = roles.filter((r) => r === 'weaviate').length;
      if (system !== 1 || weaviate !== 1)
        return `expected exactly one node group with role "system" and one with role "weaviate", found ${system} and ${weaviate}`;
      return undefined;
    },
  },
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((i): BlueprintRule => ({
    path: () => `cluster.nodeGroups[${i}]`,
    check: (bp) => {
      const g = bp.cluster.nodeGroups[i];
      if (!g) return undefined;
      if (bp.cluster.nodeGroups.findIndex((o) => o.name === g.name) !== i)
        return `node group name "${g.name}" is used twice`;
      if (!(g.minSize <= g.desiredSize && g.desiredSize <= g.maxSize))
        return `expected minSize <= desiredSize <= maxSize, got ${g.minSize}, ${g.desiredSize}, ${g.maxSize}`;
      return undefined;
    },
  })),
  {
    path: () => 'weaviate.replicas',
    check: (bp) => {
      const n = bp.weaviate.replicas;
      if (n % 2 === 0)
        return `expected an odd number of replicas (Raft needs a majority), got ${n}; use ${n + 1} or ${n - 1 || 1}`;
      if (productionLike(bp) && n < 3)
        return `expected at least 3 replicas in ${bp.preset} (a quorum that survives losing a node or a zone), got ${n}`;
      return undefined;
    },
  },
  {
    path: (bp) => `cluster.nodeGroups[${weaviateGroupIndex(bp)}].maxSize`,
    check: (bp) => {
      const g = bp.cluster.nodeGroups[weaviateGroupIndex(bp)];
      if (!g) return undefined;
      // Replicas are spread one per node (required anti-affinity), so the group must be able to hold them all.
      if (g.maxSize < bp.weaviate.replicas)
        return `the weaviate node group must hold one node per replica: maxSize ${g.maxSize} < weaviate.replicas ${bp.weaviate.replicas}`;
      return undefined;
    },
  },
  {
    path: () => 'weaviate.replicationFactor',
    check: (bp) =>
      bp.weaviate.replicationFactor > bp.weaviate.replicas
        ? `the replication factor (${bp.weaviate.replicationFactor}) cannot exceed weaviate.replicas (${bp.weaviate.replicas})`
        : undefined,
  },
  {
    path: () => 'weaviate.ports',
    check: (bp) => {
      const entries = Object.entries(bp.weaviate.ports);
      const clash = entries.find(([name, p]) => entries.some(([other, q]) => other !== name && q === p));
      if (clash)
        return `each Weaviate port needs its own number: ${entries
          .filter(([, p]) => p === clash[1])
          .map(([n]) => n)
          .join(' and ')} are both ${clash[1]}`;
      // The sidecar listens on 15000–15090 in every meshed pod (Envoy admin, inbound/outbound capture, metrics).
      const reserved = bp.mesh.enabled ? entries.find(([, p]) => p >= 15000 && p <= 15090) : undefined;
      if (reserved)
        return `port ${reserved[0]} (${reserved[1]}) is in Istio's reserved range 15000–15090; pick another`;
      return undefined;
    },
  },
  ...(
    [
      ['weaviate.namespace', (bp: Blueprint) => bp.weaviate.namespace],
      ['mesh.ingressNamespace', (bp: Blueprint) => bp.mesh.ingressNamespace],
      ['monitoring.namespace', (bp: Blueprint) => bp.monitoring.namespace],
    ] as const
  ).map(([path, get]): BlueprintRule => ({
    path: () => path,
    // These namespaces get the restricted Pod Security labels and default-deny policies, which would break
    // the system components living in the cluster's own namespaces.
    check: (bp) =>
      RESERVED_NAMESPACES.includes(get(bp))
        ? `"${get(bp)}" is a system namespace; vectorfort closes the namespaces it uses, so pick another`
        : undefined,
  })),
  {
    path: () => 'weaviate.authentication',
    check: (bp) => {
      const a = bp.weaviate.authentication;
      if (!a.apiKey.enabled && !a.oidc.enabled)
        return 'enable apiKey or oidc: with no authentication method Weaviate silently turns anonymous access on';
      return undefined;
    },
  },
  {
    path: () => 'weaviate.authentication.allowAnonymousAccess',
    check: (bp) => {
      if (!bp.weaviate.authentication.allowAnonymousAccess) return undefined;
      if (bp.weaviate.authorization.mode === 'rbac')
        return 'anonymous access cannot be combined with RBAC (Weaviate refuses to start); set authorization.mode to admin-list or keep it off';
      if (productionLike(bp)) return `anonymous access is not allowed with the ${bp.preset} preset`;
      return undefined;
    },
  },
  ...WEAVIATE_OIDC_RULES,
  {
    path: () => 'weaviate.authorization.rootUsers',
    check: (bp) => {
      const z = bp.weaviate.authorization;
      if (z.mode !== 'rbac') return undefined;
      if (z.rootUsers.length === 0 && z.rootGroups.length === 0)
        return 'RBAC needs at least one root user or root group, or nobody can manage roles';
      const auth = bp.weaviate.authentication;
      // With no authentication method at all, the authentication rule already reports the root cause.
      if (!auth.oidc.enabled && auth.apiKey.enabled) {
        const keyed = new Set(
          bp.weaviate.authentication.apiKey.enabled ? bp.weaviate.authentication.apiKey.users : [],
        );
        const orphan = z.rootUsers.find((u) => !keyed.has(u));
        if (orphan !== undefined)
          return `root user "${orphan}" has no API key and OIDC is off; add it to weaviate.authentication.apiKey.users`;
      }
      return undefined;
    },
  },
  {
    path: () => 'weaviate.authorization.adminUsers',
    check: (bp) => {
      const z = bp.weaviate.authorization;
      if (z.mode === 'admin-list')
        return z.adminUsers.length === 0 ? 'the admin-list mode needs at least one admin user' : undefined;
      // Admin users under RBAC would be silently dropped: Weaviate accepts one authorization model only.
      const listed = [...z.adminUsers, ...z.readOnlyUsers];
      return listed.length
        ? `RBAC and the admin list exclude each other: remove adminUsers/readOnlyUsers (${listed.join(', ')}) or set authorization.mode to admin-list`
        : undefined;
    },
  },
  {
    path: () => 'cluster.publicAccessCidrs',
    check: (bp) => {
      const c = bp.cluster;
      if (!c.allowPublicEndpoint && c.publicAccessCidrs.length > 0)
        return 'publicAccessCidrs is set but allowPublicEndpoint is false; set allowPublicEndpoint: true to open the endpoint (a weakening)';
      if (c.allowPublicEndpoint && c.publicAccessCidrs.length === 0)
        return 'a public endpoint needs publicAccessCidrs (the ranges allowed to reach it)';
      const open = c.publicAccessCidrs.find((cidr) => parseCidr(cidr)?.prefix === 0);
      if (open) return `${open} opens the API to the whole internet; list the ranges that need it`;
      return undefined;
    },
  },
  ...(['cloudTrail', 'guardDuty', 'config'] as const).map((service): BlueprintRule => ({
    path: () => `detection.${service}.providedBy`,
    check: (bp) => {
      const d = bp.detection[service];
      if (!d.enabled && d.providedBy === undefined)
        return `detection.${service} is off: name who provides it instead (an organisation-wide service), so the report can say who answers for what these templates cannot show`;
      if (d.enabled && d.providedBy !== undefined)
        return `providedBy is set but detection.${service} is on; remove providedBy or turn the service off`;
      return undefined;
    },
  })),
  {
    path: () => 'images.source',
    check: (bp) =>
      bp.images.source === 'public' && !bp.network.allowDataTierInternetEgress
        ? 'images from public registries need a route to the internet: set network.allowDataTierInternetEgress: true (a weakening) or mirror the images into ECR'
        : undefined,
  },
  {
    path: () => 'network.natGateways',
    check: (bp) => {
      const zones = resolvedAvailabilityZones(bp).length;
      return bp.network.natGateways > zones
        ? `natGateways (${bp.network.natGateways}) cannot exceed the number of availability zones (${zones})`
        : undefined;
    },
  },
  {
    path: () => 'environment.availabilityZones',
    check: (bp) => {
      const zones = resolvedAvailabilityZones(bp);
      const foreign = zones.find((z) => !z.startsWith(bp.environment.region));
      if (foreign) return `availability zone ${foreign} is not in region ${bp.environment.region}`;
      if (new Set(zones).size !== zones.length) return 'availability zones must be distinct';
      if (productionLike(bp) && zones.length < 3)
        return `${bp.preset} spreads Weaviate across 3 availability zones; got ${zones.length}`;
      return undefined;
    },
  },
  {
    path: () => 'mesh.enabled',
    check: (bp) =>
      bp.exposure !== 'private' && !bp.mesh.enabled
        ? `exposure "${bp.exposure}" sends client traffic to the Istio ingress gateway (the load balancer's targets); it needs mesh.enabled`
        : undefined,
  },
  {
    path: () => 'edge.domainName',
    check: (bp) =>
      bp.exposure !== 'private' && !bp.edge.domainName
        ? `exposure "${bp.exposure}" needs edge.domainName`
        : undefined,
  },
  {
    path: () => 'edge.certificateArn',
    check: (bp) => {
      if (bp.exposure === 'private' || bp.edge.certificateArn) return undefined;
      return bp.edge.hostedZoneId && bp.edge.hostedZoneName
        ? undefined
        : `exposure "${bp.exposure}" needs edge.certificateArn, or edge.hostedZoneId and edge.hostedZoneName to issue a DNS-validated certificate`;
    },
  },
  {
    path: () => 'edge.scheme',
    check: (bp) =>
      bp.exposure === 'cloudfront' && bp.edge.scheme === 'internal'
        ? 'CloudFront needs an internet-facing origin; the ALB admits only CloudFront (prefix list and origin header)'
        : undefined,
  },
  {
    path: () => 'edge.cloudFrontCertificateArn',
    check: (bp) => {
      const arn = bp.edge.cloudFrontCertificateArn;
      const crossRegion = bp.exposure === 'cloudfront' && bp.environment.region !== 'us-east-1';
      if (!arn)
        return crossRegion && !(bp.edge.hostedZoneId && bp.edge.hostedZoneName)
          ? `exposure "cloudfront" in ${bp.environment.region} needs edge.cloudFrontCertificateArn (an ACM certificate in us-east-1), or edge.hostedZoneId and edge.hostedZoneName to issue a DNS-validated one there`
          : undefined;
      if (!crossRegion)
        return `edge.cloudFrontCertificateArn is used only with exposure "cloudfront" outside us-east-1; ${bp.exposure === 'cloudfront' ? 'in us-east-1 edge.certificateArn serves both CloudFront and the ALB' : `exposure "${bp.exposure}" has no distribution`}`;
      const region = acmRegionOf(arn);
      if (region === undefined)
        return `expected an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>), got ${arn}`;
      return region === 'us-east-1'
        ? undefined
        : `CloudFront uses certificates from us-east-1 only; ${arn} is in ${region || 'no region'}`;
    },
  },
  {
    path: () => 'edge.certificateArn',
    check: (bp) => {
      const arn = bp.edge.certificateArn;
      if (!arn || bp.exposure === 'private') return undefined;
      const region = acmRegionOf(arn);
      // An ALB takes certificates of its own region only.
      if (region === undefined || region === bp.environment.region) return undefined;
      return bp.exposure === 'cloudfront'
        ? `edge.certificateArn is the ALB's certificate and must be in ${bp.environment.region} (got ${region}); CloudFront's us-east-1 certificate goes in edge.cloudFrontCertificateArn`
        : `edge.certificateArn is the ALB's certificate and must be in ${bp.environment.region} (got ${region})`;
    },
  },
  {
    path: () => 'edge.shieldAdvanced',
    check: (bp) =>
      bp.edge.shieldAdvanced && bp.exposure === 'cloudfront' && bp.environment.region !== 'us-east-1'
        ? `Shield Advanced with exposure "cloudfront" in ${bp.environment.region} is not built: a distribution's protection must be created in us-east-1, and the distribution lives in the ${bp.environment.region} stack that depends on the us-east-1 edge stack. Deploy in us-east-1, use exposure "alb" (the protection then covers the ALB in ${bp.environment.region}), or protect the distribution with an AWS Firewall Manager Shield Advanced policy after deploying`
        : undefined,
  },
  {
    path: () => 'adminAccess.clientVpn.clientCidr',
    check: (bp) => {
      const vpn = bp.adminAccess.clientVpn;
      if (!vpn.enabled) return undefined;
      const prefix = parseCidr(vpn.clientCidr)?.prefix ?? 0;
      if (prefix < 12 || prefix > 22)
        return `the client range must be between /12 and /22 (AWS Client VPN), got /${prefix}`;
      if (cidrsOverlap(vpn.clientCidr, bp.network.vpcCidr))
        return `the client range ${vpn.clientCidr} overlaps the VPC ${bp.network.vpcCidr}`;
      return undefined;
    },
  },
  {
    path: () => 'adminAccess.clientVpn.authorizedGroups',
    check: (bp) => {
      const vpn = bp.adminAccess.clientVpn;
      return vpn.enabled && vpn.authorizedGroups.length > 0 && !vpn.samlProviderArn
        ? 'authorization rules per IdP group need SAML federation: set adminAccess.clientVpn.samlProviderArn, or leave authorizedGroups empty (every client with a valid certificate)'
        : undefined;
    },
  },
  {
    path: () => 'adminAccess.siteToSiteVpn',
    check: (bp) => {
      const s2s = bp.adminAccess.siteToSiteVpn;
      if (!s2s.enabled) return undefined;
      if (!s2s.customerGatewayIp) return 'a site-to-site VPN needs customerGatewayIp';
      if (s2s.onPremisesCidrs.length === 0)
        return 'a site-to-site VPN needs onPremisesCidrs (the ranges routed over it)';
      const overlap = s2s.onPremisesCidrs.find((c) => cidrsOverlap(c, bp.network.vpcCidr));
      return overlap ? `on-premises range ${overlap} overlaps the VPC ${bp.network.vpcCidr}` : undefined;
    },
  },
  {
    path: () => 'network.vpcCidr',
    check: (bp) => {
      const prefix = parseCidr(bp.network.vpcCidr)?.prefix;
      const zones = resolvedAvailabilityZones(bp).length;
      const smallest = SMALLEST_VPC_PREFIX_BY_ZONES[zones];
      if (prefix === undefined || smallest === undefined) return undefined;
      if (prefix < 16)
        return `expected a VPC range of /16 or smaller (AWS allows /16 to /28), got /${prefix}`;
      return prefix > smallest
        ? `expected a VPC range of /${smallest} or larger: the subnet plan needs room for four tiers in ${zones} availability zones, got /${prefix}`
        : undefined;
    },
  },
  ...PRINCIPAL_RULES,
  ...ENVIRONMENT_RULES,
  ...REPLICATION_RULES,
  ...BACKUP_RULES,
  ...ENCLAVE_RULES,
  ...EXISTING_VPC_RULES,
  ...LOG_RULES,
  ...LATTICE_RULES,
  ...GRAFANA_RULES,
  ...CLUSTER_AUTH_RULES,
];

/** The region of an ACM certificate ARN (empty when the ARN names none); undefined when the ARN is not ACM's. */
function acmRegionOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:acm:([a-z0-9-]*):\d{12}:certificate\/.+$/.exec(arn)?.[1];
}

/** The availability zones to use: the explicit list, or the region's zones a, b and c. */
export function resolvedAvailabilityZones(bp: Pick<Blueprint, 'environment'>): string[] {
  return bp.environment.availabilityZones ?? ['a', 'b', 'c'].map((s) => `${bp.environment.region}${s}`);
}

/** Presets held to production's rules: staging is production's controls at smaller sizes. */
function productionLike(bp: Blueprint): boolean {
  return bp.preset === 'production' || bp.preset === 'staging';
}
