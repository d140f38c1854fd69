/**
 * The blueprint: everything a user can choose about a vectorfort deployment, validated with zod.
 *
 * This schema is the one source of the blueprint's documentation: each field's `.describe()` text and its
 * `.default()` value reach the JSON Schema and the reference page (docs/blueprint.md). The defaults here are
 * the `production` values; other presets change some of them in `presets.ts`, which the docs read as well.
 * Objects take `.prefault({})`, so their fields' own defaults apply and no default is written twice.
 *
 * Every default is the secure choice. Anything that weakens the posture is an explicit, intent-named option
 * (`allow…`) that the report shows. Objects are strict: an unknown key is an error (with the closest valid key
 * suggested by the loader), never silently ignored.
 */
import { z } from 'zod';
import { MIN_ACKNOWLEDGEMENT_REASON_LENGTH } from '../contract/acknowledgement.js';
import { costAssumptionsSchema } from './cost.js';
import { latticeSchema } from './lattice.js';
import { grafanaSchema } from './grafana.js';
import { awsTags, cidrV4, commaFreeName, k8sLabels, s3KeyPrefix, secretName } from './formats.js';
import { isCronSchedule } from '../contract/cron.js';
import { enclaveSchema } from './enclave.js';
import { existingVpcSchema } from './existing-vpc.js';
import { issuerCidrsSchema } from './oidc-issuer.js';

const nonEmpty = z.string().min(1);

/** A 12-digit AWS account id. */
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as us-east-1');
const arn = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/, 'an ARN (arn:aws:…)');
const port = z.number().int().min(1).max(65535);
const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes name (lower-case letters, digits and dashes)')
  .max(63);
/** A five-field cron schedule as Kubernetes CronJobs read it (UTC). */
const cronSchedule = z
  .string()
  .refine(isCronSchedule, 'a five-field cron schedule such as "0 */6 * * *" (minute hour day month weekday)');
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
  account: accountId
    .default('111111111111')
    .describe(
      'The AWS account to deploy into. Synthesis never calls AWS; the default is a placeholder to replace before deploying.',
    ),
  region: region.default('us-east-1').describe('The AWS region to deploy into.'),
  availabilityZones: z
    .array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'an availability zone such as us-east-1a'))
    .min(2)
    .max(6)
    .optional()
    .describe(
      "Availability zones, set explicitly so synthesis needs no lookup. Unset: the region's zones a, b and c.",
    ),
});

export const networkSchema = z.strictObject({
  vpcCidr: cidrV4
    .default('10.40.0.0/16')
    .describe("The VPC's IPv4 range; the subnet plan divides it into the four tiers across the zones."),
  natGateways: z
    .number()
    .int()
    .min(0)
    .max(6)
    .default(3)
    .describe(
      "NAT gateways for the application tier's egress; one per availability zone survives the loss of a zone. " +
        '0 only in an enclave (`enclave.enabled`), which has no NAT.',
    ),
  flowLogs: z
    .strictObject({
      retentionDays: logRetentionDays
        .default(365)
        .describe('Retention of the flow log group, in days (a period CloudWatch Logs accepts).'),
    })
    .prefault({})
    .describe('VPC flow logs (traffic type ALL) to a KMS-encrypted log group.'),
  additionalInterfaceEndpoints: z
    .array(z.string().regex(/^[a-z0-9.-]+$/, 'an endpoint service name such as sqs'))
    .default([])
    .describe('Interface endpoints to add beyond the ones private nodes need (service names such as `sqs`).'),
  allowDataTierInternetEgress: z
    .boolean()
    .default(false)
    .describe(
      "Weakening: route the data tier (Weaviate's nodes) to the internet through NAT. Off, the data tier has no " +
        'route to the internet and images come from ECR through the VPC endpoints.',
    ),
  existingVpc: existingVpcSchema
    .optional()
    .describe(
      "Deploy into an existing VPC (a landing zone's) instead of building one: its subnets per tier by id. Its routes, network ACLs and gateways stay outside the templates; the verifier reports what depends on them as unknown. Unset: vectorfort builds the VPC.",
    ),
});

export const nodeGroupSchema = z.strictObject({
  name: k8sName.describe('Node group name (also its label `vectorfort.dev/node-group`).'),
  role: z
    .enum(['system', 'weaviate'])
    .describe(
      '`system` runs cluster add-ons, the mesh and monitoring; `weaviate` is dedicated, tainted and labelled.',
    ),
  instanceTypes: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as m7i.large'))
    .min(1)
    .describe('EC2 instance types of the group, at least one (required in every node group you write).'),
  minSize: z.number().int().min(0).max(100).describe('Fewest nodes the group scales in to.'),
  maxSize: z.number().int().min(1).max(100).describe('Most nodes the group scales out to.'),
  desiredSize: z.number().int().min(0).max(100).describe('Nodes at creation, between minSize and maxSize.'),
  diskSizeGiB: z
    .number()
    .int()
    .min(20)
    .max(16384)
    .default(50)
    .describe('Root volume size in GiB (gp3, encrypted with the EBS key).'),
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
  principalArn: arn.describe('IAM role or user ARN that gets cluster access.'),
  accessPolicy: z
    .enum(['cluster-admin', 'admin', 'edit', 'view'])
    .describe('EKS access policy: cluster-admin, admin, edit or view.'),
  namespaces: z
    .array(k8sName)
    .optional()
    .describe('Namespaces the policy is limited to. Unset: the whole cluster.'),
});

