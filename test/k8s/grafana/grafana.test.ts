import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { GRAFANA_PORT, grafanaNames } from '../../../src/flows/index.js';
import { SECURITY_PROMQL } from '../../../src/k8s/grafana/security-dashboard.js';
import { PROMTOOL_BIN, writeTemp } from '../alert-path/processes.js';
import {
  ofKind,
  one,
  podSpecOf,
  render,
  restrictedViolations,
  validateObject,
  type K8sObject,
} from '../helpers.js';

const grafanaEnv = (o: K8sObject) =>
  Object.fromEntries((podSpecOf(o)!.containers[0]!.env ?? []).map((e) => [e.name, e.value])) as Record<
    string,
    string | undefined
  >;

const dashboards = (r: ReturnType<typeof render>) =>
  ofKind(r, 'ConfigMap')
    .flatMap((c) => Object.entries((c.data ?? {}) as Record<string, string>))
    .filter(([key]) => key.endsWith('.json'))
    .map(([key, text]) => ({ key, model: JSON.parse(text) as Dashboard }));

interface Target {
  refId: string;
  datasource?: { type: string; uid: string };
  expr?: string;
  queryMode?: string;
  logGroups?: { arn: string }[];
  expression?: string;
}
interface Dashboard {
  title: string;
  panels: { title: string; datasource?: Target['datasource']; targets: Target[] }[];
}

/**
 * Metric names the dashboards may read: Weaviate's own (weaviate/weaviate usecases/monitoring/prometheus.go:
 * http_request_duration_seconds and queries_durations_ms are histograms, object_count a gauge; the Go client's
 * process collector adds process_resident_memory_bytes), the kubelet's volume statistics Prometheus scrapes, and
 * Prometheus' own ALERTS series.
 */
const PRODUCED = new Set([
  'http_request_duration_seconds_count',
  'queries_durations_ms_bucket',
  'object_count',
  'process_resident_memory_bytes',
  'kubelet_volume_stats_used_bytes',
  'kubelet_volume_stats_capacity_bytes',
  'ALERTS',
]);

