/**
 * The alert path end to end, with the real programs: Debian's Prometheus evaluates the PrometheusRules we
 * generate, scraping a stand-in for Weaviate's metrics (no Weaviate runs here), and Debian's Alertmanager, with
 * the routing we generate, publishes to SNS topics served by moto_server, each subscribed by an SQS queue the
 * test reads. Every alert we ship is driven and must reach the receivers its severity names; a quiet baseline
 * shows that none fires without its condition.
 *
 * What the test changes, and why: `for:` durations are shortened (production values are pinned in drives.ts
 * and asserted below), Alertmanager's grouping waits are seconds, and each SNS receiver gets moto's address as
 * `api_url`. Prometheus' scrape configuration stands in for the one the Prometheus Operator generates from our
 * ServiceMonitor: the same target labels (namespace, service, pod).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { stringify } from 'yaml';
import {
  ALERTMANAGER_MESSAGE_SOURCE,
  ALERTMANAGER_MESSAGE_TEMPLATE,
  ALERTMANAGER_RECEIVERS,
  HEARTBEAT_ALERT,
  HEARTBEAT_SEVERITY,
  alertmanagerConfig,
} from '../../../src/k8s/alertmanager-config.js';
import { quantityBytes } from '../../../src/k8s/monitoring.js';
import { workloadNames } from '../../../src/flows/index.js';
import { parseMessage } from '../../../src/notifier/parse.js';
import { DATA_VOLUME } from '../../../src/k8s/weaviate/statefulset.js';
import { METRICS_SERVICE } from '../../../src/k8s/weaviate/services.js';
import { motoClientConfig, startMoto, type Moto } from '../../notifier/moto.js';
import { ofKind, render } from '../helpers.js';
import { DRIVES, healthy, type DriveContext } from './drives.js';
import {
  AMTOOL_BIN,
  PROMTOOL_BIN,
  startAlertmanager,
  startPrometheus,
  writeTemp,
  type RunningProcess,
} from './processes.js';
import { WeaviateStandIn } from './weaviate-stand-in.js';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
function parseJson(text: string, context: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${(e as Error).message}): ${context}`, { cause: e });
  }
}

interface RuleGroup {
  name: string;
  rules: Rule[];
}

// Longer than Prometheus' first target discovery (its discovery manager batches updates for 5 s).
const TEST_FOR = '10s';
const REGION = 'eu-west-1';

/** What arrived on a topic: alert name → statuses seen. */
type Deliveries = Map<string, Set<string>>;
type Tier = 'normal' | 'critical' | 'heartbeat';
const TIERS: readonly Tier[] = ['normal', 'critical', 'heartbeat'];

