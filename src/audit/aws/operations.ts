/**
 * Every AWS API operation the auditor may call, with the IAM action that allows it. Readers name the
 * operations they call from this list; the shipped read-only policy is generated from it, and a test intercepts
 * the SDK's commands to prove the code calls nothing else.
 */

/** The AWS services the auditor reads, by IAM service prefix, with the SDK client that calls them. */
export const AUDIT_SERVICES = {
  cloudformation: 'CloudFormationClient',
  ec2: 'EC2Client',
  eks: 'EKSClient',
  s3: 'S3Client',
  kms: 'KMSClient',
  logs: 'CloudWatchLogsClient',
  cloudtrail: 'CloudTrailClient',
  guardduty: 'GuardDutyClient',
  config: 'ConfigServiceClient',
  securityhub: 'SecurityHubClient',
  inspector2: 'Inspector2Client',
  sts: 'STSClient',
  elasticloadbalancing: 'ElasticLoadBalancingV2Client',
  wafv2: 'WAFV2Client',
  cloudfront: 'CloudFrontClient',
  iam: 'IAMClient',
  lambda: 'LambdaClient',
  sns: 'SNSClient',
  sqs: 'SQSClient',
  secretsmanager: 'SecretsManagerClient',
  dynamodb: 'DynamoDBClient',
  cloudwatch: 'CloudWatchClient',
  events: 'EventBridgeClient',
  ssm: 'SSMClient',
  acm: 'ACMClient',
} as const;
export type AuditService = keyof typeof AUDIT_SERVICES;

/** One API operation: the SDK command (without `Command`) and the IAM action it needs. */
export interface AuditOperation {
  readonly service: AuditService;
  readonly command: string;
  /**
   * The IAM action, when it is not `<service>:<command>` (S3 names several actions differently).
   * `null` when the call needs no permission (sts:GetCallerIdentity).
   */
  readonly action: string | null;
}

function op(service: AuditService, command: string, action?: string | null): AuditOperation {
  return { service, command, action: action === undefined ? `${service}:${command}` : action };
}

