/**
 * The blueprint: everything a user can choose about a vectorfort deployment, validated with zod.
 *
 * Every default is the secure choice and matches the `production` preset. Anything that weakens the posture is
 * an explicit, intent-named option (`allow…`) that the report shows. Objects are strict: an unknown key is an
 * error (with the closest valid key suggested by the loader), never silently ignored.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);

/** A 12-digit AWS account id. */
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as us-east-1');
const arn = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/, 'an ARN (arn:aws:…)');
const cidrV4 = z
  .string()
  .regex(
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/,
    'an IPv4 CIDR such as 10.0.0.0/16',
  )
  .refine(
    (v) =>
      v
        .split('/')[0]!
        .split('.')
        .every((o) => Number(o) <= 255),
    'an IPv4 CIDR with octets 0–255',
  );
const port = z.number().int().min(1).max(65535);
const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes name (lower-case letters, digits and dashes)')
  .max(63);
const labelMap = z.record(z.string(), z.string());
/** Retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
const logRetentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
  });

/** Kubernetes versions vectorfort can deploy (EKS, with a matching kubectl layer for the deploy handler). */
export const KUBERNETES_VERSIONS = ['1.33', '1.34', '1.35'] as const;

export const environmentSchema = z.strictObject({
  /**
   * The account to deploy into. Synthesis never calls AWS; the default is a placeholder to replace before deploying.
   * @default '111111111111'
   */
  account: accountId.default('111111111111'),
  /** @default 'us-east-1' */
  region: region.default('us-east-1'),
  /**
   * Availability zones, set explicitly so synthesis needs no lookup.
   * @default - the region's zones a, b and c
   */
  availabilityZones: z
    .array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'an availability zone such as us-east-1a'))
    .min(2)
    .max(6)
    .optional(),
});

export const networkSchema = z.strictObject({
  /** @default '10.40.0.0/16' */
  vpcCidr: cidrV4.default('10.40.0.0/16'),
  /**
   * NAT gateways for the application tier's egress; one per AZ survives the loss of a zone.
   * @default 3 (production), 1 (development)
   */
  natGateways: z.number().int().min(1).max(6).default(3),
  /** VPC flow logs (traffic type ALL) to a KMS-encrypted log group. */
  flowLogs: z
    .strictObject({
      /** @default 365 */
      retentionDays: logRetentionDays.default(365),
    })
    .default({ retentionDays: 365 }),
  /**
   * Interface endpoints to add beyond the ones private nodes need (service names such as `sqs`).
   * @default []
   */
  additionalInterfaceEndpoints: z
    .array(z.string().regex(/^[a-z0-9.-]+$/, 'an endpoint service name such as sqs'))
    .default([]),
  /**
   * S3's address ranges in the region: the entries of the `com.amazonaws.<region>.s3` managed prefix list
   * (`aws ec2 get-managed-prefix-list-entries --prefix-list-id <id>`). Security groups and routes name the prefix
   * list itself, but a NetworkPolicy cannot, so Weaviate's backup egress under default-deny is written with
   * these ranges (the data tier's only route to them is the S3 gateway endpoint, whose policy admits only the
   * project's buckets). Without them the backup flow cannot be expressed and the verifier reports it broken.
   * @default - the published ranges for us-east-1 when deploying there (listed as a value to confirm), none elsewhere
   */
  s3Cidrs: z.array(cidrV4).optional(),
  /**
   * Weakening: route the data tier (Weaviate's nodes) to the internet through NAT. Off, the data tier has no
   * route to the internet and images come from ECR through the VPC endpoints.
   * @default false
   */
  allowDataTierInternetEgress: z.boolean().default(false),
});

