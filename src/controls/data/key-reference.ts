/**
 * What a KMS key property names, resolved against the inventory: nothing, a customer-managed key, an AWS
 * managed key, or a key the input does not determine. AWS managed keys are known by their aliases only
 * (`aws/<service>`, `alias/aws/<service>`, or either inside an alias ARN); a bare key id or key ARN outside the
 * input may be either kind, so it is undetermined rather than assumed to be the customer's.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ResourceRef, SymbolicString, Unknown, type SymbolicValue } from '../../inventory/values.js';
import { prop, resourceByKey, resourcesOfType, show } from '../network/cfn.js';

export type KeyReference =
  | { readonly kind: 'none' }
  | { readonly kind: 'undetermined'; readonly reason: string }
  | { readonly kind: 'aws-managed' | 'customer'; readonly text: string };

/** `aws/s3`, `alias/aws/s3`, `arn:aws:kms:eu-west-1:111111111111:alias/aws/s3`. */
const AWS_MANAGED_ALIAS = /(^|:)(alias\/)?aws\//;
/** Multi-Region keys are always customer managed; their ids start with `mrk-`. */
const MULTI_REGION_KEY = /(^|key\/)mrk-[0-9a-f]{32}$/;

function aliasName(text: string): string | undefined {
  const m = /(?:^|:)(alias\/.+)$/.exec(text);
  return m?.[1];
}

/** The key a `Ref`/`Fn::GetAtt` points at, classified by the referenced resource. */
function referenced(inventory: Inventory, ref: ResourceRef, text: string): KeyReference {
  const target = resourceByKey(inventory, ref.target);
  if (target?.type === 'AWS::KMS::Key' || target?.type === 'AWS::KMS::ReplicaKey')
    return { kind: 'customer', text };
  if (target?.type === 'AWS::KMS::Alias') {
    const name = prop(target, 'AliasName');
    return typeof name === 'string' && AWS_MANAGED_ALIAS.test(name)
      ? { kind: 'aws-managed', text: name }
      : { kind: 'customer', text };
  }
  return {
    kind: 'undetermined',
    reason: target
      ? `${text} is an attribute of ${target.type} ${target.key}, not a KMS key the input defines`
      : `${text} is not in the input`,
  };
}

function aliasInInventory(inventory: Inventory, name: string): CfnResource | undefined {
  return resourcesOfType(inventory, 'AWS::KMS::Alias').find((a) => prop(a, 'AliasName') === name);
}

export function keyReference(inventory: Inventory, v: SymbolicValue | undefined): KeyReference {
  if (v === undefined || v === null || v === '') return { kind: 'none' };
  if (v instanceof Unknown) return { kind: 'undetermined', reason: v.reason };
  const text = show(v);
  if (v instanceof ResourceRef) return referenced(inventory, v, text);
  if (typeof v !== 'string' && !(v instanceof SymbolicString))
    return { kind: 'undetermined', reason: `the key is ${text}` };
  const literal = typeof v === 'string' ? v : v.toString();
  if (AWS_MANAGED_ALIAS.test(literal)) return { kind: 'aws-managed', text };
  if (v instanceof SymbolicString) {
    // An ARN joined around a reference names the referenced key or alias.
    const ref = v.parts.find((p): p is ResourceRef => p instanceof ResourceRef);
    if (ref) return referenced(inventory, ref, text);
  }
  const alias = aliasName(literal);
  if (alias !== undefined)
    return aliasInInventory(inventory, alias)
      ? { kind: 'customer', text }
      : {
          kind: 'undetermined',
          reason: `${text} is not an alias the input defines, so whether it names a customer-managed key is not determined`,
        };
  if (MULTI_REGION_KEY.test(literal)) return { kind: 'customer', text };
  return {
    kind: 'undetermined',
    reason: `${text} is a key the input does not define: its id or ARN does not tell a customer-managed key from an AWS managed one`,
  };
}
