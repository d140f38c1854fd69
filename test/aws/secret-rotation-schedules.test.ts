/**
 * The rotation of Weaviate's cluster password and of the alert webhook URLs, as synthesized: the schedules the
 * controls read (VF-DATA-013, cdk-nag's SMG4 and SecretsManagerRotationEnabled), with nothing acknowledged, and
 * what makes them work (the functions' configuration and permissions, the webhook rotation alarms).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputErrorsOf } from '../blueprint/refusals.js';
import { logicalIdAt, resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

function scheduleOf(json: CfnTemplate, secretId: string): CfnResource | undefined {
  return resourcesOf(json, 'AWS::SecretsManager::RotationSchedule').find(
    ([, r]) => JSON.stringify(r.Properties!.SecretId) === JSON.stringify({ Ref: secretId }),
  )?.[1];
}

const ROTATION_RULES = ['VF-DATA-013', 'AwsSolutions-SMG4', 'NIST.800.53.R5-SecretsManagerRotationEnabled'];

/** The rotation rules acknowledged on a resource (other rules' acknowledgements are not this test's concern). */
function acknowledged(resource: CfnResource): string[] {
  const vf = resource.Metadata?.vectorfort as { acknowledge?: Record<string, unknown> } | undefined;
  const nag = (resource.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined)
    ?.rules_to_suppress;
  return [...Object.keys(vf?.acknowledge ?? {}), ...(nag ?? []).map((r) => r.id.split('::').at(-1)!)].filter(
    (id) => ROTATION_RULES.includes(id),
  );
}

