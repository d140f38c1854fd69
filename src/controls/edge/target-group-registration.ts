/**
 * Availability: every target group has a way to get targets. A listener that forwards to a group nothing fills
 * answers 503 to every request, which no other check notices before deployment.
 */
import type { CfnResource, Inventory, K8sObject } from '../../inventory/model.js';
import {
  certain,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  show,
  stringOf,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import {
  CONTROLLER_TARGET_TYPES,
  bindingCertain,
  bindingNaming,
  targetGroupBindings,
  targetTypeProblem,
} from './target-group-bindings.js';
import { forwardersOf, namesByArn, type Naming } from './target-groups.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/** Something in the inputs that registers targets; `certain` is false when it may not be created. */
interface Registration {
  readonly message: string;
  readonly certain: boolean;
}

/** What the inputs say about one target group, gathered before the verdict. */
interface Evidence {
  readonly registrations: Registration[];
  /** Bindings that name the group but cannot fill it. */
  readonly problems: string[];
  /** Why a possible registration cannot be tied to the group, or ruled out. */
  readonly undetermined: string[];
  /** Bindings that name some other group, for the failure message. */
  readonly elsewhere: string[];
}

function label(tg: CfnResource): string {
  const name = stringOf(prop(tg, 'Name'), 'Name');
  return typeof name === 'string' ? `target group ${tg.logicalId} (${name})` : `target group ${tg.logicalId}`;
}

function record(evidence: Evidence, naming: Naming, registration: Registration): void {
  if (naming.kind === 'names') evidence.registrations.push(registration);
  else if (naming.kind === 'undetermined') evidence.undetermined.push(naming.reason);
}

/** Registrations through a list of target group ARNs on another resource (ECS load balancers, Auto Scaling). */
function arnLists(inventory: Inventory, tg: CfnResource, evidence: Evidence): void {
  for (const service of resourcesOfType(inventory, 'AWS::ECS::Service')) {
    const entries = listOf(prop(service, 'LoadBalancers'), 'LoadBalancers');
    if (isUnknownValue(entries)) {
      evidence.undetermined.push(`${service.logicalId} LoadBalancers: ${entries.reason}`);
      continue;
    }
    (entries ?? []).forEach((entry, i) => {
      const what = `${service.logicalId} LoadBalancers.${i}.TargetGroupArn`;
      const arn = isObject(entry) ? entry.TargetGroupArn : entry;
      record(evidence, namesByArn(inventory, arn, tg, what), {
        message: `ECS service ${service.logicalId} registers its tasks`,
        certain: certain(service),
      });
    });
  }
  for (const group of resourcesOfType(inventory, 'AWS::AutoScaling::AutoScalingGroup')) {
    const arns = listOf(prop(group, 'TargetGroupARNs'), 'TargetGroupARNs');
    if (isUnknownValue(arns)) {
      evidence.undetermined.push(`${group.logicalId} TargetGroupARNs: ${arns.reason}`);
      continue;
    }
    (arns ?? []).forEach((arn, i) =>
      record(evidence, namesByArn(inventory, arn, tg, `${group.logicalId} TargetGroupARNs.${i}`), {
        message: `Auto Scaling group ${group.logicalId} registers its instances`,
        certain: certain(group),
      }),
    );
  }
}

function bindings(
  inventory: Inventory,
  all: readonly K8sObject[],
  tg: CfnResource,
  evidence: Evidence,
): void {
  // A binding cannot fill a lambda or alb group whatever it names, so one that might name it decides nothing.
  const type = stringOf(prop(tg, 'TargetType'), 'TargetType') ?? 'instance';
  const bindable = typeof type !== 'string' || CONTROLLER_TARGET_TYPES.includes(type);
  for (const binding of all) {
    const naming = bindingNaming(inventory, binding, tg);
    if (naming.kind === 'other') evidence.elsewhere.push(naming.what);
    if (naming.kind === 'undetermined' && bindable) evidence.undetermined.push(naming.reason);
    if (naming.kind !== 'names') continue;
    const problem = targetTypeProblem(binding, tg);
    if (problem?.status === 'fail') evidence.problems.push(problem.message);
    else if (problem) evidence.undetermined.push(problem.message);
    else
      evidence.registrations.push({
        message: `${naming.how} names it: the AWS Load Balancer Controller registers the targets`,
        certain: bindingCertain(inventory, binding),
      });
  }
}

function gather(inventory: Inventory, allBindings: readonly K8sObject[], tg: CfnResource): Evidence {
  const evidence: Evidence = { registrations: [], problems: [], undetermined: [], elsewhere: [] };
  const targets = listOf(prop(tg, 'Targets'), 'Targets');
  if (isUnknownValue(targets)) evidence.undetermined.push(`Targets: ${targets.reason}`);
  else if (targets && targets.length > 0) {
    const first = targets[0];
    const lambda = stringOf(prop(tg, 'TargetType'), 'TargetType') === 'lambda';
    evidence.registrations.push({
      message:
        lambda && isObject(first)
          ? `Targets has the function ${show(first.Id)}`
          : `Targets lists ${targets.length} target${targets.length === 1 ? '' : 's'}`,
      certain: true,
    });
  }
  arnLists(inventory, tg, evidence);
  bindings(inventory, allBindings, tg, evidence);
  return evidence;
}

function remedy(tg: CfnResource): string {
  const name = stringOf(prop(tg, 'Name'), 'Name');
  const type = stringOf(prop(tg, 'TargetType'), 'TargetType') ?? 'instance';
  const byName =
    typeof name === 'string'
      ? `spec.targetGroupName '${name}' (or spec.targetGroupARN the group's ARN)`
      : `spec.targetGroupARN the group's ARN (or give the group a Name and bind it with spec.targetGroupName)`;
  return type === 'lambda'
    ? 'List the function in Targets.'
    : `Add a TargetGroupBinding (AWS Load Balancer Controller) with ${byName}${typeof type === 'string' ? ` and spec.targetType ${type}` : ''}, or list the targets in Targets.`;
}

function verdict(
  inventory: Inventory,
  allBindings: readonly K8sObject[],
  tg: CfnResource,
  forwarders: readonly CfnResource[],
): ControlResult {
  const evidence = gather(inventory, allBindings, tg);
  if (evidence.problems.length) return result(tg, 'fail', evidence.problems.join('; '));
  const sure = evidence.registrations.filter((r) => r.certain);
  if (sure.length) return result(tg, 'pass', sure.map((r) => r.message).join('; '));
  if (evidence.registrations.length)
    return result(
      tg,
      'unknown',
      `${evidence.registrations.map((r) => r.message).join('; ')}, but only under a Condition that cannot be evaluated`,
    );
  if (evidence.undetermined.length) {
    const unnamed = prop(tg, 'Name') === undefined ? ' (it has no Name a binding could match)' : '';
    return result(
      tg,
      'unknown',
      `nothing in the inputs is known to register targets in ${label(tg)}${unnamed}: ${evidence.undetermined.join('; ')}`,
    );
  }
  const elsewhere = evidence.elsewhere.length ? ` (${evidence.elsewhere.join('; ')})` : '';
  if (forwarders.length)
    return result(
      tg,
      'fail',
      `${forwarders.map((f) => f.logicalId).join(', ')} forward${forwarders.length === 1 ? 's' : ''} to ${label(tg)}, but nothing in the inputs registers targets in it${elsewhere}: the load balancer answers 503 to every request. ${remedy(tg)}`,
    );
  if (inventory.k8s.length)
    return result(
      tg,
      'fail',
      `Kubernetes manifests are among the inputs, but no TargetGroupBinding, ECS service, Auto Scaling group or Targets entry registers targets in ${label(tg)}${elsewhere}. ${remedy(tg)}`,
    );
  return result(
    tg,
    'unknown',
    `nothing in the inputs registers targets in ${label(tg)}, no listener in them forwards to it and they hold no Kubernetes objects: targets may be registered outside these inputs (a cluster's manifests, another stack)`,
  );
}

export const control: Control = {
  id: 'VF-EDGE-008',
  area: 'edge',
  title: 'Load balancer target groups have a registration path',
  severity: 'medium',
  rationale:
    'A target group is filled by something else: its own Targets, an ECS service, an Auto Scaling group, or a TargetGroupBinding that the AWS Load Balancer Controller turns into registrations. A load balancer that forwards to a group nothing fills answers 503 to every request, and nothing else flags it before the deployment is live.',
  remediation:
    "Bind the group from the cluster with a TargetGroupBinding (elbv2.k8s.aws) naming it by spec.targetGroupName (the group's literal Name) or spec.targetGroupARN, with spec.targetType equal to the group's TargetType and spec.serviceRef the Service to expose; or list the targets (for lambda groups, the function) in Targets; or attach it to the ECS service or Auto Scaling group that runs the targets.",
  references: [
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
  ],
  frameworks: { 'nist-csf-2.0': ['PR.IR-03'], 'iso-27001-2022': ['A.8.14'], soc2: ['A1.2'] },
  appliesTo: [TARGET_GROUP],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const listeners = resourcesOfType(
      inventory,
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::ListenerRule',
    );
    // Found once, matched against every target group.
    const allBindings = targetGroupBindings(inventory);
    return resourcesOfType(inventory, TARGET_GROUP).map((tg) =>
      verdict(inventory, allBindings, tg, forwardersOf(inventory, tg, listeners)),
    );
  },
};