export const clusterSchema = z.strictObject({
  kubernetesVersion: z.enum(KUBERNETES_VERSIONS).default('1.35').describe('Kubernetes (EKS) version.'),
  allowPublicEndpoint: z
    .boolean()
    .default(false)
    .describe(
      'Weakening: expose the Kubernetes API endpoint publicly (in addition to privately), limited to ' +
        '`publicAccessCidrs`. Off, the API is reachable only inside the VPC (and from the VPN).',
    ),
  publicAccessCidrs: z
    .array(cidrV4)
    .default([])
    .describe(
      'CIDRs allowed to reach a public endpoint; required (and never 0.0.0.0/0) when `allowPublicEndpoint` is on.',
    ),
  nodeGroups: z
    .array(nodeGroupSchema)
    .min(2)
    .default(DEFAULT_NODE_GROUPS)
    .describe(
      'Exactly two node groups in the data tier: one with role `system` and one with role `weaviate`. ' +
        'Setting this replaces both default groups.',
    ),
  allowPodInstanceMetadata: z
    .boolean()
    .default(false)
    .describe(
      "Weakening: let pods reach the node's instance metadata service (hop limit 2). Off, the hop limit is 1 and " +
        'pods get AWS credentials only from EKS Pod Identity.',
    ),
  accessEntries: z
    .array(accessEntrySchema)
    .default([])
    .describe(
      'Extra cluster access entries (administrator roles from `adminAccess.roles` are added automatically).',
    ),
  logRetentionDays: logRetentionDays
    .default(365)
    .describe(
      'Retention of the control-plane log group (`/aws/eks/<name>/cluster`, created by vectorfort so it is ' +
        'KMS-encrypted and expires), in days.',
    ),
});

export const keysSchema = z.strictObject({
  deletionWindowDays: z
    .number()
    .int()
    .min(7)
    .max(30)
    .default(30)
    .describe('Waiting period in days before a scheduled key deletion completes.'),
  rotationPeriodDays: z
    .number()
    .int()
    .min(90)
    .max(2560)
    .default(365)
    .describe('Automatic rotation period of every key, in days.'),
  administratorArns: z
    .array(arn)
    .default([])
    .describe(
      "Principals (roles) that administer the keys, in addition to the account's IAM-policy delegation.",
    ),
});

/** Object Lock (WORM) settings of a bucket: off by default, GOVERNANCE, 30 days. */
function objectLock(bucket: string, object: string) {
  return z
    .strictObject({
      enabled: z.boolean().default(false).describe(`Turn Object Lock on for ${bucket}.`),
      mode: z
        .enum(['GOVERNANCE', 'COMPLIANCE'])
        .default('GOVERNANCE')
        .describe('Retention mode: GOVERNANCE (privileged users may override) or COMPLIANCE (nobody may).'),
      retentionDays: z
        .number()
        .int()
        .min(1)
        .max(36500)
        .default(30)
        .describe(`Default retention of each ${object}, in days.`),
    })
    .prefault({});
}

export const backupSchema = z.strictObject({
  bucketName: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'an S3 bucket name (3–63 lower-case letters, digits, dots, dashes)',
    )
    .optional()
    .describe('Explicit name of the backup bucket. Unset: generated by CloudFormation.'),
  prefix: s3KeyPrefix
    .default('weaviate')
    .describe('Key prefix Weaviate writes under (`BACKUP_S3_PATH`); its IAM role is limited to it.'),
  transitionToInfrequentAccessDays: z
    .number()
    .int()
    .min(30)
    .default(30)
    .describe('Move current backups to Standard-IA after this many days.'),
  noncurrentVersionExpirationDays: z
    .number()
    .int()
    .min(1)
    .default(90)
    .describe('Delete noncurrent versions this many days after they become noncurrent.'),
  objectLock: objectLock('the backup bucket', 'backup object').describe(
    'Object Lock (WORM) for backups; can only be enabled when the bucket is created.',
  ),
  breakGlassRoleArn: arn
    .optional()
    .describe(
      'A role that may reach the bucket without going through the VPC endpoint (incident recovery). Unset: ' +
        'none, all access must come through the VPC endpoint.',
    ),
  rpoHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe('Recovery point objective in hours: the alert fires when the last successful backup is older.'),
  accessLogRetentionDays: z
    .number()
    .int()
    .min(1)
    .default(365)
    .describe('Retention of the server access logs bucket, in days.'),
  replicaRegion: z
    .union([region, z.literal('none')])
    .optional()
    .describe(
      'Region of the cross-region replica of the backups (a companion stack holds the replica bucket and its ' +
        "key). Unset: the region paired with `environment.region` (docs/backup-replication.md). Weakening: 'none' " +
        'keeps the backups in one region.',
    ),
  replicaObjectLock: objectLock('the replica bucket', 'replicated object').describe(
    'Object Lock (WORM) for the replica bucket; required when the backup bucket has Object Lock, and only ' +
      'settable when the replica bucket is created.',
  ),
  replicaRestoreRoleArns: z
    .array(arn)
    .default([])
    .describe(
      'Roles the replica key lets decrypt the replicated backups, through S3 in the replica region and for the ' +
        'replica bucket only: the role that copies them into a new deployment during a restore ' +
        '(docs/backup-restore.md). Empty: nobody reads the replica; add the role for the restore and remove it ' +
        'afterwards.',
    ),
  replicationLatencyAlarmMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15)
    .describe(
      'The replication latency alarm fires when objects take longer than this to reach the replica ' +
        '(Replication Time Control promises 15 minutes).',
    ),
  schedule: cronSchedule
    .default('0 */6 * * *')
    .describe(
      'When the backup CronJob runs (five-field cron, UTC): every 6 hours in production, daily in development. ' +
        'Its longest gap between runs must stay within `rpoHours`.',
    ),
  retentionDays: z
    .number()
    .int()
    .min(2)
    .max(36500)
    .default(90)
    .describe(
      'Days a backup stays current under `prefix` before S3 expires it (noncurrent copies then follow ' +
        '`noncurrentVersionExpirationDays`). Must exceed `transitionToInfrequentAccessDays`.',
    ),
  timeoutMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120)
    .describe(
      'How long the backup job waits for Weaviate to report SUCCESS or FAILED before it reports a timeout; ' +
        'shorter than the shortest gap between runs, so one run never runs into the next.',
    ),
  rtoMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60)
    .describe('Recovery time objective: a restore drill slower than this fails and alerts.'),
  weaviateUser: commaFreeName
    .default('backup')
    .describe(
      'The Weaviate user the backup job and the drill authenticate as: its own API key in its own secret, and an ' +
        'RBAC role that allows managing backups and nothing else.',
    ),
  jobImage: z
    .strictObject({
      repository: z
        .string()
        .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an image repository path')
        .default('library/node')
        .describe('Node.js image the backup and drill programs run on; prefixed with the image registry.'),
      tag: z
        .string()
        .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/, 'a Node.js version tag such as 22.21.1-alpine3.22')
        .default('22.21.1-alpine3.22')
        .describe('A version tag (never latest).'),
      digest: z
        .string()
        .regex(/^sha256:[a-f0-9]{64}$/, 'a digest such as sha256:<64 hex>')
        .optional()
        .describe('Image digest; when set the image is pulled by digest. Unset: pulled by tag.'),
    })
    .prefault({})
    .describe('The image of the backup and restore-drill jobs (the programs come in a ConfigMap).'),
  restoreDrill: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe('Restore the latest backup into a scratch Weaviate on a schedule and record the evidence.'),
      schedule: cronSchedule
        .default('0 4 1 * *')
        .describe('When the drill runs (five-field cron, UTC); monthly by default.'),
      namespace: k8sName
        .default('weaviate-restore-drill')
        .describe(
          'Namespace of the scratch Weaviate (closed by default-deny policies; empty between drills).',
        ),
      evidencePrefix: s3KeyPrefix
        .default('restore-drills')
        .describe("Key prefix of the drills' result documents in the backups bucket (kept, never expired)."),
      timeoutMinutes: z
        .number()
        .int()
        .min(10)
        .max(24 * 60)
        .default(240)
        .describe(
          'Time budget of one drill (scratch start, restore and checks) before it fails; shorter than the ' +
            "shortest gap between the drill schedule's runs.",
        ),
    })
    .prefault({})
    .describe('The scheduled restore drill.'),
});

