/**
 * docs/flows.md, generated from the flow spec: every intended flow of the default blueprint and of the edge
 * options, with its protection in transit (who ends it, and why a plaintext flow is accepted).
 */
import { validateBlueprint } from '../blueprint/index.js';
import { deriveFlowSpec, type Flow } from '../flows/index.js';

/** Blueprints whose flows the table lists: the default, then what each exposure adds. */
const VARIANTS: readonly { readonly title: string; readonly blueprint: Record<string, unknown> }[] = [
  { title: 'Default blueprint (`exposure: private`, mesh, monitoring, Client VPN, alerting)', blueprint: {} },
  {
    title: 'Added by `exposure: alb` (internet-facing)',
    blueprint: {
      exposure: 'alb',
      edge: {
        domainName: 'weaviate.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/example',
      },
    },
  },
  {
    title: 'Added by `exposure: cloudfront`',
    blueprint: {
      exposure: 'cloudfront',
      edge: {
        domainName: 'weaviate.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/example',
      },
    },
  },
];

const PROTECTION = { mtls: 'mutual TLS', tls: 'TLS', none: 'plaintext' } as const;

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function row(f: Flow): string {
  const p = f.protection;
  const ports = f.toPort ? `${f.port}-${f.toPort}` : String(f.port);
  return `| ${f.id} | ${f.from} → ${f.to} | ${ports}/${f.protocol} | ${p ? PROTECTION[p.kind] : 'undeclared'} | ${p ? cell(p.terminatedBy) : ''} | ${cell(p?.acknowledged ?? '')} |`;
}

export function flowsMarkdown(): string {
  const lines = [
    '# Flows and their protection in transit',
    '',
    'Generated from the flow spec (`src/flows/`) by `npm run docs`; a test fails when this file is stale.',
    'Every intended flow, the layers aside, with how it is encrypted: **mutual TLS** (both ends prove a workload',
    'identity: the mesh), **TLS** (the receiver proves its identity), or **plaintext**, which is accepted only',
    'with the reason given here. VF-REACH-011 proves each declaration against the synthesized output; see',
    '[transit.md](transit.md).',
  ];
  const seen = new Set<string>();
  for (const variant of VARIANTS) {
    const spec = deriveFlowSpec(validateBlueprint(variant.blueprint, 'docs/flows.md'));
    const flows = spec.flows.filter((f) => !seen.has(f.id));
    for (const f of flows) seen.add(f.id);
    lines.push(
      '',
      `## ${variant.title}`,
      '',
      '| Flow | From → to | Port | Protection | Ended by | Why plaintext is accepted |',
      '|---|---|---|---|---|---|',
      ...flows.map(row),
    );
  }
  return `${lines.join('\n')}\n`;
}