export const nodeGroupSchema = z.strictObject({
  /** Node group name (also its label `vectorfort.dev/node-group`). */
  name: k8sName,
  /** `system` runs cluster add-ons, the mesh and monitoring; `weaviate` is dedicated, tainted and labelled. */
  role: z.enum(['system', 'weaviate']),
  /** @default ['m7i.large'] */
  instanceTypes: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as m7i.large'))
    .min(1),
  minSize: z.number().int().min(0).max(100),
  maxSize: z.number().int().min(1).max(100),
  desiredSize: z.number().int().min(0).max(100),
  /** Root volume size (gp3, encrypted with the EBS key). @default 50 */
  diskSizeGiB: z.number().int().min(20).max(16384).default(50),
});
export type NodeGroupConfig = z.infer<typeof nodeGroupSchema>;

export const DEFAULT_NODE_GROUPS: NodeGroupConfig[] = [
  {
    name: 'system',
    role: 'system',
    instanceTypes: ['m7i.large'],
    minSize: 2,
    maxSize: 4,
    desiredSize: 3,
    diskSizeGiB: 50,
  },
  {
    name: 'weaviate',
    role: 'weaviate',
    instanceTypes: ['r7i.xlarge'],
    minSize: 3,
    maxSize: 6,
    desiredSize: 3,
    diskSizeGiB: 100,
  },
];

export const accessEntrySchema = z.strictObject({
  /** IAM role or user ARN that gets cluster access. */
  principalArn: arn,
  /** EKS access policy: cluster-admin, admin, edit or view. */
  accessPolicy: z.enum(['cluster-admin', 'admin', 'edit', 'view']),
  /** Namespaces the policy is limited to. @default - the whole cluster */
  namespaces: z.array(k8sName).optional(),
});

export const clusterSchema = z.strictObject({
  /** @default '1.35' */
  kubernetesVersion: z.enum(KUBERNETES_VERSIONS).default('1.35'),
  /**
   * Weakening: expose the Kubernetes API endpoint publicly (in addition to privately), limited to
   * `publicAccessCidrs`. Off, the API is reachable only inside the VPC (and from the VPN).
   * @default false
   */
  allowPublicEndpoint: z.boolean().default(false),
  /** CIDRs allowed to reach a public endpoint; required (and never 0.0.0.0/0) when `allowPublicEndpoint` is on. @default [] */
  publicAccessCidrs: z.array(cidrV4).default([]),
  /** Exactly one `system` and one `weaviate` node group, plus any others. */
  nodeGroups: z.array(nodeGroupSchema).min(2).default(DEFAULT_NODE_GROUPS),
  /**
   * Weakening: let pods reach the node's instance metadata service (hop limit 2). Off, the hop limit is 1 and
   * pods get AWS credentials only from EKS Pod Identity.
   * @default false
   */
  allowPodInstanceMetadata: z.boolean().default(false),
  /** Extra cluster access entries (administrator roles from `adminAccess.roles` are added automatically). @default [] */
  accessEntries: z.array(accessEntrySchema).default([]),
  /**
   * Retention of the control-plane log group (`/aws/eks/<name>/cluster`, created by vectorfort so it is
   * KMS-encrypted and expires).
   * @default 365 (production), 90 (development)
   */
  logRetentionDays: logRetentionDays.default(365),
});

export const keysSchema = z.strictObject({
  /** Waiting period before a scheduled key deletion completes. @default 30 */
  deletionWindowDays: z.number().int().min(7).max(30).default(30),
  /** Automatic rotation period. @default 365 */
  rotationPeriodDays: z.number().int().min(90).max(2560).default(365),
  /**
   * Principals (roles) that administer the keys, in addition to the account's IAM-policy delegation.
   * @default []
   */
  administratorArns: z.array(arn).default([]),
});