export const OPS = {
  listStackResources: op('cloudformation', 'ListStackResources'),
  describeStacks: op('cloudformation', 'DescribeStacks'),
  getTemplate: op('cloudformation', 'GetTemplate'),
  describeVpcs: op('ec2', 'DescribeVpcs'),
  describeSubnets: op('ec2', 'DescribeSubnets'),
  describeSecurityGroups: op('ec2', 'DescribeSecurityGroups'),
  describeRouteTables: op('ec2', 'DescribeRouteTables'),
  describeNetworkAcls: op('ec2', 'DescribeNetworkAcls'),
  describeVpcEndpoints: op('ec2', 'DescribeVpcEndpoints'),
  describeInternetGateways: op('ec2', 'DescribeInternetGateways'),
  describeNatGateways: op('ec2', 'DescribeNatGateways'),
  describeCluster: op('eks', 'DescribeCluster'),
  getBucketEncryption: op('s3', 'GetBucketEncryption', 's3:GetEncryptionConfiguration'),
  getBucketVersioning: op('s3', 'GetBucketVersioning'),
  getPublicAccessBlock: op('s3', 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock'),
  getBucketPolicy: op('s3', 'GetBucketPolicy'),
  getBucketLogging: op('s3', 'GetBucketLogging'),
  getBucketOwnershipControls: op('s3', 'GetBucketOwnershipControls'),
  describeKey: op('kms', 'DescribeKey'),
  getKeyRotationStatus: op('kms', 'GetKeyRotationStatus'),
  getKeyPolicy: op('kms', 'GetKeyPolicy'),
  listAliases: op('kms', 'ListAliases'),
  describeLogGroups: op('logs', 'DescribeLogGroups'),
  describeTrails: op('cloudtrail', 'DescribeTrails'),
  getTrailStatus: op('cloudtrail', 'GetTrailStatus'),
  listDetectors: op('guardduty', 'ListDetectors'),
  getDetector: op('guardduty', 'GetDetector'),
  describeConfigurationRecorders: op('config', 'DescribeConfigurationRecorders'),
  describeConfigurationRecorderStatus: op('config', 'DescribeConfigurationRecorderStatus'),
  describeDeliveryChannels: op('config', 'DescribeDeliveryChannels'),
  describeConfigRules: op('config', 'DescribeConfigRules'),
  describeHub: op('securityhub', 'DescribeHub'),
  batchGetAccountStatus: op('inspector2', 'BatchGetAccountStatus'),
  getCallerIdentity: op('sts', 'GetCallerIdentity', null),
  describeAddresses: op('ec2', 'DescribeAddresses'),
  describeFlowLogs: op('ec2', 'DescribeFlowLogs'),
  describeLaunchTemplateVersions: op('ec2', 'DescribeLaunchTemplateVersions'),
  describeInstances: op('ec2', 'DescribeInstances'),
  describeClientVpnEndpoints: op('ec2', 'DescribeClientVpnEndpoints'),
  describeClientVpnAuthorizationRules: op('ec2', 'DescribeClientVpnAuthorizationRules'),
  describeClientVpnTargetNetworks: op('ec2', 'DescribeClientVpnTargetNetworks'),
  describeNodegroup: op('eks', 'DescribeNodegroup'),
  listAddons: op('eks', 'ListAddons'),
  describeAddon: op('eks', 'DescribeAddon'),
  listAccessEntries: op('eks', 'ListAccessEntries'),
  describeAccessEntry: op('eks', 'DescribeAccessEntry'),
  listAssociatedAccessPolicies: op('eks', 'ListAssociatedAccessPolicies'),
  listPodIdentityAssociations: op('eks', 'ListPodIdentityAssociations'),
  describePodIdentityAssociation: op('eks', 'DescribePodIdentityAssociation'),
  describeLoadBalancers: op('elasticloadbalancing', 'DescribeLoadBalancers'),
  describeLoadBalancerAttributes: op('elasticloadbalancing', 'DescribeLoadBalancerAttributes'),
  describeListeners: op('elasticloadbalancing', 'DescribeListeners'),
  describeRules: op('elasticloadbalancing', 'DescribeRules'),
  describeTargetGroups: op('elasticloadbalancing', 'DescribeTargetGroups'),
  describeTargetGroupAttributes: op('elasticloadbalancing', 'DescribeTargetGroupAttributes'),
  getWebACL: op('wafv2', 'GetWebACL'),
  getWebACLForResource: op('wafv2', 'GetWebACLForResource'),
  getLoggingConfiguration: op('wafv2', 'GetLoggingConfiguration'),
  getDistributionConfig: op('cloudfront', 'GetDistributionConfig'),
  getRole: op('iam', 'GetRole'),
  listRolePolicies: op('iam', 'ListRolePolicies'),
  getRolePolicy: op('iam', 'GetRolePolicy'),
  listAttachedRolePolicies: op('iam', 'ListAttachedRolePolicies'),
  getPolicy: op('iam', 'GetPolicy'),
  getPolicyVersion: op('iam', 'GetPolicyVersion'),
  getFunctionConfiguration: op('lambda', 'GetFunctionConfiguration'),
  getFunctionPolicy: op('lambda', 'GetPolicy'),
  getLayerVersionByArn: op('lambda', 'GetLayerVersionByArn', 'lambda:GetLayerVersion'),
  getFunctionEventInvokeConfig: op('lambda', 'GetFunctionEventInvokeConfig'),
  getTopicAttributes: op('sns', 'GetTopicAttributes'),
  getSubscriptionAttributes: op('sns', 'GetSubscriptionAttributes'),
  getQueueAttributes: op('sqs', 'GetQueueAttributes'),
  describeSecret: op('secretsmanager', 'DescribeSecret'),
  describeTable: op('dynamodb', 'DescribeTable'),
  describeContinuousBackups: op('dynamodb', 'DescribeContinuousBackups'),
  describeAlarms: op('cloudwatch', 'DescribeAlarms'),
  describeMetricFilters: op('logs', 'DescribeMetricFilters'),
  describeResourcePolicies: op('logs', 'DescribeResourcePolicies'),
  describeRule: op('events', 'DescribeRule'),
  listTargetsByRule: op('events', 'ListTargetsByRule'),
  describeParameters: op('ssm', 'DescribeParameters'),
  describeCertificate: op('acm', 'DescribeCertificate'),
  getEnabledStandards: op('securityhub', 'GetEnabledStandards'),
} as const satisfies Record<string, AuditOperation>;

export const AUDIT_OPERATIONS: readonly AuditOperation[] = Object.values(OPS);

/** The operation a client name and command name (as the SDK's middleware context gives them) stand for. */
export function operationOf(clientName: string, commandName: string): AuditOperation | undefined {
  const command = commandName.replace(/Command$/, '');
  return AUDIT_OPERATIONS.find((o) => AUDIT_SERVICES[o.service] === clientName && o.command === command);
}

/** The read-only IAM policy the auditor needs: exactly the actions of the operations above. */
export function auditPolicy(): { Version: string; Statement: unknown[] } {
  const actions = [
    ...new Set(AUDIT_OPERATIONS.map((o) => o.action).filter((a): a is string => a !== null)),
  ].sort();
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'VectorfortAuditReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}
