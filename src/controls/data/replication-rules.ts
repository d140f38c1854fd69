/**
 * A bucket's replication rules as the replication controls read them: the enabled ones to judge, and the ones
 * whose shape or status the input leaves undetermined (which keep a control from passing).
 */
import type { CfnResource } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { isObject, isUnknownValue, listOf, prop, show, stringOf } from '../network/cfn.js';

export type ReplicationRule = { readonly [key: string]: SymbolicValue };

/** Where the rules are, as a path in the bucket's properties. */
export const RULES_PATH = 'ReplicationConfiguration.Rules';

export interface Undetermined {
  readonly message: string;
  readonly path: string;
}

export type ReplicationRules =
  /** The bucket has no replication configuration. */
  | { readonly kind: 'absent' }
  /** The configuration or its rule list is not determined. */
  | ({ readonly kind: 'undetermined' } & Undetermined)
  | {
      readonly kind: 'rules';
      readonly enabled: readonly {
        readonly rule: ReplicationRule;
        readonly index: number;
        readonly path: string;
      }[];
      /** Rules that are not objects, or whose Status is not determined. */
      readonly undetermined: readonly Undetermined[];
    };

export function replicationRules(bucket: CfnResource): ReplicationRules {
  const configuration = prop(bucket, 'ReplicationConfiguration');
  if (configuration === undefined) return { kind: 'absent' };
  if (!isObject(configuration))
    return {
      kind: 'undetermined',
      message: `the replication configuration is ${show(configuration)}`,
      path: 'ReplicationConfiguration',
    };
  const rules = listOf(configuration.Rules, 'Rules');
  if (isUnknownValue(rules))
    return { kind: 'undetermined', message: `the replication rules: ${rules.reason}`, path: RULES_PATH };
  const enabled: { rule: ReplicationRule; index: number; path: string }[] = [];
  const undetermined: Undetermined[] = [];
  for (const [index, raw] of (rules ?? []).entries()) {
    const path = `${RULES_PATH}.${index}`;
    if (!isObject(raw)) {
      undetermined.push({ message: `rule ${index} is ${show(raw)}`, path });
      continue;
    }
    const status = stringOf(raw.Status, 'Status');
    if (isUnknownValue(status))
      undetermined.push({ message: `rule ${index}: Status: ${status.reason}`, path: `${path}.Status` });
    else if (status === 'Enabled') enabled.push({ rule: raw as ReplicationRule, index, path });
  }
  return { kind: 'rules', enabled, undetermined };
}