describe('alert path: generated rules in Prometheus, generated routing in Alertmanager, SNS delivery', () => {
  const rendered = render({});
  const bp = rendered.blueprint;
  const ruleFiles = ofKind(rendered, 'PrometheusRule').map(
    (r) => (r.spec as unknown as { groups: RuleGroup[] }).groups,
  );
  const alerts = ruleFiles.flatMap((groups) => groups.flatMap((g) => g.rules)).filter((r) => r.alert);
  const dirs: string[] = [];
  const running: RunningProcess[] = [];
  let moto: Moto | undefined;
  let standIn: WeaviateStandIn | undefined;
  let prometheus: RunningProcess;
  let sqs: SQSClient;
  const queues: Record<Tier, string> = { normal: '', critical: '', heartbeat: '' };
  const delivered: Record<Tier, Deliveries> = {
    normal: new Map(),
    critical: new Map(),
    heartbeat: new Map(),
  };
  const messages: string[] = [];

  const statefulSet = workloadNames(bp).weaviate.statefulSet;
  const pods = Array.from({ length: bp.weaviate.replicas }, (_, i) => `${statefulSet}-${i}`);
  const driveContext: DriveContext = {
    memoryLimitBytes: quantityBytes(bp.weaviate.resources.memory),
    memoryAlertPercent: bp.monitoring.memoryAlertPercent,
    diskAlertPercent: bp.monitoring.diskAlertPercent,
    errorRateAlertPercent: bp.monitoring.errorRateAlertPercent,
    rtoSeconds: bp.backup.rtoMinutes * 60,
    rpoSeconds: bp.backup.rpoHours * 3600,
  };

  before(async () => {
    moto = await startMoto();
    const client = motoClientConfig(moto.endpoint);
    const sns = new SNSClient(client);
    sqs = new SQSClient(client);
    const topicArns: Record<string, string> = {};
    for (const [tier, topicName] of [
      ['normal', `${bp.name}-security-events`],
      ['critical', `${bp.name}-security-events-critical`],
      ['heartbeat', `${bp.name}-alert-heartbeat`],
    ] as const) {
      const topic = await sns.send(new CreateTopicCommand({ Name: topicName }));
      const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${tier}-deliveries` }));
      const attrs = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      await sns.send(
        new SubscribeCommand({
          TopicArn: topic.TopicArn,
          Protocol: 'sqs',
          Endpoint: attrs.Attributes!.QueueArn,
        }),
      );
      topicArns[tier] = topic.TopicArn!;
      queues[tier] = queue.QueueUrl!;
    }

    const config = alertmanagerConfig({
      region: REGION,
      topicArn: topicArns.normal!,
      criticalTopicArn: topicArns.critical!,
      heartbeatTopicArn: topicArns.heartbeat!,
      timing: { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' },
    }) as { receivers: { sns_configs: Record<string, unknown>[] }[] };
    // moto stands in for SNS: the only change to the generated receivers.
    for (const receiver of config.receivers)
      for (const sns of receiver.sns_configs) sns.api_url = moto.endpoint;
    const amDir = writeTemp('vectorfort-am-config-', { 'alertmanager.yml': stringify(config) });
    dirs.push(amDir);
    const alertmanager = await startAlertmanager(join(amDir, 'alertmanager.yml'), {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: REGION,
    });
    running.push(alertmanager);

    standIn = new WeaviateStandIn(
      pods,
      (pod) => `${DATA_VOLUME}-${pod}`,
      rendered.blueprint.weaviate.namespace,
    );
    healthy(standIn, driveContext);
    for (const drive of Object.values(DRIVES)) if (drive.when === 'fresh') drive.apply(standIn, driveContext);
    await standIn.start();

    const files: Record<string, string> = {};
    ruleFiles.forEach((groups, i) => {
      const shortened = groups.map((g) => ({
        ...g,
        rules: g.rules.map((r) => (r.alert && r.for ? { ...r, for: TEST_FOR } : r)),
      }));
      files[`rules-${i}.yml`] = stringify({ groups: shortened });
    });
    const ns = bp.weaviate.namespace;
    files['prometheus.yml'] = stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: Object.keys(files),
      alerting: {
        alertmanagers: [{ static_configs: [{ targets: [alertmanager.url.replace('http://', '')] }] }],
      },
      scrape_configs: [
        {
          job_name: METRICS_SERVICE,
          static_configs: pods.map((pod) => ({
            targets: [standIn!.address],
            labels: {
              namespace: ns,
              service: METRICS_SERVICE,
              pod,
              __metrics_path__: `/pods/${pod}/metrics`,
            },
          })),
        },
        {
          job_name: 'kubelet',
          honor_labels: true,
          metrics_path: '/kubelet/metrics',
          static_configs: [{ targets: [standIn.address] }],
        },
        {
          // The PodMonitor of the finished backup and drill jobs, in Weaviate's namespace.
          job_name: 'backup-jobs',
          metrics_path: '/jobs/metrics',
          static_configs: [{ targets: [standIn.address], labels: { namespace: ns } }],
        },
      ],
    });
    const promDir = writeTemp('vectorfort-prom-config-', files);
    dirs.push(promDir);
    prometheus = await startPrometheus(promDir);
    running.push(prometheus);
  });

  after(async () => {
    for (const p of running.reverse()) await p.stop();
    await standIn?.stop();
    await moto?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function drain(tier: Tier): Promise<void> {
    const res = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues[tier], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const got = res.Messages ?? [];
    for (const m of got) {
      const envelope = JSON.parse(m.Body!) as { Message: string; Subject?: string };
      messages.push(envelope.Message);
      const message = parseJson(envelope.Message, m.Body!) as {
        source: string;
        alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
      };
      assert.equal(message.source, ALERTMANAGER_MESSAGE_SOURCE);
      // The notifier behind the topics reads every alert of the message, tiered by its severity.
      const parsed = parseMessage(envelope.Message, { topicRegion: REGION, topicAccount: '123456789012' });
      assert.deepEqual(parsed.rejected, []);
      assert.deepEqual(
        parsed.events.map((e) => [e.kind, e.tier, e.title, e.resolved]),
        message.alerts.map((a) => [
          'prometheus',
          a.labels.severity === 'critical' ? 'critical' : 'warning',
          a.annotations.summary,
          a.status === 'resolved',
        ]),
      );
      for (const a of message.alerts) {
        const seen = delivered[tier].get(a.labels.alertname!) ?? new Set<string>();
        seen.add(a.status);
        delivered[tier].set(a.labels.alertname!, seen);
      }
    }
    if (got.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queues[tier],
          Entries: got.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
  }

  /** Polls both queues until `done` holds or the deadline passes. */
  async function waitFor(what: string, done: () => boolean, seconds = 60): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      for (const tier of TIERS) await drain(tier);
      if (done()) return;
      if (Date.now() > deadline) {
        const api = async (path: string) =>
          JSON.stringify(await (await fetch(`${prometheus.url}${path}`)).json()).slice(0, 3000);
        assert.fail(
          `${what}: timed out. Delivered: ${JSON.stringify(
            Object.fromEntries(
              Object.entries(delivered).map(([t, m]) => [
                t,
                Object.fromEntries([...m].map(([k, v]) => [k, [...v]])),
              ]),
            ),
          )}\nPrometheus:\n${prometheus.output().slice(-3000)}\nAlertmanager:\n${running[0]!.output().slice(-3000)}\nalerts: ${await api('/api/v1/alerts')}\ntargets: ${await api('/api/v1/targets')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const expectedTiers = (rule: Rule): Tier[] =>
    rule.alert === HEARTBEAT_ALERT
      ? ['heartbeat']
      : rule.labels?.severity === 'critical'
        ? ['normal', 'critical']
        : ['normal'];
  const firedOn = (rule: Rule, tier: Tier) => delivered[tier].get(rule.alert!)?.has('firing') ?? false;

  async function activeAlerts(): Promise<string[]> {
    const res = (await (await fetch(`${prometheus.url}/api/v1/alerts`)).json()) as {
      data: { alerts: { labels: { alertname: string } }[] };
    };
    // The heartbeat fires always; every other alert must be quiet.
    return res.data.alerts.map((a) => a.labels.alertname).filter((name) => name !== HEARTBEAT_ALERT);
  }

  it('ships alerts, each with a drive, a severity and its production for: duration', () => {
    assert.ok(alerts.length >= 6, `expected the Weaviate alerts, found ${alerts.length}`);
    for (const rule of alerts) {
      const drive = DRIVES[rule.alert!];
      assert.ok(drive, `${rule.alert}: no drive in drives.ts; every alert we ship must be shown to fire`);
      assert.equal(rule.for, drive.productionFor, `${rule.alert}: production for:`);
      if (rule.alert === HEARTBEAT_ALERT) assert.equal(rule.labels?.severity, HEARTBEAT_SEVERITY);
      else assert.match(rule.labels?.severity ?? '', /^(warning|critical)$/, `${rule.alert}: severity`);
    }
    assert.ok(
      alerts.some((r) => r.alert === HEARTBEAT_ALERT),
      'the heartbeat ships',
    );
  });

  it('promtool accepts every generated rule file, and amtool the generated configuration', () => {
    assert.ok(ruleFiles.length > 0);
    const dir = writeTemp('vectorfort-checks-', {});
    dirs.push(dir);
    ruleFiles.forEach((groups, i) => {
      const file = join(dir, `rules-${i}.yml`);
      writeFileSync(file, stringify({ groups }));
      const out = execFileSync(PROMTOOL_BIN, ['check', 'rules', file], { encoding: 'utf8' });
      assert.match(out, /SUCCESS: \d+ rules found/);
    });
    const config = join(dir, 'alertmanager.yml');
    const arn = (topic: string) => `arn:aws:sns:${bp.environment.region}:${bp.environment.account}:${topic}`;
    writeFileSync(
      config,
      stringify(
        alertmanagerConfig({
          region: bp.environment.region,
          topicArn: arn(`${bp.name}-security-events`),
          criticalTopicArn: arn(`${bp.name}-security-events-critical`),
          heartbeatTopicArn: arn(`${bp.name}-alert-heartbeat`),
        }),
      ),
    );
    const out = execFileSync(AMTOOL_BIN, ['check-config', config], { encoding: 'utf8' });
    assert.match(out, /SUCCESS/);
    assert.match(out, /- 3 receivers/);
    const route = (labels: string[]) =>
      execFileSync(AMTOOL_BIN, ['config', 'routes', 'test', `--config.file=${config}`, ...labels], {
        encoding: 'utf8',
      }).trim();
    assert.equal(route(['severity=critical']), ALERTMANAGER_RECEIVERS.critical);
    assert.equal(route(['severity=warning']), ALERTMANAGER_RECEIVERS.normal);
    assert.equal(route(['alertname=Unlabelled']), ALERTMANAGER_RECEIVERS.normal);
    // Only the heartbeat itself reaches the heartbeat topic, which no person reads.
    assert.equal(
      route([`alertname=${HEARTBEAT_ALERT}`, `severity=${HEARTBEAT_SEVERITY}`]),
      ALERTMANAGER_RECEIVERS.heartbeat,
    );
    assert.equal(route([`severity=${HEARTBEAT_SEVERITY}`]), ALERTMANAGER_RECEIVERS.normal);
    assert.equal(
      route([`alertname=${HEARTBEAT_ALERT}`, 'severity=critical']),
      ALERTMANAGER_RECEIVERS.critical,
    );
    // A template error makes Alertmanager 0.25 publish an empty message: render it with amtool's sample alerts.
    const empty = join(dir, 'empty.tmpl');
    writeFileSync(empty, '');
    const rendered = execFileSync(
      AMTOOL_BIN,
      ['template', 'render', `--template.glob=${empty}`, `--template.text=${ALERTMANAGER_MESSAGE_TEMPLATE}`],
      { encoding: 'utf8' },
    );
    const sample = JSON.parse(rendered) as { source: string; alerts: { labels: Record<string, string> }[] };
    assert.equal(sample.source, ALERTMANAGER_MESSAGE_SOURCE);
    assert.ok(sample.alerts.length > 0 && sample.alerts.every((a) => Object.keys(a.labels).length > 0));
  });

  it('fires every alert on its condition and delivers it to the topics its severity names', async () => {
    const fresh = alerts.filter((r) => DRIVES[r.alert!]?.when === 'fresh');
    const later = alerts.filter((r) => DRIVES[r.alert!]?.when === 'any');
    const always = alerts.filter((r) => DRIVES[r.alert!]?.when === 'always');
    assert.ok(fresh.length > 0 && later.length > 0 && always.length > 0);
    const notOnHeartbeat = () => {
      for (const rule of [...fresh, ...later])
        assert.equal(firedOn(rule, 'heartbeat'), false, `${rule.alert} reached the heartbeat topic`);
      for (const rule of always)
        for (const tier of ['normal', 'critical'] as const)
          assert.equal(firedOn(rule, tier), false, `${rule.alert} reached ${tier}`);
    };

    // 1. A Prometheus without history and no backup ever stored: only the fresh alerts (and the heartbeat) fire.
    await waitFor('fresh alerts and the heartbeat delivered', () =>
      [...fresh, ...always].every((r) => expectedTiers(r).every((t) => firedOn(r, t))),
    );
    notOnHeartbeat();
    for (const rule of later)
      for (const tier of ['normal', 'critical'] as const)
        assert.equal(
          firedOn(rule, tier),
          false,
          `${rule.alert} fired on ${tier} before its condition was set`,
        );

    // 2. Healthy: every alert clears, and none fires for several evaluations.
    healthy(standIn!, driveContext);
    const quietSince = { at: 0 };
    const deadline = Date.now() + 60_000;
    for (;;) {
      const active = await activeAlerts();
      if (active.length > 0) quietSince.at = 0;
      else if (quietSince.at === 0) quietSince.at = Date.now();
      if (quietSince.at && Date.now() - quietSince.at > 6_000) break;
      assert.ok(Date.now() < deadline, `alerts still active when healthy: ${active.join(', ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    await waitFor('fresh alerts resolved', () =>
      fresh.every((r) => expectedTiers(r).every((t) => delivered[t].get(r.alert!)?.has('resolved'))),
    );
    for (const rule of later)
      for (const tier of ['normal', 'critical'] as const)
        assert.equal(firedOn(rule, tier), false, `${rule.alert} fired on ${tier} while healthy`);

    // 3. Every other condition: each alert reaches its receivers.
    for (const rule of later) DRIVES[rule.alert!]!.apply(standIn!, driveContext);
    await waitFor('every alert delivered', () =>
      later.every((r) => expectedTiers(r).every((t) => firedOn(r, t))),
    );
    for (const rule of alerts)
      if (rule.labels?.severity !== 'critical')
        assert.equal(firedOn(rule, 'critical'), false, `${rule.alert} (${rule.labels?.severity}) paged`);
    notOnHeartbeat();
    // The heartbeat never resolves: a resolved message would count as a heartbeat.
    for (const rule of always)
      assert.equal(delivered.heartbeat.get(rule.alert!)?.has('resolved'), false, `${rule.alert} resolved`);
    assert.ok(messages.length > 0);
  });
});