describe('Grafana in the monitoring namespace', () => {
  const r = render();
  const names = grafanaNames(r.blueprint);
  const deployment = one(r, 'Deployment', names.deployment, names.namespace);

  it('runs one pod under the restricted profile, read-only, as non-root, with its own service account and no API token', () => {
    const pod = podSpecOf(deployment)!;
    assert.deepEqual(restrictedViolations(pod), []);
    const c = pod.containers[0]!;
    assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
    assert.equal(c.securityContext?.runAsNonRoot, true);
    assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL']);
    assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault');
    assert.equal(pod.initContainers, undefined, 'no init container (the chart runs one as root)');
    assert.equal(pod.serviceAccountName, 'grafana');
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal(one(r, 'ServiceAccount', 'grafana', names.namespace).automountServiceAccountToken, false);
    for (const o of ofKind(r, 'Deployment')) validateObject(o);
  });

  it('pulls a pinned image from the ECR mirror, or Docker Hub with images.source public', () => {
    assert.match(
      podSpecOf(deployment)!.containers[0]!.image!,
      /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/vectorfort-mirror\/grafana\/grafana:12\.3\.2$/,
    );
    const pub = render({ images: { source: 'public' }, network: { allowDataTierInternetEgress: true } });
    const image = podSpecOf(one(pub, 'Deployment', 'grafana', names.namespace))!.containers[0]!.image;
    assert.equal(image, 'docker.io/grafana/grafana:12.3.2');
  });

  it('carries a sidecar, listens on loopback only and probes from inside the container', () => {
    const template = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } })
      .template;
    assert.equal(template.metadata.labels['sidecar.istio.io/inject'], 'true');
    const env = grafanaEnv(deployment);
    assert.equal(env.GF_SERVER_HTTP_ADDR, '127.0.0.1');
    const c = podSpecOf(deployment)!.containers[0]!;
    for (const probe of [c.readinessProbe, c.livenessProbe]) {
      assert.equal(probe?.httpGet, undefined);
      assert.deepEqual(probe?.exec?.command, [
        'wget',
        '-q',
        '-O',
        '/dev/null',
        `http://127.0.0.1:${GRAFANA_PORT}/api/health`,
      ]);
    }
  });

  it('has no Service, Ingress or route of its own and no Secret: nothing connects to it', () => {
    const selectsGrafana = (s: K8sObject) =>
      Object.entries((s.spec?.selector ?? {}) as Record<string, string>).every(
        ([k, v]) => names.labels[k] === v,
      ) && Object.keys((s.spec?.selector ?? {}) as object).length > 0;
    assert.deepEqual(ofKind(r, 'Service').filter(selectsGrafana), []);
    assert.deepEqual(ofKind(r, 'Ingress'), []);
    assert.ok(!ofKind(r, 'Secret').some((s) => s.metadata.namespace === names.namespace));
  });

  it('signs in without a password: anonymous Viewer, no login form, no basic auth, no admin user', () => {
    const env = grafanaEnv(deployment);
    assert.equal(env.GF_AUTH_ANONYMOUS_ENABLED, 'true');
    assert.equal(env.GF_AUTH_ANONYMOUS_ORG_ROLE, 'Viewer');
    assert.equal(env.GF_AUTH_DISABLE_LOGIN_FORM, 'true');
    assert.equal(env.GF_AUTH_BASIC_ENABLED, 'false');
    assert.equal(env.GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION, 'true');
    assert.equal(env.GF_SECURITY_ADMIN_PASSWORD, undefined);
    assert.equal(env.GF_AWS_ALLOWED_AUTH_PROVIDERS, 'default');
    assert.equal(env.GF_ANALYTICS_REPORTING_ENABLED, 'false');
    assert.equal(env.GF_PLUGINS_PREINSTALL_DISABLED, 'true');
  });

  it('with OIDC, signs in at the issuer with PKCE and no secret, mapping groups to roles, and turns anonymous access off', () => {
    const oidc = render({
      network: { allowDataTierInternetEgress: true },
      monitoring: {
        grafana: {
          oidc: {
            enabled: true,
            issuer: 'https://id.example.com/realms/ops',
            clientId: 'grafana',
            authUrl: 'https://id.example.com/realms/ops/protocol/openid-connect/auth',
            tokenUrl: 'https://id.example.com/realms/ops/protocol/openid-connect/token',
            issuerCidrs: ['198.51.100.0/24'],
            adminGroups: ['platform'],
            editorGroups: ['sre'],
          },
        },
      },
    });
    const env = grafanaEnv(one(oidc, 'Deployment', 'grafana', names.namespace));
    assert.equal(env.GF_AUTH_ANONYMOUS_ENABLED, 'false');
    assert.equal(env.GF_AUTH_GENERIC_OAUTH_ENABLED, 'true');
    assert.equal(env.GF_AUTH_GENERIC_OAUTH_USE_PKCE, 'true');
    assert.equal(env.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET, undefined);
    assert.equal(env.GF_AUTH_GENERIC_OAUTH_CLIENT_ID, 'grafana');
    assert.equal(
      env.GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH,
      `(contains("groups"[*], 'platform')) && 'Admin' || (contains("groups"[*], 'sre')) && 'Editor' || 'Viewer'`,
    );
    assert.equal(env.GF_AUTH_GENERIC_OAUTH_ALLOW_ASSIGN_GRAFANA_ADMIN, 'false');
    assert.equal(env.GF_AUTH_DISABLE_LOGIN_FORM, 'true');
  });

  it('provisions the Prometheus and CloudWatch data sources and every dashboard the pod mounts', () => {
    const provisioning = one(r, 'ConfigMap', 'grafana-provisioning', names.namespace);
    const data = provisioning.data as Record<string, string>;
    const sources = parse(data['datasources.yaml']!) as { datasources: Record<string, unknown>[] };
    assert.deepEqual(
      sources.datasources.map((d) => [d.uid, d.type, d.url ?? (d.jsonData as { authType: string }).authType]),
      [
        ['prometheus', 'prometheus', `http://prometheus-query.${names.namespace}.svc:9090`],
        ['cloudwatch', 'cloudwatch', 'default'],
      ],
    );
    const mounted = (podSpecOf(deployment)!.volumes ?? []).flatMap((v) =>
      v.configMap?.name ? [v.configMap.name] : [],
    );
    assert.deepEqual(mounted.sort(), ['grafana-provisioning', 'security-dashboard', 'weaviate-dashboard']);
    for (const name of mounted) one(r, 'ConfigMap', name, names.namespace);
    const hash = (deployment.spec as { template: { metadata: { annotations: Record<string, string> } } })
      .template.metadata.annotations['vectorfort.dev/provisioning-sha256'];
    assert.match(hash ?? '', /^[0-9a-f]{64}$/);
  });

  it('queries Prometheus through a Service of its own that Istio sends mutual TLS to, both sidecars STRICT', () => {
    const service = one(r, 'Service', 'prometheus-query', names.namespace);
    assert.deepEqual(service.spec?.selector, r.blueprint.monitoring.prometheusPodLabels);
    const rule = one(r, 'DestinationRule', 'prometheus-query', names.namespace);
    assert.deepEqual(rule.spec, {
      host: `prometheus-query.${names.namespace}.svc.cluster.local`,
      trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
    });
    for (const [name, selected] of [
      ['grafana-strict', names.labels],
      ['prometheus-strict', r.blueprint.monitoring.prometheusPodLabels],
    ] as const)
      assert.deepEqual(one(r, 'PeerAuthentication', name, names.namespace).spec, {
        selector: { matchLabels: selected },
        mtls: { mode: 'STRICT' },
      });
    const allow = one(r, 'AuthorizationPolicy', 'allow-grafana-to-prometheus-queries', names.namespace);
    assert.deepEqual((allow.spec as { rules: unknown }).rules, [
      {
        from: [{ source: { principals: [`cluster.local/ns/${names.namespace}/sa/grafana`] } }],
        to: [{ operation: { ports: ['9090'] } }],
      },
    ]);
  });

  it('installs nothing with Grafana or the monitoring stack off', () => {
    for (const input of [
      { monitoring: { grafana: { enabled: false } } },
      { monitoring: { stack: { enabled: false } } },
    ]) {
      const off = render(input);
      assert.ok(!off.objects.some((o) => o.metadata.name === 'grafana'), JSON.stringify(input));
      assert.ok(!off.spec.components.some((c) => c.id === 'grafana'));
    }
  });
});