export const backupSchema = z.strictObject({
  /** Explicit bucket name. @default - generated by CloudFormation */
  bucketName: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'an S3 bucket name (3–63 lower-case letters, digits, dots, dashes)',
    )
    .optional(),
  /** Key prefix Weaviate writes under (`BACKUP_S3_PATH`); its IAM role is limited to it. @default 'weaviate' */
  prefix: z
    .string()
    .regex(
      /^[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$/,
      'an S3 key prefix without leading or trailing slash',
    )
    .default('weaviate'),
  /** Move current backups to Standard-IA after this many days. @default 30 */
  transitionToInfrequentAccessDays: z.number().int().min(30).default(30),
  /** Delete noncurrent versions this many days after they become noncurrent. @default 90 */
  noncurrentVersionExpirationDays: z.number().int().min(1).default(90),
  /** Object Lock (WORM) for backups; can only be enabled when the bucket is created. */
  objectLock: z
    .strictObject({
      /** @default false */
      enabled: z.boolean().default(false),
      /** @default 'GOVERNANCE' */
      mode: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
      /** @default 30 */
      retentionDays: z.number().int().min(1).max(36500).default(30),
    })
    .default({ enabled: false, mode: 'GOVERNANCE', retentionDays: 30 }),
  /**
   * A role that may reach the bucket without going through the VPC endpoint (incident recovery).
   * @default - none: all access must come through the VPC endpoint
   */
  breakGlassRoleArn: arn.optional(),
  /** Recovery point objective: the alert fires when the last successful backup is older. @default 24 */
  rpoHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Retention of the server access logs bucket. @default 365 */
  accessLogRetentionDays: z.number().int().min(1).default(365),
});

export const weaviatePortsSchema = z.strictObject({
  /** REST and GraphQL. @default 8080 */
  http: port.default(8080),
  /** Client gRPC. @default 50051 */
  grpc: port.default(50051),
  /** memberlist gossip (TCP and UDP). @default 7946 */
  gossip: port.default(7946),
  /** Intra-cluster data (REST and gRPC). @default 7947 */
  data: port.default(7947),
  /** Raft consensus. @default 8300 */
  raft: port.default(8300),
  /** Raft internal RPC. @default 8301 */
  raftRpc: port.default(8301),
  /** Prometheus metrics. @default 2112 */
  metrics: port.default(2112),
});
export type WeaviatePorts = z.infer<typeof weaviatePortsSchema>;

export const oidcSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  /** Issuer URL (https). */
  issuer: z.url({ protocol: /^https$/, error: 'an https URL' }).optional(),
  clientId: z.string().min(1).optional(),
  /** @default 'email' */
  usernameClaim: z.string().min(1).default('email'),
  /** @default 'groups' */
  groupsClaim: z.string().min(1).default('groups'),
  /** @default ['openid', 'email'] */
  scopes: z.array(z.string().min(1)).default(['openid', 'email']),
});

