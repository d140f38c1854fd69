/**
 * What a Kinesis Data Firehose delivery stream ingests in a month, read from the input: the CloudWatch Logs
 * subscription filters that deliver to it, each carrying its log group's monthly volume (the same volume the
 * estimate prices the group's own ingestion with, so the archive can never disagree with the groups). The
 * features Firehose charges for on top of ingestion (decompression, format conversion, dynamic partitioning,
 * delivery into a VPC) have no sourced figure in the price table: a stream that uses one is unpriced, naming it.
 */
import type { CfnResource } from '../inventory/model.js';
import { getPath, isPlainObject, type SymbolicValue } from '../inventory/values.js';

export type StreamVolume =
  | { readonly status: 'known'; readonly monthlyGB: number }
  | { readonly status: 'unpriced'; readonly reason: string };

export interface StreamVolumeContext {
  readonly resources: ReadonlyMap<string, CfnResource>;
  /** The resource a `Ref` or `Fn::GetAtt` points at, when it is in the input. */
  readonly resolve: (value: SymbolicValue | undefined) => CfnResource | undefined;
  /** The monthly GB a log group ingests, as the estimate prices its own ingestion. */
  readonly logGroupGB: (group: CfnResource) => number;
}

/** Processor types Firehose charges for per GB on top of ingestion, with the feature's name. */
const CHARGED_PROCESSORS: Readonly<Record<string, string>> = {
  Decompression: 'decompression of CloudWatch Logs records',
  CloudWatchLogProcessing: 'CloudWatch Logs message extraction (with decompression)',
  MetadataExtraction: 'dynamic partitioning (JQ metadata extraction)',
  RecordDeAggregation: 'dynamic partitioning (record deaggregation)',
};

/** The priced features a stream's configuration turns on, in the order they are found. */
export function chargedFeatures(stream: CfnResource): string[] {
  const found: string[] = [];
  const visit = (value: SymbolicValue | undefined): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isPlainObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'ProcessingConfiguration' && getPath(child, 'Enabled') !== false) {
        const processors = getPath(child, 'Processors');
        for (const p of Array.isArray(processors) ? processors : []) {
          const feature = CHARGED_PROCESSORS[String(getPath(p, 'Type'))];
          if (feature && !found.includes(feature)) found.push(feature);
        }
      } else if (key === 'DataFormatConversionConfiguration' && getPath(child, 'Enabled') !== false)
        found.push('format conversion');
      else if (key === 'DynamicPartitioningConfiguration' && getPath(child, 'Enabled') === true)
        found.push('dynamic partitioning');
      else if (key === 'VpcConfiguration') found.push('delivery into a VPC');
      else visit(child);
    }
  };
  visit(stream.properties);
  return found;
}

/** The monthly GB the stream ingests through the subscriptions of the input, or why it is not known. */
export function streamVolume(stream: CfnResource, context: StreamVolumeContext): StreamVolume {
  // Subscriptions put records directly; a stream reading a Kinesis stream, MSK or a database ingests what
  // that source holds, which the estimate does not follow (and MSK and databases are priced differently).
  const source = stream.properties.DeliveryStreamType ?? 'DirectPut';
  if (source !== 'DirectPut')
    return {
      status: 'unpriced',
      reason: `it reads from a source (${typeof source === 'string' ? source : 'not determined'}) whose volume the estimate does not follow`,
    };
  const filters = [...context.resources.values()].filter(
    (r) =>
      r.type === 'AWS::Logs::SubscriptionFilter' && context.resolve(r.properties.DestinationArn) === stream,
  );
  if (filters.length === 0)
    return {
      status: 'unpriced',
      reason: 'no CloudWatch Logs subscription in the input delivers to it, so what it ingests is not stated',
    };
  let monthlyGB = 0;
  for (const filter of filters) {
    const group = context.resolve(filter.properties.LogGroupName);
    if (group === undefined)
      return {
        status: 'unpriced',
        reason: `the log group subscription ${filter.logicalId} delivers is not in the input, so its volume is not known`,
      };
    monthlyGB += context.logGroupGB(group);
  }
  return { status: 'known', monthlyGB };
}