export const weaviatePortsSchema = z.strictObject({
  http: port.default(8080).describe('REST and GraphQL.'),
  grpc: port.default(50051).describe('Client gRPC.'),
  gossip: port.default(7946).describe('memberlist gossip (TCP and UDP).'),
  data: port.default(7947).describe('Intra-cluster data (REST and gRPC).'),
  raft: port.default(8300).describe('Raft consensus.'),
  raftRpc: port.default(8301).describe('Raft internal RPC.'),
  metrics: port.default(2112).describe('Prometheus metrics.'),
});
export type WeaviatePorts = z.infer<typeof weaviatePortsSchema>;

export const oidcSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      "Authenticate clients with OIDC tokens. Weaviate fetches the issuer's signing keys from the internet, which " +
        'needs `network.allowDataTierInternetEgress` (refused in an enclave and in an existing VPC).',
    ),
  issuer: z
    .url({ protocol: /^https$/, error: 'an https URL' })
    .optional()
    .describe('Issuer URL (https); required when OIDC is enabled.'),
  clientId: z.string().min(1).optional().describe('OIDC client id; required when OIDC is enabled.'),
  issuerCidrs: issuerCidrsSchema.describe(
    'IPv4 ranges the issuer serves its discovery document and signing keys (JWKS) from, which Weaviate fetches ' +
      'to validate every token (required when OIDC is enabled, with `network.allowDataTierInternetEgress`): ' +
      "Weaviate's NetworkPolicy, the Weaviate nodes' security group and the data tier's network ACL admit HTTPS " +
      'to these only, never the whole internet.',
  ),
  usernameClaim: z.string().min(1).default('email').describe('Token claim that names the user.'),
  groupsClaim: z.string().min(1).default('groups').describe("Token claim that lists the user's groups."),
  scopes: z.array(commaFreeName).default(['openid', 'email']).describe('Scopes clients request.'),
});

