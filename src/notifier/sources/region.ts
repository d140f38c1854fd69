/**
 * AWS regions and partitions as the notifier trusts them. A region string from a message ends up in a link's
 * host, so it must be one of the grammars AWS uses before it is used anywhere but as escaped text.
 */

export interface Partition {
  /** The partition id as it appears in ARNs. */
  readonly id: 'aws' | 'aws-cn' | 'aws-us-gov';
  readonly regionPattern: RegExp;
  /** The console's origin for a region of this partition. */
  consoleOrigin(region: string): string;
}

// GovCloud first: `us-gov-west-1` must not be read as a commercial `us-` region.
const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws-us-gov',
    regionPattern: /^us-gov-[a-z]+-\d{1,2}$/,
    consoleOrigin: () => 'https://console.amazonaws-us-gov.com',
  },
  {
    id: 'aws-cn',
    regionPattern: /^cn-[a-z]+-\d{1,2}$/,
    consoleOrigin: () => 'https://console.amazonaws.cn',
  },
  {
    id: 'aws',
    regionPattern: /^(?:af|ap|ca|eu|il|me|mx|sa|us)-[a-z]+-\d{1,2}$/,
    consoleOrigin: (region) => `https://${region}.console.aws.amazon.com`,
  },
];

/** The partition of `region`, or undefined when it is not an AWS region of a partition with a public console. */
export function partitionOf(region: string): Partition | undefined {
  return PARTITIONS.find((p) => p.regionPattern.test(region));
}

export function isAwsRegion(region: string): boolean {
  return partitionOf(region) !== undefined;
}

/** An AWS account id: twelve digits. */
export function isAccountId(account: string): boolean {
  return /^\d{12}$/.test(account);
}

export interface ParsedArn {
  readonly partition: Partition['id'];
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/**
 * An ARN whose partition, region and account are well formed and agree with each other (a region of the ARN's
 * own partition); undefined otherwise.
 */
export function parseRegionalArn(arn: string): ParsedArn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]+):(\d{12}):(.+)$/.exec(arn);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match as unknown as [string, ...string[]];
  if (partitionOf(region!)?.id !== partition) return undefined;
  return {
    partition: partition as Partition['id'],
    service: service!,
    region: region!,
    account: account!,
    resource: resource!,
  };
}
