/**
 * docs/presets.md, generated from each preset's synthesized default deployment: what it costs a month, by kind of
 * resource, and what it protects, read from the resolved blueprint, so the comparison cannot drift from the code.
 */
import { replicaRegionOf, type Blueprint } from '../blueprint/index.js';
import type { CostEstimate, ResourceCost } from '../cost/index.js';

/** Where the comparison is written, relative to the repository root. */
export const PRESETS_DOC = 'docs/presets.md';

export interface PresetCost {
  readonly preset: string;
  readonly blueprint: Blueprint;
  readonly estimate: CostEstimate;
}

/** The kinds of resource the cost table groups by, in order; a type in none of them counts under "Other". */
const KINDS: readonly { readonly label: string; readonly types: readonly string[] }[] = [
  { label: 'EKS cluster', types: ['AWS::EKS::Cluster'] },
  { label: 'Nodes (EC2 and their volumes)', types: ['AWS::EKS::Nodegroup'] },
  { label: 'NAT gateways and their addresses', types: ['AWS::EC2::NatGateway', 'AWS::EC2::EIP'] },
  { label: 'Interface endpoints', types: ['AWS::EC2::VPCEndpoint'] },
  {
    label: 'Client VPN',
    types: ['AWS::EC2::ClientVpnEndpoint', 'AWS::EC2::ClientVpnTargetNetworkAssociation'],
  },
  { label: 'Flow logs', types: ['AWS::EC2::FlowLog'] },
  {
    label: 'Other log groups, metric filters, alarms',
    types: ['AWS::Logs::LogGroup', 'AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  },
  { label: 'GuardDuty', types: ['AWS::GuardDuty::Detector'] },
  { label: 'AWS Config', types: ['AWS::Config::ConfigurationRecorder', 'AWS::Config::ConfigRule'] },
  { label: 'CloudTrail data events', types: ['AWS::CloudTrail::Trail'] },
  { label: 'KMS keys', types: ['AWS::KMS::Key'] },
  { label: 'S3 buckets (backups, replica, logs)', types: ['AWS::S3::Bucket'] },
  { label: 'Secrets Manager', types: ['AWS::SecretsManager::Secret'] },
  { label: 'Log archive delivery (Firehose)', types: ['AWS::KinesisFirehose::DeliveryStream'] },
  {
    label: 'Alerting and rotation (Lambda, SNS, SQS, DynamoDB)',
    types: ['AWS::Lambda::Function', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::DynamoDB::Table'],
  },
];

const OTHER = 'Other';

function kindOf(resource: ResourceCost): string {
  return KINDS.find((k) => k.types.includes(resource.type))?.label ?? OTHER;
}

const money = (value: number): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Monthly cost of each kind in one estimate; unpriced resources are counted apart, never as zero. */
export function costByKind(estimate: CostEstimate): Map<string, { monthly: number; unpriced: number }> {
  const byKind = new Map<string, { monthly: number; unpriced: number }>();
  for (const r of estimate.resources) {
    if (r.outcome.status === 'free') continue;
    const entry = byKind.get(kindOf(r)) ?? { monthly: 0, unpriced: 0 };
    if (r.outcome.status === 'priced') entry.monthly += r.outcome.monthly;
    else entry.unpriced += 1;
    byKind.set(kindOf(r), entry);
  }
  return byKind;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], right: boolean): string[] {
  const align = header.map((_, i) => (i === 0 || !right ? '---' : '--:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

const nodes = (bp: Blueprint) =>
  bp.cluster.nodeGroups.map((g) => `${g.instanceTypes.join('/')} ×${g.desiredSize}`).join(', ');
const days = (values: readonly number[]) => {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? `${low} days` : `${low}–${high} days`;
};

/** What each preset protects, each row read from the resolved blueprint. */
const PROTECTIONS: readonly { readonly label: string; readonly value: (bp: Blueprint) => string }[] = [
  { label: 'NAT gateways (one per zone survives a zone)', value: (bp) => String(bp.network.natGateways) },
  {
    label: 'Weaviate replicas (three keep a Raft quorum when one zone fails)',
    value: (bp) => String(bp.weaviate.replicas),
  },
  {
    label: 'Client VPN for administrators (mutual TLS)',
    value: (bp) => (bp.adminAccess.clientVpn.enabled ? 'on' : 'off'),
  },
  {
    label: 'Log retention (flow logs, control plane, trail)',
    value: (bp) =>
      days([
        bp.network.flowLogs.retentionDays,
        bp.cluster.logRetentionDays,
        bp.detection.cloudTrail.logRetentionDays,
      ]),
  },
  {
    label: 'Load balancer deletion protection, key deletion window',
    value: (bp) => `${bp.edge.deletionProtection ? 'on' : 'off'}, ${bp.keys.deletionWindowDays} days`,
  },
  {
    label: 'Backup schedule (cron, UTC), retention',
    value: (bp) => `\`${bp.backup.schedule}\`, ${bp.backup.retentionDays} days`,
  },
  { label: 'Backups replicated to', value: (bp) => replicaRegionOf(bp) ?? 'none' },
  { label: 'Nodes (instance types × count)', value: nodes },
];

export function presetsMarkdown(costs: readonly PresetCost[]): string {
  const names = costs.map((c) => c.preset);
  const byKind = costs.map((c) => costByKind(c.estimate));
  const kinds = [...KINDS.map((k) => k.label), OTHER].filter((label) => byKind.some((m) => m.has(label)));
  const cell = (m: Map<string, { monthly: number; unpriced: number }>, label: string) => {
    const entry = m.get(label);
    if (!entry) return '–';
    return `${money(entry.monthly)}${entry.unpriced ? ` (+${entry.unpriced} unpriced)` : ''}`;
  };
  const regions = [...new Set(costs.map((c) => c.blueprint.environment.region))];
  const table0 = costs[0]?.estimate.priceTable;
  return [
    '# The presets side by side',
    '',
    'Generated by `npm run docs` from each preset synthesized with its defaults (private exposure) and priced with',
    `the bundled price table of ${table0?.date ?? 'unknown date'} and the default usage assumptions ([cost.md](cost.md));`,
    'a test fails when this file is stale. Produce the same for your own settings with',
    '`vectorfort cost --blueprint FILE`.',
    '',
    `## Monthly cost (USD, ${regions.join(', ')})`,
    '',
    ...table(
      ['', ...names],
      [
        ...kinds.map((label) => [label, ...byKind.map((m) => cell(m, label))]),
        ['**Total**', ...costs.map((c) => `**${money(c.estimate.total.monthly)}**`)],
        ['Resources left unpriced', ...costs.map((c) => String(c.estimate.total.unpriced.length))],
      ],
      true,
    ),
    '',
    'Exposing Weaviate adds the load balancer and web ACL (`exposure: alb`) or the CloudFront distribution',
    '(`exposure: cloudfront`); Shield Advanced (`edge.shieldAdvanced`) adds USD 3,000 a month per organisation.',
    '',
    '## What each preset protects',
    '',
    'Every preset keeps the network private, encrypts with customer-managed keys, runs the mesh with mutual TLS,',
    'and turns on GuardDuty, CloudTrail, Config and alerting. They differ in:',
    '',
    ...table(
      ['', ...names],
      PROTECTIONS.map((p) => [p.label, ...costs.map((c) => p.value(c.blueprint))]),
      false,
    ),
    '',
  ].join('\n');
}