export const weaviateSchema = z.strictObject({
  /** @default 'weaviate' */
  namespace: k8sName.default('weaviate'),
  image: z
    .strictObject({
      /** Repository path; prefixed with the image registry (see `images`). @default 'semitechnologies/weaviate' */
      repository: z
        .string()
        .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an image repository path')
        .default('semitechnologies/weaviate'),
      /** A version tag; `latest` and other moving tags are rejected. @default '1.38.2' */
      tag: z
        .string()
        .regex(/^\d+\.\d+\.\d+([-.][0-9A-Za-z.]+)?$/, 'a version tag such as 1.38.2 (never latest)')
        .default('1.38.2'),
      /** Image digest; when set the image is pulled by digest. @default - pulled by tag */
      digest: z
        .string()
        .regex(/^sha256:[a-f0-9]{64}$/, 'a digest such as sha256:<64 hex>')
        .optional(),
    })
    .default({ repository: 'semitechnologies/weaviate', tag: '1.38.2' }),
  /** Odd, and at least 3 in production (Raft quorum survives one node). @default 3 */
  replicas: z.number().int().min(1).max(99).default(3),
  /** Default replication factor for collections (`REPLICATION_MINIMUM_FACTOR`). @default 3 */
  replicationFactor: z.number().int().min(1).max(99).default(3),
  resources: z
    .strictObject({
      /** CPU request (and limit). @default '2' */
      cpu: z
        .string()
        .regex(/^\d+(\.\d+)?m?$/, 'a CPU quantity such as 2 or 500m')
        .default('2'),
      /** Memory request and limit (equal, so the pod is never OOM-killed for overcommit). @default '16Gi' */
      memory: z
        .string()
        .regex(/^\d+(Mi|Gi)$/, 'a memory quantity such as 16Gi')
        .default('16Gi'),
    })
    .default({ cpu: '2', memory: '16Gi' }),
  /** Persistent volume per replica (gp3, encrypted with the EBS key). @default 100 */
  storageGiB: z.number().int().min(1).max(16384).default(100),
  ports: weaviatePortsSchema.default({
    http: 8080,
    grpc: 50051,
    gossip: 7946,
    data: 7947,
    raft: 8300,
    raftRpc: 8301,
    metrics: 2112,
  }),
  authentication: z
    .strictObject({
      apiKey: z
        .strictObject({
          /** @default true */
          enabled: z.boolean().default(true),
          /**
           * Users the generated keys map to, one key per user. Keys (48 random characters) live in Secrets
           * Manager and reach the pod through the Secrets Store CSI driver, never as manifest literals.
           * @default ['admin']
           */
          users: z
            .array(z.string().regex(/^[A-Za-z0-9@._-]+$/, 'a user name (letters, digits, @ . _ -)'))
            .min(1)
            .default(['admin']),
        })
        .default({ enabled: true, users: ['admin'] }),
      oidc: oidcSchema.default({
        enabled: false,
        usernameClaim: 'email',
        groupsClaim: 'groups',
        scopes: ['openid', 'email'],
      }),
      /**
       * Weakening: allow anonymous requests. Weaviate turns anonymous access on by itself when no other method is
       * enabled, so vectorfort always sets it explicitly. Rejected with RBAC and in production.
       * @default false
       */
      allowAnonymousAccess: z.boolean().default(false),
    })
    .default({
      apiKey: { enabled: true, users: ['admin'] },
      oidc: { enabled: false, usernameClaim: 'email', groupsClaim: 'groups', scopes: ['openid', 'email'] },
      allowAnonymousAccess: false,
    }),
  authorization: z
    .strictObject({
      /** RBAC (roles per collection) or the simpler admin list; Weaviate rejects both at once. @default 'rbac' */
      mode: z.enum(['rbac', 'admin-list']).default('rbac'),
      /** RBAC root users. @default ['admin'] */
      rootUsers: z.array(nonEmpty).default(['admin']),
      /** RBAC root groups (OIDC). @default [] */
      rootGroups: z.array(nonEmpty).default([]),
      /** RBAC read-only groups (OIDC). @default [] */
      readOnlyGroups: z.array(nonEmpty).default([]),
      /** Admin-list mode: administrators. @default [] */
      adminUsers: z.array(nonEmpty).default([]),
      /** Admin-list mode: read-only users. @default [] */
      readOnlyUsers: z.array(nonEmpty).default([]),
    })
    .default({
      mode: 'rbac',
      rootUsers: ['admin'],
      rootGroups: [],
      readOnlyGroups: [],
      adminUsers: [],
      readOnlyUsers: [],
    }),
  /** Extra Weaviate modules (backup-s3 is always enabled). @default [] */
  extraModules: z.array(z.string().regex(/^[a-z0-9-]+$/, 'a module name such as text2vec-aws')).default([]),
  /** Upper bound on results per query (`QUERY_MAXIMUM_RESULTS`). @default 10000 */
  queryMaximumResults: z.number().int().min(1).default(10000),
});

export const meshSchema = z.strictObject({
  /**
   * Istio (sidecar mode with the CNI plugin, so injected pods still pass the restricted profile), STRICT mTLS
   * and default-deny AuthorizationPolicies. Turning it off is a weakening the report shows.
   * @default true
   */
  enabled: z.boolean().default(true),
  /** @default '1.27.3' */
  istioVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'an Istio version such as 1.27.3')
    .default('1.27.3'),
  /**
   * Helm repository for Istio's charts: the upstream one, or an OCI mirror in ECR (`oci://…`) for clusters with
   * no internet access.
   * @default 'https://istio-release.storage.googleapis.com/charts'
   */
  chartRepository: z
    .string()
    .regex(/^(https|oci):\/\/\S+$/, 'an https:// or oci:// repository URL')
    .default('https://istio-release.storage.googleapis.com/charts'),
  /** @default 'istio-ingress' */
  ingressNamespace: k8sName.default('istio-ingress'),
  /** @default 2 */
  ingressReplicas: z.number().int().min(1).max(20).default(2),
});