export const weaviateSchema = z.strictObject({
  namespace: k8sName.default('weaviate').describe('Namespace Weaviate runs in.'),
  image: z
    .strictObject({
      repository: z
        .string()
        .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an image repository path')
        .default('semitechnologies/weaviate')
        .describe('Repository path; prefixed with the image registry (see `images`).'),
      tag: z
        .string()
        .regex(/^\d+\.\d+\.\d+([-.][0-9A-Za-z.]+)?$/, 'a version tag such as 1.38.2 (never latest)')
        .default('1.38.2')
        .describe('A version tag; `latest` and other moving tags are rejected.'),
      digest: z
        .string()
        .regex(/^sha256:[a-f0-9]{64}$/, 'a digest such as sha256:<64 hex>')
        .optional()
        .describe('Image digest; when set the image is pulled by digest. Unset: pulled by tag.'),
    })
    .prefault({})
    .describe("Weaviate's container image."),
  replicas: z
    .number()
    .int()
    .min(1)
    .max(99)
    .default(3)
    .describe('Weaviate replicas: odd, and at least 3 in production (a Raft quorum that survives one node).'),
  replicationFactor: z
    .number()
    .int()
    .min(1)
    .max(99)
    .default(3)
    .describe('Default replication factor for collections (`REPLICATION_MINIMUM_FACTOR`).'),
  resources: z
    .strictObject({
      cpu: z
        .string()
        .regex(/^\d+(\.\d+)?m?$/, 'a CPU quantity such as 2 or 500m')
        .default('2')
        .describe('CPU request (and limit) per replica.'),
      memory: z
        .string()
        .regex(/^\d+(Mi|Gi)$/, 'a memory quantity such as 16Gi')
        .default('16Gi')
        .describe(
          'Memory request and limit per replica (equal, so the pod is never OOM-killed for overcommit).',
        ),
    })
    .prefault({})
    .describe('Compute resources of each replica.'),
  storageGiB: z
    .number()
    .int()
    .min(1)
    .max(16384)
    .default(100)
    .describe('Persistent volume per replica in GiB (gp3, encrypted with the EBS key).'),
  ports: weaviatePortsSchema.prefault({}).describe("Weaviate's ports."),
  authentication: z
    .strictObject({
      apiKey: z
        .strictObject({
          enabled: z.boolean().default(true).describe('Authenticate clients with API keys.'),
          users: z
            .array(z.string().regex(/^[A-Za-z0-9@._-]+$/, 'a user name (letters, digits, @ . _ -)'))
            .min(1)
            .default(['admin'])
            .describe(
              'Users the generated keys map to, one key per user. Keys (48 random characters) live in Secrets ' +
                'Manager and reach the pod through the Secrets Store CSI driver, never as manifest literals.',
            ),
          rotationDays: z
            .number()
            .int()
            .min(1)
            .max(1000)
            .default(30)
            .describe(
              "Days between rotations of each user's key (Secrets Manager rotation); the previous key stays valid " +
                'until the next rotation (docs/api-key-rotation.md).',
            ),
        })
        .prefault({})
        .describe('API key authentication.'),
      oidc: oidcSchema.prefault({}).describe('OIDC authentication.'),
      allowAnonymousAccess: z
        .boolean()
        .default(false)
        .describe(
          'Weakening: allow anonymous requests. Weaviate turns anonymous access on by itself when no other ' +
            'method is enabled, so vectorfort always sets it explicitly. Rejected with RBAC and in production.',
        ),
    })
    .prefault({})
    .describe('How clients authenticate to Weaviate.'),
  authorization: z
    .strictObject({
      mode: z
        .enum(['rbac', 'admin-list'])
        .default('rbac')
        .describe('RBAC (roles per collection) or the simpler admin list; Weaviate rejects both at once.'),
      rootUsers: z.array(commaFreeName).default(['admin']).describe('RBAC root users.'),
      rootGroups: z.array(commaFreeName).default([]).describe('RBAC root groups (OIDC).'),
      readOnlyGroups: z.array(commaFreeName).default([]).describe('RBAC read-only groups (OIDC).'),
      adminUsers: z.array(commaFreeName).default([]).describe('Admin-list mode: administrators.'),
      readOnlyUsers: z.array(commaFreeName).default([]).describe('Admin-list mode: read-only users.'),
    })
    .prefault({})
    .describe('What authenticated clients may do.'),
  extraModules: z
    .array(z.string().regex(/^[a-z0-9-]+$/, 'a module name such as text2vec-aws'))
    .default([])
    .describe('Extra Weaviate modules (backup-s3 is always enabled).'),
  queryMaximumResults: z
    .number()
    .int()
    .min(1)
    .default(10000)
    .describe('Upper bound on results per query (`QUERY_MAXIMUM_RESULTS`).'),
  clusterAuth: z
    .strictObject({
      rotationWindow: z
        .strictObject({
          dayOfWeek: z
            .enum(['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'])
            .default('SUN')
            .describe('Weekday of the window (UTC).'),
          weekOfMonth: z
            .union([z.literal('every'), z.number().int().min(1).max(4)])
            .default(1)
            .describe(
              'The n-th such weekday of the month (1–4: the password rotates monthly), or `every` (weekly).',
            ),
          startHourUtc: z.number().int().min(0).max(23).default(3).describe('Hour the window opens (UTC).'),
          windowHours: z
            .number()
            .int()
            .min(1)
            .max(24)
            .default(3)
            .describe('Hours the window stays open; it must close the same UTC day.'),
        })
        .prefault({})
        .describe(
          "Maintenance window in which Weaviate's intra-cluster password rotates (Secrets Manager rotation " +
            'schedule and window). Weaviate accepts one cluster password and reads it at start, so the rotation ' +
            'restarts every pod together: a full outage of one pod restart (docs/api-key-rotation.md).',
        ),
    })
    .prefault({})
    .describe("Weaviate's intra-cluster basic auth (the data port)."),
});

export const meshCircuitBreakingSchema = z.strictObject({
  maxConnections: z
    .number()
    .int()
    .min(1)
    .default(1024)
    .describe(
      'Most TCP connections each client sidecar opens to Weaviate (`connectionPool.tcp.maxConnections`).',
    ),
  maxPendingRequests: z
    .number()
    .int()
    .min(1)
    .default(1024)
    .describe('Most requests waiting for a connection (`connectionPool.http.http1MaxPendingRequests`).'),
  maxRequests: z
    .number()
    .int()
    .min(1)
    .default(1024)
    .describe('Most requests in flight to Weaviate at once (`connectionPool.http.http2MaxRequests`).'),
  consecutiveGatewayErrors: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe(
      'Eject a replica after this many 502, 503 or 504 answers or connection failures in a row (not on ' +
        "Weaviate's own 5xx answers, which a bad query can cause on a healthy replica).",
    ),
  intervalSeconds: z.number().int().min(1).default(10).describe('How often replicas are judged, in seconds.'),
  baseEjectionSeconds: z
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('How long an ejected replica stays out, in seconds (multiplied by its ejection count).'),
  maxEjectionPercent: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(34)
    .describe('Most replicas out at once, in percent (34: one of three, so a Raft quorum keeps serving).'),
});

export const meshSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'Istio (sidecar mode with the CNI plugin, so injected pods still pass the restricted profile), STRICT ' +
        'mTLS and default-deny AuthorizationPolicies. Turning it off is a weakening the report shows.',
    ),
  istioVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'an Istio version such as 1.27.3')
    .default('1.27.3')
    .describe('Istio version.'),
  chartRepository: z
    .string()
    .regex(/^(https|oci):\/\/\S+$/, 'an https:// or oci:// repository URL')
    .default('https://istio-release.storage.googleapis.com/charts')
    .describe(
      "Helm repository for Istio's charts: the upstream one, or an OCI mirror in ECR (`oci://…`) for clusters " +
        'with no internet access.',
    ),
  ingressNamespace: k8sName.default('istio-ingress').describe("Namespace of Istio's ingress gateway."),
  ingressReplicas: z.number().int().min(1).max(20).default(2).describe('Replicas of the ingress gateway.'),
  circuitBreaking: meshCircuitBreakingSchema
    .prefault({})
    .describe(
      "Connection-pool limits and outlier detection in Weaviate's DestinationRule: a flood of clients queues " +
        'at the sidecars instead of exhausting Weaviate, and a replica that keeps failing is taken out of ' +
        'rotation for a while.',
    ),
  accessLogging: z
    .boolean()
    .default(true)
    .describe(
      "Envoy access logs for every sidecar and gateway (Istio's Telemetry API, mesh-wide), to the pods' " +
        'standard output and from there to the cluster log pipeline.',
    ),
});

