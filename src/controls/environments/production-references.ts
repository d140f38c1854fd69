/** VF-ENV-003: no other environment references a production key or bucket. */
import { SymbolicString } from '../../inventory/values.js';
import { resourcesOfType } from '../network/cfn.js';
import type { ControlResult } from '../types.js';
import {
  environmentLocator,
  productionOf,
  type EnvironmentControl,
  type EnvironmentUnderCheck,
} from './types.js';

/** What names production's keys and buckets in another environment's templates and manifests. */
interface ProductionMarkers {
  readonly env: EnvironmentUnderCheck;
  /** Bucket names, key aliases and ARN prefixes, each with what it names. */
  readonly markers: readonly { readonly text: string; readonly names: string }[];
  /** Buckets named only at deploy time: a reference to them cannot be recognised by name. */
  readonly unnamedBuckets: number;
}

function markersOf(prod: EnvironmentUnderCheck): ProductionMarkers {
  const markers: { text: string; names: string }[] = [];
  let unnamedBuckets = 0;
  for (const bucket of resourcesOfType(prod.inventory, 'AWS::S3::Bucket')) {
    const name = bucket.properties.BucketName;
    if (typeof name === 'string') markers.push({ text: name, names: `bucket ${name} (${bucket.key})` });
    else unnamedBuckets++;
  }
  for (const alias of resourcesOfType(prod.inventory, 'AWS::KMS::Alias')) {
    const name = alias.properties.AliasName;
    if (typeof name === 'string') markers.push({ text: name, names: `key alias ${name} (${alias.key})` });
  }
  if (prod.account !== undefined)
    markers.push({ text: `:kms:${prod.region ?? ''}`, names: `a KMS key of account ${prod.account}` });
  return { env: prod, markers, unnamedBuckets };
}

/** Every string in a value, symbolic strings by their literal parts. */
function* strings(value: unknown, depth = 0): Generator<string> {
  if (depth > 64) return;
  if (typeof value === 'string') yield value;
  else if (value instanceof SymbolicString) yield value.parts.filter((p) => typeof p === 'string').join('');
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, depth + 1);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) yield* strings(v, depth + 1);
}

function referencesIn(env: EnvironmentUnderCheck, prod: ProductionMarkers): string[] {
  const found = new Set<string>();
  const crossAccount = env.account !== undefined && env.account !== prod.env.account;
  const scan = (where: string, value: unknown) => {
    for (const text of strings(value))
      for (const marker of prod.markers) {
        if (marker.text.startsWith(':kms:')) {
          // An account-qualified key ARN is production's only when this environment is in another account.
          if (crossAccount && text.includes(`arn:aws:kms:`) && text.includes(`:${prod.env.account}:`))
            found.add(`${where} names ${marker.names}`);
        } else if (
          text === marker.text ||
          text.includes(`:::${marker.text}`) ||
          text.includes(`/${marker.text}`)
        )
          found.add(`${where} names ${marker.names}`);
      }
  };
  for (const r of env.inventory.cfn) scan(r.key, r.properties);
  for (const o of env.inventory.k8s) scan(o.key, o.object);
  return [...found].sort();
}

export const control: EnvironmentControl = {
  id: 'VF-ENV-003',
  area: 'environment',
  title: 'No other environment references a production key or bucket',
  severity: 'critical',
  rationale:
    "A development or staging workload that can name production's KMS key or backup bucket is one IAM grant away from production's data; separation of environments means their data and keys are not shared.",
  remediation:
    "Give each environment its own keys and buckets (vectorfort creates them per environment); remove any production bucket name, key alias or key ARN from another environment's settings.",
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
    'https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/production-starter-organizational-units.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.31'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::KMS::Alias'],
  since: '0.1.0',
  check(environments): ControlResult[] {
    const productions = productionOf(environments).map(markersOf);
    const results: ControlResult[] = [];
    for (const env of environments.filter((e) => e.preset !== 'production')) {
      const resource = environmentLocator(env);
      const references = productions.flatMap((prod) => referencesIn(env, prod));
      if (references.length > 0) {
        results.push({ status: 'fail', resource, message: references.join('; ') });
        continue;
      }
      const unnamed = productions.reduce((n, p) => n + p.unnamedBuckets, 0);
      const accountUnknown =
        productions.some((p) => p.env.account === undefined) || env.account === undefined;
      if (accountUnknown) {
        results.push({
          status: 'unknown',
          resource,
          message: `the accounts are not stated, so a key ARN of production cannot be told from ${env.name}'s own`,
        });
        continue;
      }
      results.push({
        status: 'pass',
        resource,
        message: `${env.name} names none of production's buckets, key aliases or key ARNs`,
        ...(unnamed > 0
          ? {
              assumptions: [
                `${unnamed} production bucket(s) are named at deploy time; a name chosen then cannot appear in a template written before`,
              ],
            }
          : {}),
      });
    }
    return results;
  },
};
