/**
 * Which inputs name a target group: a value that stands for its ARN (a `Ref`, an ARN joined around one, a
 * literal ARN whose name segment is the group's literal `Name`) or its name. Used by the registration control
 * to tie ECS services, Auto Scaling groups, listeners and TargetGroupBindings to the groups they fill or use.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ResourceRef, SymbolicString, Unknown, type SymbolicValue } from '../../inventory/values.js';
import { isObject, isUnknownValue, listOf, prop, resourceByKey, show, stringOf } from '../network/cfn.js';

/** Whether a value names the target group, and how; `undetermined` says why the inputs cannot tell. */
export type Naming =
  | { readonly kind: 'names'; readonly how: string }
  | { readonly kind: 'other'; readonly what: string }
  | { readonly kind: 'undetermined'; readonly reason: string };

const names = (how: string): Naming => ({ kind: 'names', how });
const other = (what: string): Naming => ({ kind: 'other', what });
const undetermined = (reason: string): Naming => ({ kind: 'undetermined', reason });

/** A value that names nothing (`what` is not set) or that the inputs leave open; undefined otherwise. */
function unsetOrUndetermined(v: SymbolicValue | undefined, what: string): Naming | undefined {
  if (v === undefined || v === null || v === '') return other(`${what} is not set`);
  if (v instanceof Unknown) return undetermined(`${what} is not determined: ${v.reason}`);
  return undefined;
}

/** A reference to some other resource: another one of the inputs, or one outside them (which could be anything). */
function referenceElsewhere(inventory: Inventory, target: string, what: string): Naming {
  return resourceByKey(inventory, target)
    ? other(`${what} refers to ${target}`)
    : undetermined(`${what} refers to ${target}, which is not in the inputs`);
}

/** The name segment of a target group ARN (`…:targetgroup/<name>/<id>`). */
const ARN_NAME = /(?:^|:)targetgroup\/([^/]+)\//;

/**
 * Compares a literal name with the group's `Name`. A group without one gets a generated name that no input can
 * know in advance, so a literal can be neither tied to it nor ruled out.
 */
export function comparedWithName(tg: CfnResource, literal: string, what: string): Naming {
  const name = stringOf(prop(tg, 'Name'), 'Name');
  if (isUnknownValue(name))
    return undetermined(
      `${what} is '${literal}' and the target group's Name is undetermined (${name.reason})`,
    );
  if (name === undefined)
    return undetermined(
      `${what} is '${literal}', and the target group has no Name (CloudFormation generates one), so it cannot be tied to it`,
    );
  return name === literal ? names(`${what} '${literal}'`) : other(`${what} '${literal}'`);
}

/** Whether `v`, written where a target group ARN is expected, stands for `tg`. */
export function namesByArn(
  inventory: Inventory,
  v: SymbolicValue | undefined,
  tg: CfnResource,
  what: string,
): Naming {
  const open = unsetOrUndetermined(v, what);
  if (open) return open;
  if (v instanceof ResourceRef) {
    if (v.target !== tg.key) return referenceElsewhere(inventory, v.target, what);
    return v.attribute === undefined || v.attribute === 'TargetGroupArn'
      ? names(`${what} (a reference to ${tg.logicalId})`)
      : other(`${what} is ${tg.logicalId}'s ${v.attribute}, not its ARN`);
  }
  if (v instanceof SymbolicString) {
    // An ARN assembled around a reference to the group (Fn::Join, Fn::Sub) stands for it.
    if (v.parts.some((p) => p instanceof ResourceRef && p.target === tg.key))
      return names(`${what} (built from a reference to ${tg.logicalId})`);
    const literalName = v.parts
      .map((p) => (typeof p === 'string' ? ARN_NAME.exec(p)?.[1] : undefined))
      .find((n) => n !== undefined);
    return literalName !== undefined
      ? comparedWithName(tg, literalName, `${what}'s name segment`)
      : undetermined(`${what} is ${show(v)}, which the inputs do not determine`);
  }
  if (typeof v === 'string') {
    const literalName = ARN_NAME.exec(v)?.[1];
    return literalName !== undefined
      ? comparedWithName(tg, literalName, `${what}'s name segment`)
      : other(`${what} '${v}' is not a target group ARN`);
  }
  return undetermined(`${what} is ${show(v)}, which the inputs do not determine`);
}

/** Whether `v`, written where a target group name is expected, stands for `tg`. */
export function namesByName(
  inventory: Inventory,
  v: SymbolicValue | undefined,
  tg: CfnResource,
  what: string,
): Naming {
  const open = unsetOrUndetermined(v, what);
  if (open) return open;
  if (typeof v === 'string') return comparedWithName(tg, v, what);
  if (v instanceof ResourceRef) {
    if (v.target !== tg.key) return referenceElsewhere(inventory, v.target, what);
    return v.attribute === 'TargetGroupName'
      ? names(`${what} (${tg.logicalId}'s TargetGroupName)`)
      : other(`${what} is ${show(v)}, not the group's name`);
  }
  return undetermined(`${what} is ${show(v)}, which the inputs do not determine`);
}

/** Listeners and listener rules whose actions forward to the target group (certain references only). */
export function forwardersOf(
  inventory: Inventory,
  tg: CfnResource,
  candidates: readonly CfnResource[],
): CfnResource[] {
  return candidates.filter((r) => {
    const path = r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' ? 'Actions' : 'DefaultActions';
    const actions = listOf(prop(r, path), path);
    if (isUnknownValue(actions)) return false;
    return (actions ?? []).some((action) => {
      if (!isObject(action)) return false;
      const weighted = isObject(action.ForwardConfig) ? listOf(action.ForwardConfig.TargetGroups) : undefined;
      const arns = [
        action.TargetGroupArn,
        ...(Array.isArray(weighted) ? weighted.map((t) => (isObject(t) ? t.TargetGroupArn : undefined)) : []),
      ];
      return arns.some((arn) => namesByArn(inventory, arn, tg, 'TargetGroupArn').kind === 'names');
    });
  });
}