export const monitoringSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe('ServiceMonitor, PrometheusRule and Grafana dashboard for Weaviate.'),
  namespace: k8sName
    .default('monitoring')
    .describe('Namespace where Prometheus runs (gets the namespace, PSS labels and default-deny policies).'),
  prometheusPodLabels: k8sLabels
    // An empty selector matches every pod in the namespace, which would all get Prometheus' access.
    .refine(
      (labels) => Object.keys(labels).length > 0,
      'at least one label (an empty selector matches every pod)',
    )
    .default({ 'app.kubernetes.io/name': 'prometheus' })
    .describe('Labels of the Prometheus pods allowed to scrape Weaviate.'),
  selectorLabels: k8sLabels
    .default({ release: 'kube-prometheus-stack' })
    .describe('Labels the Prometheus Operator selects rules and monitors by.'),
  memoryAlertPercent: z
    .number()
    .min(1)
    .max(100)
    .default(85)
    .describe("Alert when a Weaviate pod's resident memory exceeds this share of its limit, in percent."),
  diskAlertPercent: z
    .number()
    .min(1)
    .max(100)
    .default(80)
    .describe('Alert when a Weaviate volume is fuller than this, in percent.'),
  errorRateAlertPercent: z
    .number()
    .min(0.1)
    .max(100)
    .default(5)
    .describe("Alert when more than this share of Weaviate's requests fail with a server error, in percent."),
  stack: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          'Install the monitoring stack (the kube-prometheus-stack chart: Prometheus Operator, Prometheus and ' +
            'Alertmanager, restricted Pod Security, encrypted volumes), with Alertmanager routing alerts by severity ' +
            'to the alert topics. Off: an existing Prometheus Operator must evaluate the rules and route the alerts.',
        ),
      retentionDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(35)
        .describe(
          "Days Prometheus keeps its samples; at least the restore drill's longest gap plus two days and its time budget, so the alert on a drill that stopped passing still sees the last one (35 covers a monthly drill).",
        ),
      prometheusStorageGi: z
        .number()
        .int()
        .min(1)
        .max(16384)
        .default(50)
        .describe("Size of Prometheus' encrypted volume, in GiB."),
      alertmanagerStorageGi: z
        .number()
        .int()
        .min(1)
        .max(1024)
        .default(2)
        .describe("Size of Alertmanager's encrypted volume (silences and notification log), in GiB."),
    })
    .prefault({})
    .describe('The in-cluster monitoring stack that evaluates the rules and delivers the alerts.'),
  grafana: grafanaSchema
    .prefault({})
    .describe('Dashboards in the cluster (installed with the monitoring stack), opened over the admin VPN.'),
});

export const logsSchema = z.strictObject({
  collection: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          "Collect container logs (Weaviate's own, the mesh's access logs, every other pod's) and the nodes' " +
            'logs (kubelet and container runtime, from the journal) with Fluent Bit (the aws-for-fluent-bit ' +
            'chart) into log groups encrypted with the logs key. Off: nothing in the cluster leaves the nodes.',
        ),
      namespace: k8sName
        .default('logging')
        .describe(
          "Namespace of the Fluent Bit DaemonSet. It reads the nodes' log files (hostPath), so this namespace " +
            'enforces the `privileged` Pod Security profile (audit and warn stay `restricted`), acknowledged.',
        ),
      retentionDays: logRetentionDays
        .default(365)
        .describe("Retention of the containers', Weaviate's and the nodes' log groups, in days."),
    })
    .prefault({})
    .describe('Container and node logs to CloudWatch Logs.'),
  archive: z
    .strictObject({
      enabled: z
        .boolean()
        .default(false)
        .describe(
          'Stream every log group of the stack (VPC flow logs, EKS control plane with audit, WAF, CloudTrail, ' +
            'container and node logs, the notifier, the VPN) through Kinesis Data Firehose to a log archive ' +
            'bucket with its own KMS key, reachable only through the VPC endpoint and by the delivery stream. ' +
            'Off by default: CloudWatch Logs already keeps each log encrypted for its retention; the archive is ' +
            'for long-term retention and SIEM ingestion.',
        ),
      expirationDays: z
        .number()
        .int()
        .min(1)
        .max(36500)
        .default(2557)
        .describe('Days an archived log object is kept before it expires (2557: seven years).'),
      objectLock: objectLock('the log archive bucket', 'archived log object').describe(
        'Object Lock (WORM) on the log archive bucket: archived logs cannot be deleted or overwritten while locked.',
      ),
      siem: z
        .strictObject({
          endpointUrl: z
            .string()
            .regex(/^https:\/\/\S+$/, 'an https:// URL')
            .optional()
            .describe(
              "The customer SIEM's Firehose HTTP endpoint (Splunk HEC, Elastic, Datadog, a Sentinel " +
                'collector…). Set: a second delivery stream sends every log there, keeping failed records in ' +
                'the archive bucket. Unset: the archive only.',
            ),
          accessKeySecretName: secretName
            .optional()
            .describe(
              "Secrets Manager secret holding the endpoint's access key (Firehose reads it; encrypted with " +
                'its own key). Required with `endpointUrl`.',
            ),
        })
        .prefault({})
        .describe("Optional delivery to a customer's SIEM through Kinesis Data Firehose."),
    })
    .prefault({})
    .describe('The log archive for SIEM export.'),
});

