/**
 * The live inventory: the stacks' resources and the account-level services read from AWS, and the cluster
 * read from the Kubernetes API or from kubectl dumps, in the same model the template path builds, so every
 * control and every proof runs on it unchanged. The flow spec comes from the deployed template's Metadata
 * (or from the baseline given for drift).
 */
import { buildInventory } from '../inventory/build.js';
import { inventoryFromObjects } from '../inventory/index.js';
import type { InputSource, Inventory } from '../inventory/model.js';
import type { ManifestInput } from '../inventory/kubernetes/objects.js';
import type { FlowSpec } from '../flows/types.js';
import { readAws, type AuditGap, type AwsReadResult, type LiveCfnResource } from './aws/read-aws.js';
import { AwsSession, type AwsTarget, type CallRecord } from './aws/session.js';
import { readCluster } from './kubernetes/read-cluster.js';
import { parseDeployedTemplate, UnreadTemplate } from './deployed-template.js';
import { readDump } from './kubernetes/read-dump.js';

export interface LiveReadOptions {
  readonly aws: AwsTarget;
  readonly stacks: readonly string[];
  /**
   * A kubeconfig to read the cluster through the Kubernetes API.
   * @default - the cluster is not read (unless `k8sDump` is given)
   */
  readonly kubeconfig?: string;
  /**
   * A directory of `kubectl get -o json` answers.
   * @default - the cluster is not read (unless `kubeconfig` is given)
   */
  readonly k8sDump?: string;
}

export interface LiveRead {
  readonly inventory: Inventory;
  readonly aws: AwsReadResult;
  readonly resources: readonly LiveCfnResource[];
  readonly gaps: readonly AuditGap[];
  readonly calls: readonly CallRecord[];
  readonly cluster?: {
    readonly source: string;
    readonly calls: readonly {
      readonly operation: string;
      readonly time: string;
      readonly outcome: string;
    }[];
  };
  /** The deployed templates, by stack name, parsed (the default drift baseline). */
  readonly templates: Readonly<Record<string, Record<string, unknown>>>;
  readonly flowSpec?: FlowSpec;
  readonly startedAt: string;
}

export async function readLive(options: LiveReadOptions): Promise<LiveRead> {
  const startedAt = new Date().toISOString();
  const session = new AwsSession(options.aws);
  let aws: AwsReadResult;
  try {
    aws = await readAws(session, options.stacks);
  } finally {
    await session.close();
  }
  const gaps: AuditGap[] = [...aws.gaps];

  const manifests: ManifestInput[] = [];
  const inputs: InputSource[] = options.stacks.map((name) => ({
    path: `aws://${options.aws.region}/${name}`,
    kind: 'cloudformation' as const,
  }));
  let cluster: LiveRead['cluster'];
  if (options.kubeconfig !== undefined) {
    const read = await readCluster(options.kubeconfig);
    for (const o of read.objects)
      manifests.push({
        object: o.object,
        location: { file: `${read.server}/${o.source}`, path: `items.${o.index}` },
      });
    for (const g of read.gaps) gaps.push({ type: g.kind, id: read.server, reason: g.reason });
    inputs.push({ path: read.server, kind: 'kubernetes' });
    cluster = { source: read.server, calls: read.calls };
  } else if (options.k8sDump !== undefined) {
    for (const o of await readDump(options.k8sDump))
      manifests.push({ object: o.object, location: { file: o.file, path: `items.${o.index}` } });
    inputs.push({ path: options.k8sDump, kind: 'kubernetes' });
    cluster = { source: options.k8sDump, calls: [] };
  }

  const templates: Record<string, Record<string, unknown>> = {};
  for (const stack of aws.stacks) {
    const parsed = parseDeployedTemplate(stack.template);
    if (parsed instanceof UnreadTemplate)
      // Neither its flow spec nor the drift baseline it would give is known: unknown, never skipped quietly.
      gaps.push({
        type: 'AWS::CloudFormation::Stack',
        id: stack.name,
        stack: stack.name,
        reason: `the deployed template of ${stack.name} is not read: ${parsed.reason}`,
      });
    else if (parsed) templates[stack.name] = parsed;
  }
  // The flow spec the generator embedded in the deployed template, read and checked by the template path.
  const flowSpec =
    Object.keys(templates).length > 0 ? inventoryFromObjects({ templates }).flowSpec : undefined;

  const k8s = buildInventory({ stacks: [], manifests, inputs });
  const inventory: Inventory = {
    ...k8s,
    cfn: aws.resources,
    stackMetadata: {},
    ...(flowSpec ? { flowSpec } : {}),
  };
  return {
    inventory,
    aws,
    resources: aws.resources,
    gaps,
    calls: session.calls,
    ...(cluster ? { cluster } : {}),
    templates,
    ...(flowSpec ? { flowSpec } : {}),
    startedAt,
  };
}
