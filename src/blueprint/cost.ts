/**
 * The blueprint's `cost` section: the usage a monthly estimate assumes. Prices come from the bundled price
 * table; what a deployment does with the resources (traffic, log volume, connections) is not in any template,
 * so every such quantity is stated here, with a default, and printed with the estimate.
 */
import { z } from 'zod';

const quantity = z.number().min(0);

export const costAssumptionsSchema = z.strictObject({
  hoursPerMonth: z
    .number()
    .min(1)
    .max(744)
    .default(730)
    .describe('Hours each always-on resource runs in a month (730 is the average month).'),
  natGatewayDataGB: quantity
    .default(100)
    .describe('GB processed by each NAT gateway per month (egress from the application tier).'),
  interfaceEndpointDataGB: quantity
    .default(10)
    .describe('GB processed by each interface endpoint per month (image pulls, API calls, backups).'),
  loadBalancerCapacityUnits: quantity
    .default(1)
    .describe('Average load balancer capacity units (LCU) each ALB uses per hour.'),
  wafRequestsMillions: quantity.default(10).describe('Millions of requests each web ACL inspects per month.'),
  cloudFrontDataGB: quantity.default(100).describe('GB each CloudFront distribution serves per month.'),
  cloudFrontRequestsMillions: quantity
    .default(10)
    .describe('Millions of HTTPS requests each CloudFront distribution serves per month.'),
  guardDutyManagementEventsMillions: quantity
    .default(1)
    .describe('Millions of CloudTrail management events GuardDuty analyses per month.'),
  guardDutyFlowLogGB: quantity
    .default(20)
    .describe('GB of VPC flow and DNS logs GuardDuty analyses per month.'),
  guardDutyEksAuditEventsMillions: quantity
    .default(5)
    .describe('Millions of EKS audit log events GuardDuty analyses per month (when EKS audit logs are on).'),
  guardDutyS3EventsMillions: quantity
    .default(5)
    .describe('Millions of S3 data events GuardDuty analyses per month (when S3 protection is on).'),
  cloudTrailDataEventsMillions: quantity
    .default(5)
    .describe('Millions of data events each trail that records data events delivers per month.'),
  configItemsRecorded: quantity
    .default(2000)
    .describe('Configuration items each AWS Config recorder records per month.'),
  configEvaluationsPerRule: quantity.default(1000).describe('Evaluations of each AWS Config rule per month.'),
  kmsRequestsPerKey: quantity
    .default(100000)
    .describe('Requests to each KMS key per month (encrypt, decrypt, generate data key).'),
  clientVpnConnectionHours: quantity
    .default(160)
    .describe('Connection hours of each Client VPN endpoint per month (administrators × hours connected).'),
  flowLogGB: quantity.default(50).describe('GB of flow logs each VPC flow log delivers per month.'),
  controlPlaneLogGB: quantity
    .default(20)
    .describe('GB of EKS control-plane logs per month (the `/aws/eks/…/cluster` log group).'),
  cloudTrailLogGB: quantity
    .default(5)
    .describe('GB a trail delivers to its CloudWatch Logs group per month.'),
  logGroupGB: quantity
    .default(1)
    .describe(
      'GB ingested per month by every other log group (the collected container, Weaviate and node logs, handlers, VPN connections, WAF); a log archive stream ingests the volumes of the groups subscribed to it.',
    ),
  neverExpiringLogMonths: z
    .number()
    .int()
    .min(1)
    .max(120)
    .default(12)
    .describe('Months of logs a log group without retention is assumed to hold (it grows without bound).'),
  bucketStoredGB: quantity
    .default(100)
    .describe('GB stored in each S3 bucket (backups, audit logs, access logs) at steady state.'),
  replicationGB: quantity
    .default(50)
    .describe('GB each bucket with a replication rule copies to another region per month.'),
  functionInvocations: quantity
    .default(100000)
    .describe('Invocations of each Lambda function per month (the notifier, deploy-time handlers).'),
  functionDurationMs: quantity
    .default(500)
    .describe('Average duration of a Lambda invocation, in milliseconds.'),
  topicPublishes: quantity
    .default(10000)
    .describe('Messages published to each SNS topic per month (each also counts once per delivery).'),
  queueRequests: quantity.default(10000).describe('Requests to each SQS queue per month.'),
  tableWrites: quantity
    .default(100000)
    .describe('Write request units of each DynamoDB table per month (on demand).'),
  tableReads: quantity
    .default(100000)
    .describe('Read request units of each DynamoDB table per month (on demand).'),
  tableStoredGB: quantity.default(1).describe('GB stored in each DynamoDB table.'),
  securityHubChecks: quantity.default(10000).describe('Security checks Security Hub runs per month.'),
  secretApiCallsPerSecret: quantity
    .default(10000)
    .describe('API calls to each Secrets Manager secret per month.'),
});
export type CostAssumptions = z.infer<typeof costAssumptionsSchema>;