export const imagesSchema = z.strictObject({
  source: z
    .enum(['ecr-mirror', 'public'])
    .default('ecr-mirror')
    .describe(
      "Where images come from. `ecr-mirror`: the account's private ECR under `repositoryPrefix` (the data tier " +
        'has no internet route). `public`: upstream registries, which needs `network.allowDataTierInternetEgress`.',
    ),
  repositoryPrefix: z
    .string()
    .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'an ECR repository prefix')
    .default('vectorfort-mirror')
    .describe('ECR repository prefix the mirrored images live under.'),
});

export const wafSchema = z.strictObject({
  rateLimitPer5Minutes: z
    .number()
    .int()
    .min(10)
    .max(2_000_000_000)
    .default(2000)
    .describe('Requests per client IP per 5 minutes before the rate rule blocks.'),
  maxBodySizeKiB: z
    .number()
    .int()
    .min(8)
    .max(65536)
    .default(16384)
    .describe('Largest request body accepted, in KiB (Weaviate batch imports and GraphQL).'),
  blockAnonymousIps: z
    .boolean()
    .default(false)
    .describe('Block requests from anonymising services (VPNs, Tor, hosting providers).'),
  customRules: z
    .array(
      z
        .looseObject({
          Name: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,128}$/, 'a rule name (letters, digits, _ and -)')
            .describe('Rule name (letters, digits, _ and -).'),
          Statement: z.record(z.string(), z.unknown()).describe('WAFv2 rule statement.'),
          Action: z
            .record(z.string(), z.unknown())
            .optional()
            .describe('Action of a rule statement (Allow, Block, Count, Captcha or Challenge).'),
          OverrideAction: z
            .record(z.string(), z.unknown())
            .optional()
            .describe('Override action of a rule group statement (None or Count).'),
        })
        .refine((r) => (r.Action === undefined) !== (r.OverrideAction === undefined), {
          message: 'exactly one of Action (a rule statement) or OverrideAction (a rule group)',
        }),
    )
    .default([])
    .describe(
      'Extra WAFv2 rules (CloudFormation `AWS::WAFv2::WebACL` Rule objects: Name, Statement, Action or ' +
        'OverrideAction), appended after the managed rules in order; priorities are assigned (100, 101, …).',
    ),
});

export const edgeSchema = z.strictObject({
  scheme: z
    .enum(['internet-facing', 'internal'])
    .default('internet-facing')
    .describe(
      "The ALB's scheme when `exposure` is `alb`: `internet-facing` (public tier) or `internal` (application tier).",
    ),
  domainName: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain name such as weaviate.example.com')
    .optional()
    .describe('Domain name clients use. Required when exposed.'),
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]+$/, 'a Route 53 hosted zone id such as Z0123456789ABC')
    .optional()
    .describe('Route 53 hosted zone for DNS validation of a new certificate.'),
  hostedZoneName: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}\.?$/, 'a hosted zone name such as example.com')
    .optional()
    .describe('Name of the Route 53 hosted zone `hostedZoneId` names.'),
  certificateArn: arn
    .optional()
    .describe(
      "An existing ACM certificate instead of a DNS-validated new one: the ALB's, in the stack's region. In " +
        'us-east-1 it serves CloudFront as well.',
    ),
  cloudFrontCertificateArn: arn
    .optional()
    .describe(
      'With `exposure: cloudfront` outside us-east-1: an existing ACM certificate for CloudFront, which must be ' +
        "in us-east-1 (CloudFront uses no other region's). The ALB keeps `certificateArn` (or its own " +
        'DNS-validated one). Unset: a DNS-validated certificate issued in us-east-1 by the companion edge stack.',
    ),
  waf: wafSchema.prefault({}).describe('The web ACL in front of the ALB or CloudFront.'),
  shieldAdvanced: z
    .boolean()
    .default(false)
    .describe(
      'Shield Advanced protection (USD 3,000 per month per organisation plus data transfer; explicit opt-in).',
    ),
  deletionProtection: z.boolean().default(true).describe('Deletion protection of the ALB.'),
});

export const clientVpnSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('AWS Client VPN endpoint for administrators (mutual TLS).'),
  clientCidr: cidrV4
    .default('10.250.0.0/22')
    .describe('Address range for VPN clients (/12 to /22, must not overlap the VPC).'),
  serverCertificateArn: arn
    .default('arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000')
    .describe('ACM server certificate. The default is a placeholder to replace before deploying.'),
  clientRootCertificateArn: arn
    .default('arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001')
    .describe(
      'ACM certificate of the client root CA (mutual TLS). The default is a placeholder to replace before deploying.',
    ),
  samlProviderArn: arn
    .optional()
    .describe(
      "SAML federation with the organisation's IdP, in addition to mutual TLS. Unset: mutual TLS only.",
    ),
  authorizedGroups: z
    .array(nonEmpty)
    .default([])
    .describe('IdP groups allowed to reach the VPC; empty means every authenticated client.'),
  sessionTimeoutHours: z
    .union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)])
    .default(8)
    .describe('Hours after which a VPN session ends.'),
  splitTunnel: z.boolean().default(true).describe("Send only the VPC's traffic through the tunnel."),
  logRetentionDays: logRetentionDays.default(365).describe('Retention of the connection log group, in days.'),
});

export const siteToSiteVpnSchema = z.strictObject({
  enabled: z.boolean().default(false).describe('A site-to-site VPN to an on-premises network.'),
  customerGatewayIp: z
    .ipv4({ error: 'an IPv4 address' })
    .optional()
    .describe('Public IPv4 address of the on-premises gateway; required when enabled.'),
  bgpAsn: z
    .number()
    .int()
    .min(1)
    .max(4294967294)
    .default(65000)
    .describe('BGP autonomous system number of the on-premises gateway.'),
  onPremisesCidrs: z
    .array(cidrV4)
    .default([])
    .describe('On-premises ranges routed over the tunnel; required when enabled.'),
});