export const monitoringSchema = z.strictObject({
  /** ServiceMonitor, PrometheusRule and Grafana dashboard for an existing Prometheus Operator. @default true */
  enabled: z.boolean().default(true),
  /** Namespace where Prometheus runs (gets the namespace, PSS labels and default-deny policies). @default 'monitoring' */
  namespace: k8sName.default('monitoring'),
  /** Labels of the Prometheus pods allowed to scrape Weaviate. @default {'app.kubernetes.io/name': 'prometheus'} */
  prometheusPodLabels: labelMap.default({ 'app.kubernetes.io/name': 'prometheus' }),
  /** Labels the Prometheus Operator selects rules and monitors by. @default {release: 'kube-prometheus-stack'} */
  selectorLabels: labelMap.default({ release: 'kube-prometheus-stack' }),
  /** @default 85 */
  memoryAlertPercent: z.number().min(1).max(100).default(85),
  /** @default 80 */
  diskAlertPercent: z.number().min(1).max(100).default(80),
  /** @default 5 */
  errorRateAlertPercent: z.number().min(0.1).max(100).default(5),
});

export const imagesSchema = z.strictObject({
  /**
   * Where images come from. `ecr-mirror`: the account's private ECR under `repositoryPrefix` (the data tier has
   * no internet route). `public`: upstream registries, which needs `network.allowDataTierInternetEgress`.
   * @default 'ecr-mirror'
   */
  source: z.enum(['ecr-mirror', 'public']).default('ecr-mirror'),
  /** @default 'vectorfort-mirror' */
  repositoryPrefix: z
    .string()
    .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an ECR repository prefix')
    .default('vectorfort-mirror'),
});

export const wafSchema = z.strictObject({
  /** Requests per client IP per 5 minutes before the rate rule blocks. @default 2000 */
  rateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(2000),
  /** Largest request body accepted (Weaviate batch imports and GraphQL). @default 16384 */
  maxBodySizeKiB: z.number().int().min(8).max(65536).default(16384),
  /** Block requests from anonymising services (VPNs, Tor, hosting providers). @default false */
  blockAnonymousIps: z.boolean().default(false),
  /**
   * Extra WAFv2 rules (CloudFormation `AWS::WAFv2::WebACL` Rule objects: Name, Statement, Action or
   * OverrideAction), appended after the managed rules in order; priorities are assigned (100, 101, …).
   * @default []
   */
  customRules: z
    .array(
      z
        .looseObject({
          Name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a rule name (letters, digits, _ and -)'),
          Statement: z.record(z.string(), z.unknown()),
          Action: z.record(z.string(), z.unknown()).optional(),
          OverrideAction: z.record(z.string(), z.unknown()).optional(),
        })
        .refine((r) => (r.Action === undefined) !== (r.OverrideAction === undefined), {
          message: 'exactly one of Action (a rule statement) or OverrideAction (a rule group)',
        }),
    )
    .default([]),
});

export const edgeSchema = z.strictObject({
  /** `internet-facing` (public tier) or `internal` (application tier) when `exposure` is `alb`. @default 'internet-facing' */
  scheme: z.enum(['internet-facing', 'internal']).default('internet-facing'),
  /** Domain name clients use. Required when exposed. */
  domainName: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain name such as weaviate.example.com')
    .optional(),
  /** Route 53 hosted zone for DNS validation of a new certificate. */
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]+$/, 'a Route 53 hosted zone id such as Z0123456789ABC')
    .optional(),
  hostedZoneName: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}\.?$/, 'a hosted zone name such as example.com')
    .optional(),
  /**
   * An existing ACM certificate instead of a DNS-validated new one: the ALB's, in the stack's region. In us-east-1
   * it serves CloudFront as well.
   */
  certificateArn: arn.optional(),
  /**
   * With `exposure: cloudfront` outside us-east-1: an existing ACM certificate for CloudFront, which must be in
   * us-east-1 (CloudFront uses no other region's). The ALB keeps `certificateArn` (or its own DNS-validated one).
   * @default - a DNS-validated certificate issued in us-east-1 by the companion edge stack
   */
  cloudFrontCertificateArn: arn.optional(),
  waf: wafSchema.default({
    rateLimitPer5Minutes: 2000,
    maxBodySizeKiB: 16384,
    blockAnonymousIps: false,
    customRules: [],
  }),
  /** Shield Advanced protection (USD 3,000 per month per organisation plus data transfer; explicit opt-in). @default false */
  shieldAdvanced: z.boolean().default(false),
  /** @default true (production), false (development) */
  deletionProtection: z.boolean().default(true),
});

