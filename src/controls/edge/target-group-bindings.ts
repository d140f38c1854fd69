/**
 * TargetGroupBindings of the AWS Load Balancer Controller: which target group each one fills, and whether its
 * target type fits the group's. Bindings may come from manifest files or from the manifests a template applies
 * (where the target group ARN is often a `Ref`, kept symbolic by the inventory).
 */
import type { CfnResource, Inventory, K8sObject } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { isObject, isUnknownValue, prop, resourceByKey, show, stringOf } from '../network/cfn.js';
import { namesByArn, namesByName, type Naming } from './target-groups.js';

export const TARGET_GROUP_BINDING_API_VERSIONS: readonly string[] = [
  'elbv2.k8s.aws/v1beta1',
  'elbv2.k8s.aws/v1',
];

/** The target types the controller registers (it cannot fill lambda or alb groups). */
export const CONTROLLER_TARGET_TYPES: readonly string[] = ['ip', 'instance'];

/**
 * The TargetGroupBindings in the inputs. An object declared twice (in a manifest file and in a template) counts
 * once, by its first declaration, as for every other control; VF-K8S-013 reports copies that differ.
 */
export function targetGroupBindings(inventory: Inventory): K8sObject[] {
  return inventory.k8s.filter(
    (o) => o.kind === 'TargetGroupBinding' && TARGET_GROUP_BINDING_API_VERSIONS.includes(o.apiVersion),
  );
}

/** `namespace/name` of a binding, as findings and messages name Kubernetes objects. */
export function bindingId(o: K8sObject): string {
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}

/**
 * Which group the binding names. The controller resolves targetGroupName only when targetGroupARN is empty, so
 * the ARN decides when both are given.
 */
export function bindingNaming(inventory: Inventory, binding: K8sObject, tg: CfnResource): Naming {
  const spec = binding.object.spec as SymbolicValue | undefined;
  if (!isObject(spec))
    return { kind: 'undetermined', reason: `${bindingId(binding)} has spec ${show(spec)}` };
  const id = `TargetGroupBinding ${bindingId(binding)}`;
  const arn = spec.targetGroupARN;
  if (arn !== undefined && arn !== null && arn !== '')
    return namesByArn(inventory, arn, tg, `${id} spec.targetGroupARN`);
  return namesByName(inventory, spec.targetGroupName, tg, `${id} spec.targetGroupName`);
}

/** Why a binding that names the group cannot fill it (target type), `unknown` when that is undetermined. */
export function targetTypeProblem(
  binding: K8sObject,
  tg: CfnResource,
): { readonly status: 'fail' | 'unknown'; readonly message: string } | undefined {
  const id = `TargetGroupBinding ${bindingId(binding)}`;
  const written = stringOf(prop(tg, 'TargetType'), 'TargetType');
  if (isUnknownValue(written))
    return { status: 'unknown', message: `${tg.logicalId}'s TargetType is undetermined (${written.reason})` };
  // CloudFormation's default target type is instance.
  const groupType = written ?? 'instance';
  const groupTypeText = `${groupType}${written === undefined ? ' (the default)' : ''}`;
  if (!CONTROLLER_TARGET_TYPES.includes(groupType))
    return {
      status: 'fail',
      message: `${id} names ${tg.logicalId}, whose TargetType is ${groupType}: the AWS Load Balancer Controller registers only ip and instance targets`,
    };
  const spec = binding.object.spec as SymbolicValue | undefined;
  const bindingType = isObject(spec) ? stringOf(spec.targetType, 'spec.targetType') : undefined;
  if (isUnknownValue(bindingType))
    return { status: 'unknown', message: `${id} spec.targetType is undetermined (${bindingType.reason})` };
  if (bindingType !== undefined && bindingType !== groupType)
    return {
      status: 'fail',
      message: `${id} sets spec.targetType ${bindingType}, but ${tg.logicalId}'s TargetType is ${groupTypeText}: the controller rejects the binding and registers nothing`,
    };
  return undefined;
}

/** Whether the template resource that applies an embedded binding is certainly created (always, for files). */
export function bindingCertain(inventory: Inventory, binding: K8sObject): boolean {
  if (binding.embeddedIn === undefined) return true;
  return resourceByKey(inventory, binding.embeddedIn)?.condition === true;
}