export const adminRolesSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe('Admin (cluster-admin) and read-only (view) roles that require MFA and last at most one hour.'),
  trustedPrincipalArns: z
    .array(arn)
    .default([])
    .describe(
      "Principals allowed to assume the roles (with MFA); empty means the account's IAM users and roles.",
    ),
});

export const adminAccessSchema = z.strictObject({
  clientVpn: clientVpnSchema.prefault({}).describe('Client VPN for administrators.'),
  siteToSiteVpn: siteToSiteVpnSchema.prefault({}).describe('Site-to-site VPN to an on-premises network.'),
  roles: adminRolesSchema.prefault({}).describe('IAM roles administrators assume.'),
  allowCrossAccountPrincipals: z
    .boolean()
    .default(false)
    .describe(
      'Weakening: accept principals of other accounts in `keys.administratorArns`, ' +
        '`cluster.accessEntries[].principalArn`, `adminAccess.roles.trustedPrincipalArns` and ' +
        "`backup.breakGlassRoleArn`. Off, each must be in the blueprint's account (`environment.account`).",
    ),
});

/**
 * Who runs an account-level detection service the blueprint leaves out. The templates cannot show it, so the
 * verifier's finding stays unknown; this names who answers for it, in the acknowledgement of that finding.
 */
function providedBy(what: string, example: string) {
  return z
    .string()
    .trim()
    .min(MIN_ACKNOWLEDGEMENT_REASON_LENGTH)
    .max(500)
    .optional()
    .describe(
      `Who provides the ${what} when \`enabled\` is false (for example ${example}); required then, and ` +
        'written into the acknowledgement of the control that cannot see it from these templates.',
    );
}

export const detectionSchema = z.strictObject({
  cloudTrail: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe('A multi-region trail with log file validation, encryption, S3 data events and alarms.'),
      logRetentionDays: logRetentionDays
        .default(365)
        .describe("Retention of the trail's CloudWatch log group, in days."),
      providedBy: providedBy('trail', 'an organisation trail in the management account'),
    })
    .prefault({})
    .describe('AWS CloudTrail.'),
  guardDuty: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe('Detector with EKS audit logs, EKS runtime monitoring and S3 protection.'),
      providedBy: providedBy('detector', "the organisation's delegated GuardDuty administrator"),
    })
    .prefault({})
    .describe('Amazon GuardDuty.'),
  config: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Recorder, delivery channel and managed rules.'),
      providedBy: providedBy('recorder', 'a Control Tower or StackSets recorder'),
    })
    .prefault({})
    .describe('AWS Config.'),
  securityHub: z
    .strictObject({
      enabled: z
        .boolean()
        .default(false)
        .describe('Security Hub with the FSBP standard; account-wide, so opt-in.'),
    })
    .prefault({})
    .describe('AWS Security Hub.'),
  inspector: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          'Amazon Inspector scanning of ECR images and EC2 nodes for vulnerabilities; high and critical findings go ' +
            'to the alert topics (critical ones page). Enabled for the account and left on when the stack is deleted.',
        ),
    })
    .prefault({})
    .describe('Amazon Inspector.'),
  alerting: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          'SNS topics for security events, the notifier Lambda, its dead-letter queue and dedup table. ' +
            'Turning it off is a weakening the report shows: findings and alarms then reach no one.',
        ),
      chatWebhookSecretName: secretName
        .optional()
        .describe(
          'Secrets Manager secret holding the chat webhook URL (the URL, or JSON `{"url": "…"}`). Unset: ' +
            '`<name>/alerts/chat-webhook`.',
        ),
      pagingWebhookSecretName: secretName
        .optional()
        .describe(
          'Secrets Manager secret holding the paging webhook URL; critical events are posted there too. Unset: ' +
            '`<name>/alerts/paging-webhook`.',
        ),
      createSecrets: z
        .boolean()
        .default(true)
        .describe(
          'Create both secrets with an empty placeholder (fill them after deploying); false references existing ' +
            'secrets by name.',
        ),
      dedupWindowMinutes: z
        .number()
        .int()
        .min(1)
        .max(1440)
        .default(15)
        .describe('Identical events within this window (minutes) are collapsed into one message.'),
      burstThreshold: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(10)
        .describe(
          'More than this many distinct events of one kind within the window become one summary message.',
        ),
      pagerSubscriptions: z
        .array(
          z.discriminatedUnion('protocol', [
            z.strictObject({
              protocol: z.literal('email').describe('Deliver by e-mail.'),
              endpoint: z.email().describe('The e-mail address.'),
            }),
            z.strictObject({
              protocol: z.literal('https').describe('Deliver by HTTPS POST.'),
              endpoint: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).describe('The HTTPS URL.'),
            }),
          ]),
        )
        .max(10)
        .default([])
        .describe("Further subscriptions of the critical topic: a pager's e-mail address or HTTPS endpoint."),
      reservedConcurrency: z
        .number()
        .int()
        .min(1)
        .max(50)
        .default(2)
        .describe(
          'Reserved concurrency of the notifier (caps webhook load and cost; needs unreserved account capacity).',
        ),
      tracing: z.boolean().default(false).describe('AWS X-Ray active tracing for the notifier.'),
      logRetentionDays: logRetentionDays
        .default(365)
        .describe("Retention of the notifier's log group, in days."),
      webhookRotationDays: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(90)
        .describe(
          'Days between rotations of the webhook URLs the stack creates: an operator stages the new URL, the ' +
            'notifier tests it and promotes it; nothing staged when due raises an alarm (docs/alerting.md).',
        ),
    })
    .prefault({})
    .describe('Security alerts to a chat webhook and a pager.'),
});

