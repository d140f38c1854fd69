/**
 * VF-EDGE-008 beyond the catalog's status checks: what each finding says (the group, why, the fix), and the
 * registration paths whose evidence is partial — literal ARNs, conditional resources, other API versions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { control } from '../../src/controls/edge/target-group-registration.js';
import type { ControlResult } from '../../src/controls/types.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { ref, type Resources } from './fixtures/eks/template.js';
import {
  albForwardingTo,
  binding,
  embeddedBinding,
  gatewayService,
  TARGET_GROUP_NAME,
  targetGroup,
} from './fixtures/edge/target-group-registration.js';

const ARN = `arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/${TARGET_GROUP_NAME}/0123456789abcdef`;

function check(
  resources: Resources,
  manifests: Record<string, unknown>[] = [],
  sections: Record<string, unknown> = {},
): Map<string, ControlResult> {
  const inventory = inventoryFromObjects({
    templates: { App: { AWSTemplateFormatVersion: '2010-09-09', ...sections, Resources: resources } },
    manifests,
  });
  const results = control.check(inventory, { now: new Date('2026-11-22T00:00:00Z') });
  return new Map(results.map((r) => [r.resource.id.replace(/^App\//, ''), r]));
}

const statusAndMessage = (r: ControlResult | undefined) => [r?.status, r?.message] as const;

describe('VF-EDGE-008 target group registration', () => {
  it('is not applicable without target groups, even with bindings in the manifests', () => {
    assert.deepEqual([...check({ ...albForwardingTo() }, [binding({ targetGroupName: 'x' })]).keys()], []);
  });

  it('names the group, its listener and both fixes when nothing registers targets', () => {
    const [status, message] = statusAndMessage(
      check({ ...albForwardingTo('Tg'), Tg: targetGroup({ Name: TARGET_GROUP_NAME }) }, [gatewayService]).get(
        'Tg',
      ),
    );
    assert.equal(status, 'fail');
    assert.equal(
      message,
      "Https forwards to target group Tg (vf-ingress), but nothing in the inputs registers targets in it: the load balancer answers 503 to every request. Add a TargetGroupBinding (AWS Load Balancer Controller) with spec.targetGroupName 'vf-ingress' (or spec.targetGroupARN the group's ARN) and spec.targetType ip, or list the targets in Targets.",
    );
  });

  it('says which binding has the wrong target type', () => {
    const [status, message] = statusAndMessage(
      check(
        { ...albForwardingTo('Tg'), Tg: targetGroup({ Name: TARGET_GROUP_NAME, TargetType: 'instance' }) },
        [binding({ targetGroupName: TARGET_GROUP_NAME, targetType: 'ip' })],
      ).get('Tg'),
    );
    assert.equal(status, 'fail');
    assert.equal(
      message,
      "TargetGroupBinding istio-ingress/ingress sets spec.targetType ip, but Tg's TargetType is instance: the controller rejects the binding and registers nothing",
    );
  });

  it('passes a binding that leaves targetType to the controller', () => {
    const results = check({ ...albForwardingTo('Tg'), Tg: targetGroup({ Name: TARGET_GROUP_NAME }) }, [
      binding({ targetGroupName: TARGET_GROUP_NAME }),
    ]);
    assert.equal(results.get('Tg')?.status, 'pass');
  });

  it('fails a binding to a lambda group: the controller registers only ip and instance targets', () => {
    const results = check(
      {
        ...albForwardingTo('Tg'),
        Tg: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: { Name: TARGET_GROUP_NAME, TargetType: 'lambda' },
        },
      },
      [binding({ targetGroupName: TARGET_GROUP_NAME })],
    );
    assert.deepEqual(statusAndMessage(results.get('Tg')), [
      'fail',
      'TargetGroupBinding istio-ingress/ingress names Tg, whose TargetType is lambda: the AWS Load Balancer Controller registers only ip and instance targets',
    ]);
  });

  it('ties a literal ARN to the group by its name segment, and cannot tie it to an unnamed group', () => {
    const results = check(
      {
        ...albForwardingTo('Named', 'Unnamed'),
        Named: targetGroup({ Name: TARGET_GROUP_NAME }),
        Unnamed: targetGroup(),
      },
      [binding({ targetGroupARN: ARN, targetType: 'ip' })],
    );
    assert.equal(results.get('Named')?.status, 'pass');
    assert.deepEqual(statusAndMessage(results.get('Unnamed')), [
      'unknown',
      `nothing in the inputs is known to register targets in target group Unnamed (it has no Name a binding could match): TargetGroupBinding istio-ingress/ingress spec.targetGroupARN's name segment is '${TARGET_GROUP_NAME}', and the target group has no Name (CloudFormation generates one), so it cannot be tied to it`,
    ]);
  });

  it('lets targetGroupARN decide when a binding sets both fields', () => {
    const otherArn = ARN.replace(TARGET_GROUP_NAME, 'vf-other');
    const results = check(
      {
        ...albForwardingTo('Tg', 'Other'),
        Tg: targetGroup({ Name: TARGET_GROUP_NAME }),
        Other: targetGroup({ Name: 'vf-other' }),
      },
      [binding({ targetGroupARN: otherArn, targetGroupName: TARGET_GROUP_NAME })],
    );
    assert.equal(results.get('Other')?.status, 'pass');
    assert.equal(results.get('Tg')?.status, 'fail');
    assert.match(results.get('Tg')?.message ?? '', /spec\.targetGroupARN's name segment 'vf-other'/);
  });

  it('is unknown when the registering resource has a Condition that cannot be evaluated', () => {
    const sections = {
      Parameters: { Expose: { Type: 'String' } },
      Conditions: { Exposed: { 'Fn::Equals': [ref('Expose'), 'yes'] } },
    };
    const results = check(
      {
        ...albForwardingTo('Tg', 'EcsTg'),
        Tg: targetGroup(),
        EcsTg: targetGroup(),
        Binding: { ...embeddedBinding(ref('Tg')), Condition: 'Exposed' },
        Service: {
          Type: 'AWS::ECS::Service',
          Condition: 'Exposed',
          Properties: {
            LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8443, TargetGroupArn: ref('EcsTg') }],
          },
        },
      },
      [],
      sections,
    );
    assert.equal(results.get('Tg')?.status, 'unknown');
    assert.match(results.get('Tg')?.message ?? '', /only under a Condition that cannot be evaluated/);
    assert.equal(results.get('EcsTg')?.status, 'unknown');
  });

  it('ignores bindings of other API groups and versions', () => {
    const results = check({ ...albForwardingTo('Tg'), Tg: targetGroup({ Name: TARGET_GROUP_NAME }) }, [
      binding({ targetGroupName: TARGET_GROUP_NAME }, 'elbv2.k8s.aws/v1alpha1'),
      binding({ targetGroupName: TARGET_GROUP_NAME }, 'example.com/v1', 'lookalike'),
    ]);
    assert.equal(results.get('Tg')?.status, 'fail');
  });

  it('is unknown, saying why, when no listener forwards to the group and no Kubernetes objects are given', () => {
    assert.deepEqual(statusAndMessage(check({ Tg: targetGroup({ Name: TARGET_GROUP_NAME }) }).get('Tg')), [
      'unknown',
      "nothing in the inputs registers targets in target group Tg (vf-ingress), no listener in them forwards to it and they hold no Kubernetes objects: targets may be registered outside these inputs (a cluster's manifests, another stack)",
    ]);
  });

  it('counts forwarding from listener rules, and plain TargetGroupArn actions', () => {
    const results = check({
      ...albForwardingTo(),
      Rule: {
        Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        Properties: {
          ListenerArn: ref('Https'),
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/v1/*'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: ref('Tg') }],
        },
      },
      Tg: targetGroup(),
    });
    assert.equal(results.get('Tg')?.status, 'fail');
    assert.match(results.get('Tg')?.message ?? '', /^Rule forwards to target group Tg,/);
  });
});
