/**
 * Where each item of the price table comes from in AWS's price list: the offer and the product's attributes.
 * Usage types carry a region prefix (`USE1-`, `EU-`, …) that differs per region, so they are matched after it.
 * An item whose product cannot be found makes the refresh fail rather than keep a stale price silently.
 */
import type { OfferSelector } from './offer-file.js';
import type { PriceItem } from './price-table.js';

/** A usage type after the region prefix. */
const usage = (suffix: string): RegExp =>
  new RegExp(`^([A-Z0-9]+-)?${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export const PRICE_SOURCES: Readonly<Record<PriceItem, OfferSelector>> = {
  'eks.clusterHour': {
    offerCode: 'AmazonEKS',
    attributes: { usagetype: usage('AmazonEKS-Hours:perCluster') },
  },
  'ec2.natGatewayHour': { offerCode: 'AmazonEC2', attributes: { usagetype: usage('NatGateway-Hours') } },
  'ec2.natGatewayDataGB': { offerCode: 'AmazonEC2', attributes: { usagetype: usage('NatGateway-Bytes') } },
  'ec2.publicIpv4Hour': {
    offerCode: 'AmazonVPC',
    attributes: { usagetype: usage('PublicIPv4:InUseAddress') },
  },
  'vpc.interfaceEndpointHour': {
    offerCode: 'AmazonVPC',
    attributes: { usagetype: usage('VpcEndpoint-Hours') },
  },
  'vpc.interfaceEndpointDataGB': {
    offerCode: 'AmazonVPC',
    attributes: { usagetype: usage('VpcEndpoint-Bytes') },
  },
  'vpc.clientVpnAssociationHour': {
    offerCode: 'AmazonVPC',
    attributes: { usagetype: usage('ClientVPN-EndpointHours') },
  },
  'vpc.clientVpnConnectionHour': {
    offerCode: 'AmazonVPC',
    attributes: { usagetype: usage('ClientVPN-ConnectionHours') },
  },
  'ebs.gp3GBMonth': { offerCode: 'AmazonEC2', attributes: { usagetype: usage('EBS:VolumeUsage.gp3') } },
  'elb.applicationLoadBalancerHour': {
    offerCode: 'AWSELB',
    productFamily: 'Load Balancer-Application',
    attributes: { usagetype: usage('LoadBalancerUsage') },
  },
  'elb.loadBalancerCapacityUnitHour': {
    offerCode: 'AWSELB',
    productFamily: 'Load Balancer-Application',
    attributes: { usagetype: usage('LCUUsage') },
  },
  'waf.webAclMonth': { offerCode: 'awswaf', attributes: { usagetype: usage('WebACL') } },
  'waf.ruleMonth': { offerCode: 'awswaf', attributes: { usagetype: usage('Rule') } },
  'waf.requestsMillion': {
    offerCode: 'awswaf',
    attributes: { usagetype: usage('Request') },
    scale: 1_000_000,
  },
  'shield.advancedMonth': { offerCode: 'AWSShield', attributes: { usagetype: usage('Shield-Monthly-Fee') } },
  'guardduty.managementEventsMillion': {
    offerCode: 'AmazonGuardDuty',
    attributes: { usagetype: usage('PaidEventsAnalyzed') },
    scale: 1_000_000,
  },
  'guardduty.flowLogGB': {
    offerCode: 'AmazonGuardDuty',
    attributes: { usagetype: usage('PaidLogsAnalyzed') },
  },
  'guardduty.eksAuditEventsMillion': {
    offerCode: 'AmazonGuardDuty',
    attributes: { usagetype: usage('PaidEKSAuditLogsAnalyzed') },
    scale: 1_000_000,
  },
  'guardduty.runtimeVcpuMonth': {
    offerCode: 'AmazonGuardDuty',
    attributes: { usagetype: usage('PaidEKSRuntimeMonitoringvCPU') },
  },
  'guardduty.s3EventsMillion': {
    offerCode: 'AmazonGuardDuty',
    attributes: { usagetype: usage('PaidS3DataEventsAnalyzed') },
    scale: 1_000_000,
  },
  'config.itemRecorded': {
    offerCode: 'AWSConfig',
    attributes: { usagetype: usage('ConfigurationItemRecorded') },
  },
  'config.ruleEvaluation': {
    offerCode: 'AWSConfig',
    attributes: { usagetype: usage('ConfigRuleEvaluations') },
  },
  'cloudtrail.dataEventsHundredThousand': {
    offerCode: 'AWSCloudTrail',
    attributes: { usagetype: usage('DataEventsRecorded') },
    scale: 100_000,
  },
  'kms.keyMonth': { offerCode: 'awskms', attributes: { usagetype: usage('KMS-Keys') } },
  'kms.requestsTenThousand': {
    offerCode: 'awskms',
    attributes: { usagetype: usage('KMS-Requests') },
    scale: 10_000,
  },
  'logs.ingestionGB': {
    offerCode: 'AmazonCloudWatch',
    attributes: { usagetype: usage('DataProcessing-Bytes') },
  },
  'logs.vendedIngestionGB': {
    offerCode: 'AmazonCloudWatch',
    attributes: { usagetype: usage('VendedLog-Bytes') },
  },
  'logs.storageGBMonth': {
    offerCode: 'AmazonCloudWatch',
    attributes: { usagetype: usage('TimedStorage-ByteHrs') },
  },
  'cloudwatch.alarmMonth': {
    offerCode: 'AmazonCloudWatch',
    attributes: { usagetype: usage('CW:AlarmMonitorUsage') },
  },
  'cloudwatch.customMetricMonth': {
    offerCode: 'AmazonCloudWatch',
    attributes: { usagetype: usage('CW:MetricMonitorUsage') },
  },
  's3.standardGBMonth': {
    offerCode: 'AmazonS3',
    attributes: { usagetype: usage('TimedStorage-ByteHrs'), volumeType: 'Standard' },
  },
  's3.replicationTransferGB': {
    offerCode: 'AWSDataTransfer',
    attributes: { transferType: 'InterRegion Outbound' },
  },
  'secretsmanager.secretMonth': {
    offerCode: 'AWSSecretsManager',
    attributes: { usagetype: usage('AWSSecretsManager-Secrets') },
  },
  'secretsmanager.apiCallsTenThousand': {
    offerCode: 'AWSSecretsManager',
    attributes: { usagetype: usage('AWSSecretsManager-APIRequest') },
    scale: 10_000,
  },
  'cloudfront.dataTransferGB': {
    offerCode: 'AmazonCloudFront',
    attributes: { usagetype: /^US-DataTransfer-Out-Bytes$/ },
  },
  'cloudfront.httpsRequestsTenThousand': {
    offerCode: 'AmazonCloudFront',
    attributes: { usagetype: /^US-Requests-Tier2-HTTPS$/ },
    scale: 10_000,
  },
  'lambda.requestsMillion': {
    offerCode: 'AWSLambda',
    attributes: { usagetype: usage('Request') },
    scale: 1_000_000,
  },
  'lambda.gbSecond': { offerCode: 'AWSLambda', attributes: { usagetype: usage('Lambda-GB-Second') } },
  'sns.requestsMillion': {
    offerCode: 'AmazonSNS',
    attributes: { usagetype: usage('Requests-Tier1') },
    scale: 1_000_000,
  },
  'sqs.requestsMillion': {
    offerCode: 'AWSQueueService',
    attributes: { usagetype: usage('Requests-Tier1') },
    scale: 1_000_000,
  },
  'dynamodb.writeRequestsMillion': {
    offerCode: 'AmazonDynamoDB',
    attributes: { usagetype: usage('WriteRequestUnits') },
    scale: 1_000_000,
  },
  'dynamodb.readRequestsMillion': {
    offerCode: 'AmazonDynamoDB',
    attributes: { usagetype: usage('ReadRequestUnits') },
    scale: 1_000_000,
  },
  'dynamodb.storageGBMonth': {
    offerCode: 'AmazonDynamoDB',
    attributes: { usagetype: usage('TimedStorage-ByteHrs') },
  },
  'securityhub.checksTenThousand': {
    offerCode: 'AWSSecurityHub',
    attributes: { usagetype: usage('PaidComplianceCheck') },
    scale: 10_000,
  },
  'firehose.ingestionGB': {
    offerCode: 'AmazonKinesisFirehose',
    attributes: { usagetype: usage('BilledBytes') },
  },
};

/** The on-demand Linux price of an instance type on shared tenancy. */
export function instanceSource(instanceType: string): OfferSelector {
  return {
    offerCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    attributes: {
      instanceType,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
    },
  };
}