/** A calendar date, `YYYY-MM-DD`. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: 'a calendar date (YYYY-MM-DD)',
  });

export const acknowledgementsSchema = z.strictObject({
  owner: z
    .string()
    .trim()
    .min(1)
    .default('platform team')
    .describe(
      'The team or person who answers for the exceptions vectorfort acknowledges in the generated templates ' +
        '(its own controls and cdk-nag rules); written into each acknowledgement as its `owner`.',
    ),
  reviewPeriodDays: z
    .number()
    .int()
    .min(1)
    .max(1096)
    .default(365)
    .describe(
      'Days from the synthesis until those acknowledgements expire and must be reviewed again (by synthesizing ' +
        'again). After that date `verify` fails their findings again.',
    ),
  expires: isoDate
    .optional()
    .describe(
      'A fixed expiry date for those acknowledgements instead of the review period (the acknowledgements hold ' +
        'through that day, UTC). Unset: the synthesis date plus `reviewPeriodDays`.',
    ),
});

export const PRESETS = ['production', 'development', 'staging', 'enclave'] as const;
export type PresetName = (typeof PRESETS)[number];

/** An environment's name: short, since it joins the blueprint's name in stack and resource names. */
export const environmentName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,9}$/, 'an environment name of 1–10 lower-case letters and digits, such as prod');

export const deploymentEnvironmentSchema = z.strictObject({
  account: accountId.describe('The AWS account of this environment (required).'),
  region: region
    .optional()
    .describe("The region of this environment. Unset: the blueprint's `environment.region`."),
  availabilityZones: environmentSchema.shape.availabilityZones.describe(
    "Availability zones of this environment. Unset: the region's zones a, b and c.",
  ),
  vpcCidr: cidrV4.describe(
    "The environment's VPC range (required); environments that connect must not overlap.",
  ),
  preset: z
    .enum(PRESETS)
    .describe(
      'The preset this environment starts from (required): `production`, `staging`, `development` or `enclave`.',
    ),
  connectedTo: z
    .array(environmentName)
    .default([])
    .describe(
      'Environments this one is peered with or shares a transit gateway with; their VPC ranges must not overlap ' +
        '(checked by VF-ENV-001).',
    ),
});
export type DeploymentEnvironment = z.infer<typeof deploymentEnvironmentSchema>;

export const blueprintSchema = z.strictObject({
  apiVersion: z
    .literal('vectorfort.dev/v1alpha1')
    .default('vectorfort.dev/v1alpha1')
    .describe('Version of the blueprint format.'),
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,23}$/,
      'a name of 2–24 lower-case letters, digits and dashes, starting with a letter',
    )
    .default('weaviate')
    .describe('Names the stack and prefixes resource names.'),
  preset: z
    .enum(PRESETS)
    .default('production')
    .describe(
      'Defaults to start from: `production` (secure and highly available), `development` (cheaper, still ' +
        'private and encrypted), `staging`, or `enclave` (no inbound, no NAT, IPv6 egress to one control plane ' +
        'only; see docs/enclave.md).',
    ),
  environment: environmentSchema.prefault({}).describe('Where to deploy.'),
  tags: awsTags.default({}).describe('Tags on every resource.'),
  network: networkSchema.prefault({}).describe('The VPC and its subnets, NAT, endpoints and flow logs.'),
  cluster: clusterSchema.prefault({}).describe('The EKS cluster and its node groups.'),
  keys: keysSchema.prefault({}).describe('The customer-managed KMS keys (one per purpose).'),
  backup: backupSchema.prefault({}).describe("Weaviate's backups to S3."),
  weaviate: weaviateSchema.prefault({}).describe('The Weaviate workload.'),
  mesh: meshSchema.prefault({}).describe('The Istio service mesh.'),
  monitoring: monitoringSchema.prefault({}).describe('Prometheus monitoring of Weaviate.'),
  logs: logsSchema.prefault({}).describe('Where container and node logs go, and the log archive.'),
  images: imagesSchema.prefault({}).describe('Where container images come from.'),
  exposure: z
    .enum(['private', 'alb', 'cloudfront', 'lattice'])
    .default('private')
    .describe(
      'What is reachable from outside: nothing (`private`), Weaviate behind a WAF on an ALB or CloudFront, or ' +
        '(`lattice`) a VPC Lattice service that only the consumers named in `lattice` may call, signed with IAM.',
    ),
  edge: edgeSchema.prefault({}).describe('The load balancer, CloudFront and WAF when exposed.'),
  lattice: latticeSchema
    .extend({
      accessLogRetentionDays: logRetentionDays
        .default(365)
        .describe('Retention of the service network and service access logs, in days.'),
    })
    .prefault({})
    .describe('The VPC Lattice service network, service and auth policies for `exposure: lattice`.'),
  adminAccess: adminAccessSchema.prefault({}).describe('How administrators reach the cluster.'),
  detection: detectionSchema.prefault({}).describe('Detection and response services.'),
  environments: z
    .record(environmentName, deploymentEnvironmentSchema)
    .optional()
    .describe(
      'Several environments (dev, staging, prod) from one file: each with its account, region, VPC range and ' +
        'preset, sharing every other setting. Synth writes one set of stacks, manifests and reports per ' +
        'environment under `<out>/<environment>/`, and verify adds the cross-environment controls. Unset: one ' +
        'environment, written to `<out>/`.',
    ),
  cost: costAssumptionsSchema
    .prefault({})
    .describe(
      'Usage the monthly cost estimate assumes (`vectorfort cost`, the reports): traffic, hours, log volume, ' +
        'connections. Prices come from the bundled price table; these quantities are not in any template.',
    ),
  acknowledgements: acknowledgementsSchema
    .prefault({})
    .describe('Owner and expiry of the exceptions vectorfort acknowledges in what it generates.'),
  enclave: enclaveSchema
    .prefault({})
    .describe('The enclave: no inbound, no NAT, IPv6 egress to one control plane, vendor operator model.'),
});

/** A validated blueprint with every default applied. */
export type Blueprint = z.infer<typeof blueprintSchema>;
/** What a user may write: every field optional. */
export type BlueprintInput = z.input<typeof blueprintSchema>;
