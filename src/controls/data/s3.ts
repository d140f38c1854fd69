/** Reading S3 buckets, their policies and their roles (access-log target, backups) from the inventory. */
import { TAG_DATA_CLASSIFICATION } from '../../contract/keys.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import {
  certain,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  related,
  resourcesOfType,
  show,
  target,
  Unknown,
} from '../network/cfn.js';

export type Statement = { readonly [key: string]: SymbolicValue };

/** A value or list of values as a list. */
export function asList(v: SymbolicValue | undefined): readonly SymbolicValue[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? (v as readonly SymbolicValue[]) : [v];
}

/** Statements of a policy document; Unknown when the document or its statement list is symbolic. */
export function statementsOf(policy: SymbolicValue | undefined): Statement[] | Unknown {
  if (policy === undefined) return [];
  if (!isObject(policy)) return new Unknown(`the policy document is ${show(policy)}`);
  const raw = policy.Statement;
  if (isObject(raw)) return [raw];
  const list = listOf(raw, 'Statement');
  if (isUnknownValue(list)) return list;
  const out: Statement[] = [];
  for (const s of list ?? []) {
    if (!isObject(s)) return new Unknown(`a statement is ${show(s)}`);
    out.push(s);
  }
  return out;
}

/** Bucket policies attached to a bucket, with their statements. */
export function bucketPolicies(
  inventory: Inventory,
  bucket: CfnResource,
): { policies: CfnResource[]; statements: Statement[]; undetermined: string[] } {
  const policies: CfnResource[] = [];
  const statements: Statement[] = [];
  const undetermined: string[] = [];
  for (const [p, same] of related(inventory, 'AWS::S3::BucketPolicy', 'Bucket', bucket, 'BucketName')) {
    if (isUnknownValue(same)) {
      undetermined.push(`${p.key} (bucket ${show(prop(p, 'Bucket'))})`);
      continue;
    }
    if (!same) continue;
    if (!certain(p)) {
      undetermined.push(`${p.key} (its Condition cannot be evaluated)`);
      continue;
    }
    policies.push(p);
    const s = statementsOf(prop(p, 'PolicyDocument'));
    if (isUnknownValue(s)) undetermined.push(`${p.key}: ${s.reason}`);
    else statements.push(...s);
  }
  return { policies, statements, undetermined };
}

/** Whether a statement's principal is everyone (`*` or `{AWS: '*'}`). */
export function isEveryone(principal: SymbolicValue | undefined): boolean {
  if (principal === '*') return true;
  return isObject(principal) && asList(principal.AWS).includes('*');
}

/** Condition values for a key under any operator in `operators` (keys compared case-insensitively). */
export function conditionValues(
  statement: Statement,
  operators: readonly string[],
  key: string,
): SymbolicValue[] {
  const condition = statement.Condition;
  if (!isObject(condition)) return [];
  const values: SymbolicValue[] = [];
  for (const [op, body] of Object.entries(condition)) {
    if (!operators.includes(op) || !isObject(body)) continue;
    for (const [k, v] of Object.entries(body))
      if (k.toLowerCase() === key.toLowerCase()) values.push(...asList(v));
  }
  return values;
}

/** Buckets that receive another bucket's server access logs (they cannot use SSE-KMS nor log to themselves). */
const logTargets = new WeakMap<Inventory, Set<string>>();

export function logTargetBuckets(inventory: Inventory): Set<string> {
  const cached = logTargets.get(inventory);
  if (cached) return cached;
  const targets = new Set<string>();
  logTargets.set(inventory, targets);
  for (const b of resourcesOfType(inventory, 'AWS::S3::Bucket')) {
    const t = target(inventory, prop(b, 'LoggingConfiguration.DestinationBucketName'));
    if (t) targets.add(t.key);
  }
  return targets;
}

const cloudFrontTargets = new WeakMap<Inventory, Set<string>>();

/** Buckets CloudFront's standard (legacy) logging writes to: that delivery needs ACLs on the bucket. */
export function cloudFrontLogBuckets(inventory: Inventory): Set<string> {
  const cached = cloudFrontTargets.get(inventory);
  if (cached) return cached;
  const targets = new Set<string>();
  for (const d of resourcesOfType(inventory, 'AWS::CloudFront::Distribution')) {
    const t = target(inventory, prop(d, 'DistributionConfig.Logging.Bucket'));
    if (t?.type === 'AWS::S3::Bucket') targets.add(t.key);
  }
  cloudFrontTargets.set(inventory, targets);
  return targets;
}

/**
 * Whether a bucket holds backups: the `vectorfort:data-classification` tag says `backups`, or, without that
 * tag, its logical id or name mentions backups and it is not an access-log bucket.
 */
export function isBackupBucket(inventory: Inventory, bucket: CfnResource): boolean {
  const classification = bucket.tags[TAG_DATA_CLASSIFICATION];
  if (classification !== undefined) return classification === 'backups';
  if (logTargetBuckets(inventory).has(bucket.key)) return false;
  const name = prop(bucket, 'BucketName');
  return /backup/i.test(bucket.logicalId) || (typeof name === 'string' && /backup/i.test(name));
}

/** The bucket name in a literal bucket ARN (`arn:aws:s3:::name`); undefined for anything else. */
export function bucketNameOfArn(value: SymbolicValue | undefined): string | undefined {
  return typeof value === 'string' ? /^arn:[^:]+:s3:::([^/]+)$/.exec(value)?.[1] : undefined;
}

/** The bucket of the input a literal ARN (`arn:aws:s3:::name`) names. */
export function bucketByArn(inventory: Inventory, value: SymbolicValue | undefined): CfnResource | undefined {
  const name = bucketNameOfArn(value);
  if (name === undefined) return undefined;
  return resourcesOfType(inventory, 'AWS::S3::Bucket').find((b) => prop(b, 'BucketName') === name);
}
