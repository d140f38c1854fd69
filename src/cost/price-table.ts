/**
 * The price table bundled with the source (`data/prices.json`): unit prices per region, its date and source.
 * Validated when read, so a damaged or hand-edited table is an input error naming the file and the place, never
 * a wrong estimate.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { readRegularTextSync } from '../contract/regular-file.js';
import { InputError, InputErrors } from '../errors.js';
import { packageFile } from '../package-files.js';

/** Every unit price an estimate may use; the table must price each one in each region it lists. */
export const PRICE_ITEMS = [
  'eks.clusterHour',
  'ec2.natGatewayHour',
  'ec2.natGatewayDataGB',
  'ec2.publicIpv4Hour',
  'vpc.interfaceEndpointHour',
  'vpc.interfaceEndpointDataGB',
  'vpc.clientVpnAssociationHour',
  'vpc.clientVpnConnectionHour',
  'ebs.gp3GBMonth',
  'elb.applicationLoadBalancerHour',
  'elb.loadBalancerCapacityUnitHour',
  'waf.webAclMonth',
  'waf.ruleMonth',
  'waf.requestsMillion',
  'shield.advancedMonth',
  'guardduty.managementEventsMillion',
  'guardduty.flowLogGB',
  'guardduty.eksAuditEventsMillion',
  'guardduty.runtimeVcpuMonth',
  'guardduty.s3EventsMillion',
  'config.itemRecorded',
  'config.ruleEvaluation',
  'cloudtrail.dataEventsHundredThousand',
  'kms.keyMonth',
  'kms.requestsTenThousand',
  'logs.ingestionGB',
  'logs.vendedIngestionGB',
  'logs.storageGBMonth',
  'cloudwatch.alarmMonth',
  'cloudwatch.customMetricMonth',
  's3.standardGBMonth',
  's3.replicationTransferGB',
  'secretsmanager.secretMonth',
  'secretsmanager.apiCallsTenThousand',
  'cloudfront.dataTransferGB',
  'cloudfront.httpsRequestsTenThousand',
  'lambda.requestsMillion',
  'lambda.gbSecond',
  'sns.requestsMillion',
  'sqs.requestsMillion',
  'dynamodb.writeRequestsMillion',
  'dynamodb.readRequestsMillion',
  'dynamodb.storageGBMonth',
  'securityhub.checksTenThousand',
  'firehose.ingestionGB',
] as const;
export type PriceItem = (typeof PRICE_ITEMS)[number];

const price = z.number().min(0).finite();
const regionName = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as us-east-1');

const priceTableSchema = z.strictObject({
  currency: z.literal('USD'),
  date: z.iso.date('a date such as 2026-11-30'),
  source: z.string().min(1),
  regions: z.array(regionName).min(1),
  prices: z.record(
    z.string(),
    z.strictObject({
      unit: z.string().min(1),
      description: z.string().min(1),
      /** `null`: AWS charges for the item there, but the table holds no figure from a source (see `source`). */
      regions: z.record(regionName, price.nullable()),
      /** Where the figures come from when it is not the table's own source, and why a region has none. */
      source: z.string().min(1).optional(),
    }),
  ),
  instances: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as m7i.large'),
    z.strictObject({ vcpus: z.number().int().min(1), hourly: z.record(regionName, price) }),
  ),
});
type PriceTableData = z.infer<typeof priceTableSchema>;

/** A unit price the table holds no sourced figure for: what needs it is unpriced, never priced at zero. */
export class UnsourcedPriceError extends Error {
  constructor(
    readonly item: PriceItem,
    readonly region: string,
  ) {
    super(`the price table has no sourced price for ${item} in ${region}`);
    this.name = 'UnsourcedPriceError';
  }
}

/** A validated price table. */
export class PriceTable {
  constructor(
    readonly data: PriceTableData,
    /** Where it was read from, for messages. */
    readonly file: string,
  ) {}

  get date(): string {
    return this.data.date;
  }

  get regions(): readonly string[] {
    return this.data.regions;
  }

  /** Refuses a region the table does not price, naming the ones it does. */
  assertRegion(region: string): void {
    if (!this.data.regions.includes(region))
      throw new InputError(
        `region ${region} is not in the price table (dated ${this.data.date}); priced regions: ${this.data.regions.join(', ')}`,
        this.file,
        'regions',
      );
  }

  unitPrice(item: PriceItem, region: string): { readonly price: number; readonly unit: string } {
    this.assertRegion(region);
    const entry = this.data.prices[item]!;
    const found = entry.regions[region];
    if (typeof found !== 'number') throw new UnsourcedPriceError(item, region);
    return { price: found, unit: entry.unit };
  }

  /** Whether the table holds a sourced figure for the item in the region (an unsourced one is `null`). */
  hasPrice(item: PriceItem, region: string): boolean {
    this.assertRegion(region);
    return typeof this.data.prices[item]!.regions[region] === 'number';
  }

  /** The hourly on-demand price and vCPUs of an instance type, or undefined when the table lacks it. */
  instance(type: string, region: string): { readonly hourly: number; readonly vcpus: number } | undefined {
    this.assertRegion(region);
    const entry = this.data.instances[type];
    return entry ? { hourly: entry.hourly[region]!, vcpus: entry.vcpus } : undefined;
  }
}

export const BUNDLED_PRICE_TABLE = pathToFileURL(packageFile('data/prices.json'));

/** Reads and checks a price table: every item priced, in every region the table lists. */
export function loadPriceTable(file?: string): PriceTable {
  const path = file ?? fileURLToPath(BUNDLED_PRICE_TABLE);
  const shown = file ?? 'data/prices.json (bundled)';
  let text: string;
  try {
    text = readRegularTextSync(path);
  } catch (error) {
    throw new InputError(`cannot read the price table: ${(error as Error).message}`, shown);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`expected a JSON price table: ${(error as Error).message}`, shown);
  }
  return parsePriceTable(value, shown);
}

export function parsePriceTable(value: unknown, shown: string): PriceTable {
  const parsed = priceTableSchema.safeParse(value);
  if (!parsed.success)
    throw new InputErrors(
      parsed.error.issues.map(
        (issue) => new InputError(`expected ${issue.message}`, shown, issue.path.join('.') || '(root)'),
      ),
    );
  const data = parsed.data;
  const missing: InputError[] = [];
  for (const item of PRICE_ITEMS) {
    const entry = data.prices[item];
    if (!entry) {
      missing.push(new InputError(`expected a price for ${item}`, shown, `prices.${item}`));
      continue;
    }
    for (const region of data.regions)
      if (entry.regions[region] === undefined)
        missing.push(
          new InputError(`expected a price in ${region}`, shown, `prices.${item}.regions.${region}`),
        );
      else if (entry.regions[region] === null && entry.source === undefined)
        missing.push(
          new InputError(
            `expected a source saying why ${item} has no price in ${region}`,
            shown,
            `prices.${item}.source`,
          ),
        );
  }
  for (const [type, entry] of Object.entries(data.instances))
    for (const region of data.regions)
      if (entry.hourly[region] === undefined)
        missing.push(
          new InputError(
            `expected an hourly price in ${region}`,
            shown,
            `instances.${type}.hourly.${region}`,
          ),
        );
  if (missing.length > 0) throw new InputErrors(missing);
  return new PriceTable(data, shown);
}