export const clientVpnSchema = z.strictObject({
  /** @default true (production), false (development) */
  enabled: z.boolean().default(true),
  /** Address range for VPN clients (must not overlap the VPC). @default '10.250.0.0/22' */
  clientCidr: cidrV4.default('10.250.0.0/22'),
  /** ACM server certificate. A placeholder until set. */
  serverCertificateArn: arn.default(
    'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
  ),
  /** ACM certificate of the client root CA (mutual TLS). A placeholder until set. */
  clientRootCertificateArn: arn.default(
    'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001',
  ),
  /** SAML federation with the organisation's IdP, in addition to mutual TLS. @default - mutual TLS only */
  samlProviderArn: arn.optional(),
  /** IdP groups allowed to reach the VPC; empty means every authenticated client. @default [] */
  authorizedGroups: z.array(nonEmpty).default([]),
  /** @default 8 */
  sessionTimeoutHours: z.union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)]).default(8),
  /** @default true */
  splitTunnel: z.boolean().default(true),
  /** @default 365 */
  logRetentionDays: logRetentionDays.default(365),
});

export const siteToSiteVpnSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  customerGatewayIp: z.ipv4({ error: 'an IPv4 address' }).optional(),
  /** @default 65000 */
  bgpAsn: z.number().int().min(1).max(4294967294).default(65000),
  /** On-premises ranges routed over the tunnel. @default [] */
  onPremisesCidrs: z.array(cidrV4).default([]),
});

export const adminRolesSchema = z.strictObject({
  /** Admin (cluster-admin) and read-only (view) roles that require MFA and last at most one hour. @default true */
  enabled: z.boolean().default(true),
  /** Principals allowed to assume the roles (with MFA). @default - the account's IAM users and roles */
  trustedPrincipalArns: z.array(arn).default([]),
});

export const adminAccessSchema = z.strictObject({
  clientVpn: clientVpnSchema.default(clientVpnSchema.parse({})),
  siteToSiteVpn: siteToSiteVpnSchema.default({ enabled: false, bgpAsn: 65000, onPremisesCidrs: [] }),
  roles: adminRolesSchema.default({ enabled: true, trustedPrincipalArns: [] }),
});