describe('Grafana dashboards', () => {
  const r = render({
    exposure: 'alb',
    edge: {
      domainName: 'vectors.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    },
  });
  const boards = dashboards(r);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('are valid JSON models with panels: Weaviate and the security signals', () => {
    assert.deepEqual(boards.map((b) => b.model.title).sort(), ['Security signals', 'Weaviate']);
    for (const b of boards) assert.ok(b.model.panels.length > 0, b.key);
  });

  it('show denied flows, WAF blocks, GuardDuty findings by severity and the firing alerts', () => {
    const security = boards.find((b) => b.model.title === 'Security signals')!.model;
    const names = grafanaNames(r.blueprint);
    const byTitle = Object.fromEntries(security.panels.map((p) => [p.title, p.targets]));
    const rejects = byTitle['Denied flows (VPC flow log REJECT)']!;
    assert.deepEqual(
      rejects[0]!.logGroups!.map((g) => g.arn.split(':log-group:')[1]),
      [names.logGroups.flowLogs],
    );
    assert.match(rejects[0]!.expression!, /filter action = "REJECT"/);
    const findings = byTitle['GuardDuty findings by severity']!;
    assert.deepEqual(
      findings.map((t) => t.expression!.match(/as (\w+) by/)?.[1]),
      ['critical', 'high', 'medium', 'low'],
    );
    assert.ok(
      findings.every((t) => t.logGroups![0]!.arn.endsWith(`:log-group:${names.logGroups.guardDutyFindings}`)),
    );
    const waf = byTitle[`WAF blocked requests (${r.blueprint.name}-regional)`]!;
    assert.deepEqual(waf[0], {
      refId: 'A',
      datasource: { type: 'cloudwatch', uid: 'cloudwatch' },
      queryMode: 'Metrics',
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensions: {
        WebACL: `${r.blueprint.name}-regional`,
        Rule: 'ALL',
        Region: r.blueprint.environment.region,
      },
      statistic: 'Sum',
      period: '300',
      matchExact: true,
    });
    assert.deepEqual(byTitle['Weaviate alerts firing']![0]!.expr, SECURITY_PROMQL.firingAlerts);
  });

  it('has no WAF panel without a web ACL in the region', () => {
    const security = dashboards(render()).find((b) => b.model.title === 'Security signals')!.model;
    assert.ok(!security.panels.some((p) => p.title.startsWith('WAF')));
  });

  it('every Prometheus expression parses with promtool and reads only metrics we produce or scrape', () => {
    const exprs = boards.flatMap((b) =>
      b.model.panels.flatMap((p) =>
        p.targets.filter((t) => (t.datasource ?? p.datasource)?.type === 'prometheus').map((t) => t.expr!),
      ),
    );
    assert.ok(exprs.length >= 6, `${exprs.length} expressions`);
    const dir = writeTemp('vectorfort-grafana-', {});
    dirs.push(dir);
    const file = join(dir, 'dashboards.yml');
    const rules = exprs.map((expr, i) => ({ record: `dashboard:expression_${i}`, expr }));
    writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules }] }));
    const out = execFileSync(PROMTOOL_BIN, ['check', 'rules', file], { encoding: 'utf8' });
    assert.match(out, new RegExp(`SUCCESS: ${exprs.length} rules found`));
    for (const expr of exprs) {
      const metrics = [...expr.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\{/g)].map((m) => m[1]!);
      assert.ok(metrics.length > 0, expr);
      for (const m of metrics)
        assert.ok(PRODUCED.has(m), `${m} in ${expr} is not a metric we produce or scrape`);
    }
  });
});