describe('secret rotation schedules', () => {
  const { json } = synth();
  const clusterAuth = logicalIdAt(json, '/Eks/WeaviateClusterAuth/Resource');
  const rotationFunction = logicalIdAt(json, '/WeaviateApiKeys/Function/Resource');
  const notifier = logicalIdAt(json, '/Alerting/Notifier/Resource');
  const chat = logicalIdAt(json, '/Alerting/ChatWebhook/Resource');
  const paging = logicalIdAt(json, '/Alerting/PagingWebhook/Resource');

  it('rotates the cluster password in the default maintenance window, not at creation, with nothing acknowledged', () => {
    assert.deepEqual(scheduleOf(json, clusterAuth)?.Properties, {
      SecretId: { Ref: clusterAuth },
      RotationLambdaARN: { 'Fn::GetAtt': [rotationFunction, 'Arn'] },
      RotationRules: { ScheduleExpression: 'cron(0 3 ? * SUN#1 *)', Duration: '3h' },
      RotateImmediatelyOnUpdate: false,
    });
    assert.deepEqual(acknowledged(json.Resources[clusterAuth]!), []);
  });

  it('gives the rotation function the cluster password, its window and the pods it restarts together', () => {
    const env = (
      json.Resources[rotationFunction]!.Properties!.Environment as { Variables: Record<string, unknown> }
    ).Variables;
    assert.deepEqual(env.VF_CLUSTER_AUTH_SECRET_ARN, { Ref: clusterAuth });
    assert.equal(env.VF_CLUSTER_AUTH_K8S_SECRET, 'weaviate-cluster-auth');
    assert.deepEqual(JSON.parse(String(env.VF_CLUSTER_AUTH_WINDOW)), {
      dayOfWeek: 'SUN',
      weekOfMonth: 1,
      startHourUtc: 3,
      windowHours: 3,
    });
    assert.deepEqual(JSON.parse(String(env.VF_WEAVIATE_PODS)), ['weaviate-0', 'weaviate-1', 'weaviate-2']);
    const policy = json.Resources[logicalIdAt(json, '/WeaviateApiKeys/Policy/Resource')]!.Properties!
      .PolicyDocument as { Statement: { Sid: string; Resource: unknown }[] };
    const rotate = policy.Statement.find((s) => s.Sid === 'RotateTheKeySecrets')!;
    assert.ok(
      (rotate.Resource as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: clusterAuth })),
    );
  });

  it('rotates both webhook secrets every 90 days with the notifier, which may complete the rotation and nothing more', () => {
    for (const secret of [chat, paging]) {
      assert.deepEqual(scheduleOf(json, secret)?.Properties, {
        SecretId: { Ref: secret },
        RotationLambdaARN: { 'Fn::GetAtt': [notifier, 'Arn'] },
        RotationRules: { AutomaticallyAfterDays: 90 },
        RotateImmediatelyOnUpdate: false,
      });
      assert.deepEqual(acknowledged(json.Resources[secret]!), []);
    }
    const policy = json.Resources[logicalIdAt(json, '/Alerting/WebhookRotationPolicy/Resource')]!.Properties!;
    assert.deepEqual(policy.PolicyDocument, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RotateWebhookSecrets',
          Effect: 'Allow',
          Action: [
            'secretsmanager:DescribeSecret',
            'secretsmanager:GetSecretValue',
            'secretsmanager:PutSecretValue',
            'secretsmanager:UpdateSecretVersionStage',
          ],
          Resource: [{ Ref: chat }, { Ref: paging }],
        },
      ],
    });
    const invoke = resourcesOf(json, 'AWS::Lambda::Permission').filter(
      ([, r]) =>
        JSON.stringify(r.Properties!.FunctionName).includes(notifier) &&
        r.Properties!.Principal === 'secretsmanager.amazonaws.com',
    );
    assert.equal(invoke.length, 1);
    assert.deepEqual(invoke[0]![1].Properties!.SourceAccount, '111111111111');
  });

  it('raises an alarm to the alert topic, naming the secret and the command, when a webhook rotation fails', () => {
    const topic = logicalIdAt(json, '/Alerting/SecurityEvents/Resource');
    for (const [id, purpose, name] of [
      ['ChatWebhook', 'chat', 'weaviate/alerts/chat-webhook'],
      ['PagingWebhook', 'paging', 'weaviate/alerts/paging-webhook'],
    ] as const) {
      const filter =
        json.Resources[logicalIdAt(json, `/Alerting/${id}RotationFailures/Resource`)]!.Properties!;
      assert.equal(
        filter.FilterPattern,
        `{ ($.message = "webhook rotation failed") && ($.webhook = "${purpose}") }`,
      );
      const alarm = json.Resources[logicalIdAt(json, `/Alerting/${id}RotationAlarm/Resource`)]!.Properties!;
      assert.match(
        String(alarm.AlarmDescription),
        new RegExp(`the rotation of ${name} failed \\(due every 90 days\\)`),
      );
      assert.match(
        String(alarm.AlarmDescription),
        new RegExp(`put-secret-value --secret-id ${name} .*--version-stages AWSPENDING`),
      );
      assert.deepEqual(alarm.AlarmActions, [{ Ref: topic }]);
      assert.equal(alarm.Threshold, 1);
    }
  });

  it('follows the blueprint: another window and interval; referenced webhook secrets get no schedule', () => {
    const { json: custom } = synth({
      weaviate: {
        clusterAuth: {
          rotationWindow: { dayOfWeek: 'TUE', weekOfMonth: 'every', startHourUtc: 22, windowHours: 2 },
        },
      },
      detection: { alerting: { createSecrets: false, webhookRotationDays: 30 } },
    });
    const secret = logicalIdAt(custom, '/Eks/WeaviateClusterAuth/Resource');
    assert.deepEqual(scheduleOf(custom, secret)?.Properties?.RotationRules, {
      ScheduleExpression: 'cron(0 22 ? * TUE *)',
      Duration: '2h',
    });
    const notifierArn = JSON.stringify({
      'Fn::GetAtt': [logicalIdAt(custom, '/Alerting/Notifier/Resource'), 'Arn'],
    });
    assert.deepEqual(
      resourcesOf(custom, 'AWS::SecretsManager::RotationSchedule').filter(
        ([, r]) => JSON.stringify(r.Properties!.RotationLambdaARN) === notifierArn,
      ),
      [],
    );
    assert.deepEqual(
      resourcesOf(custom, 'AWS::CloudWatch::Alarm').filter(([id]) => id.includes('WebhookRotationAlarm')),
      [],
    );
  });

  it("declares on each rotated secret the interval its schedule keeps, the blueprint's (VF-DATA-013 holds it)", () => {
    const declared = (template: CfnTemplate) =>
      Object.fromEntries(
        resourcesOf(template, 'AWS::SecretsManager::Secret').flatMap(([id, r]) => {
          const tag = (r.Properties!.Tags as { Key: string; Value: string }[] | undefined)?.find(
            (t) => t.Key === 'vectorfort:rotation-days',
          );
          if (!tag) return [];
          const days = scheduleOf(template, id)?.Properties?.RotationRules as {
            AutomaticallyAfterDays?: number;
          };
          assert.equal(
            String(days?.AutomaticallyAfterDays),
            tag.Value,
            `${id}: the tag is the schedule's interval`,
          );
          return [[(r.Properties!.Name as string).split('/').slice(1).join('/'), tag.Value]];
        }),
      );
    assert.deepEqual(declared(json), {
      'weaviate/api-keys': '30',
      'weaviate/api-keys/admin': '30',
      'weaviate/backup-api-key': '30',
      'alerts/chat-webhook': '90',
      'alerts/paging-webhook': '90',
    });
    const { json: custom } = synth({
      weaviate: { authentication: { apiKey: { rotationDays: 7 } } },
      detection: { alerting: { webhookRotationDays: 45 } },
    });
    assert.deepEqual(Object.values(declared(custom)).sort(), ['45', '45', '7', '7', '7']);
  });

  it('refuses a window that runs past midnight UTC', () => {
    assert.deepEqual(
      inputErrorsOf({ weaviate: { clusterAuth: { rotationWindow: { startHourUtc: 22, windowHours: 3 } } } }),
      [
        "bp.yaml: weaviate.clusterAuth.rotationWindow.windowHours: the window must close by 24:00 UTC the same day (Secrets Manager's rule): it opens at 22:00, so at most 2 hours",
      ],
    );
  });
});