export const detectionSchema = z.strictObject({
  cloudTrail: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default 365 */
      logRetentionDays: logRetentionDays.default(365),
    })
    .default({ enabled: true, logRetentionDays: 365 }),
  guardDuty: z
    .strictObject({
      /** Detector with EKS audit logs, EKS runtime monitoring and S3 protection. @default true */
      enabled: z.boolean().default(true),
    })
    .default({ enabled: true }),
  config: z
    .strictObject({
      /** Recorder, delivery channel and managed rules. @default true */
      enabled: z.boolean().default(true),
    })
    .default({ enabled: true }),
  securityHub: z
    .strictObject({
      /** Security Hub with the FSBP standard; account-wide, so opt-in. @default false */
      enabled: z.boolean().default(false),
    })
    .default({ enabled: false }),
  alerting: z
    .strictObject({
      /** SNS topics for security events, the notifier Lambda, its dead-letter queue and dedup table. @default true */
      enabled: z.boolean().default(true),
      /** Secrets Manager secret holding the chat webhook URL (the URL, or JSON `{"url": "…"}`). @default '<name>/alerts/chat-webhook' */
      chatWebhookSecretName: z.string().min(1).max(512).optional(),
      /** Secrets Manager secret holding the paging webhook URL; critical events are posted there too. @default '<name>/alerts/paging-webhook' */
      pagingWebhookSecretName: z.string().min(1).max(512).optional(),
      /** Create both secrets with an empty placeholder (fill them after deploying); false references existing secrets by name. @default true */
      createSecrets: z.boolean().default(true),
      /** Identical events within this window are collapsed into one message. @default 15 */
      dedupWindowMinutes: z.number().int().min(1).max(1440).default(15),
      /** More than this many distinct events of one kind within the window become one summary message. @default 10 */
      burstThreshold: z.number().int().min(1).max(1000).default(10),
      /** Further subscriptions of the critical topic: a pager's e-mail address or HTTPS endpoint. @default [] */
      pagerSubscriptions: z
        .array(
          z.discriminatedUnion('protocol', [
            z.strictObject({ protocol: z.literal('email'), endpoint: z.email() }),
            z.strictObject({
              protocol: z.literal('https'),
              endpoint: z.url({ protocol: /^https$/, hostname: z.regexes.domain }),
            }),
          ]),
        )
        .max(10)
        .default([]),
      /** Reserved concurrency of the notifier (caps webhook load and cost; needs unreserved account capacity). @default 2 */
      reservedConcurrency: z.number().int().min(1).max(50).default(2),
      /** AWS X-Ray active tracing for the notifier. @default false */
      tracing: z.boolean().default(false),
      /** Retention of the notifier's log group. @default 365 */
      logRetentionDays: logRetentionDays.default(365),
    })
    .default({
      enabled: true,
      createSecrets: true,
      dedupWindowMinutes: 15,
      burstThreshold: 10,
      pagerSubscriptions: [],
      reservedConcurrency: 2,
      tracing: false,
      logRetentionDays: 365,
    }),
});

export const PRESETS = ['production', 'development'] as const;
export type PresetName = (typeof PRESETS)[number];

export const blueprintSchema = z.strictObject({
  /** @default 'vectorfort.dev/v1alpha1' */
  apiVersion: z.literal('vectorfort.dev/v1alpha1').default('vectorfort.dev/v1alpha1'),
  /** Names the stack and prefixes resource names. @default 'weaviate' */
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,23}$/,
      'a name of 2–24 lower-case letters, digits and dashes, starting with a letter',
    )
    .default('weaviate'),
  /** Defaults to start from: `production` (secure and highly available) or `development` (cheaper, still private and encrypted). @default 'production' */
  preset: z.enum(PRESETS).default('production'),
  environment: environmentSchema.default({ account: '111111111111', region: 'us-east-1' }),
  /** Tags on every resource. @default {} */
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  network: networkSchema.default(networkSchema.parse({})),
  cluster: clusterSchema.default(clusterSchema.parse({})),
  keys: keysSchema.default(keysSchema.parse({})),
  backup: backupSchema.default(backupSchema.parse({})),
  weaviate: weaviateSchema.default(weaviateSchema.parse({})),
  mesh: meshSchema.default(meshSchema.parse({})),
  monitoring: monitoringSchema.default(monitoringSchema.parse({})),
  images: imagesSchema.default(imagesSchema.parse({})),
  /** What is reachable from outside: nothing (`private`), or Weaviate behind a WAF on an ALB or CloudFront. @default 'private' */
  exposure: z.enum(['private', 'alb', 'cloudfront']).default('private'),
  edge: edgeSchema.default(edgeSchema.parse({})),
  adminAccess: adminAccessSchema.default(adminAccessSchema.parse({})),
  detection: detectionSchema.default(detectionSchema.parse({})),
});

/** A validated blueprint with every default applied. */
export type Blueprint = z.infer<typeof blueprintSchema>;
/** What a user may write: every field optional. */
export type BlueprintInput = z.input<typeof blueprintSchema>;
