/**
 * The Weaviate controls on manifests shaped like the Helm chart's output: settings read from the config file
 * the chart mounts (merged with the environment as Weaviate merges them), plaintext keys named without their
 * values, the inference module told apart from the database, and an unreadable config file reported as unknown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROLS } from '../../src/controls/registry.js';
import type { ControlResult } from '../../src/controls/types.js';
import { isDatabaseContainer } from '../../src/controls/weaviate/workload.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import {
  ANONYMOUS_ON,
  API_KEYS_FROM_ENV,
  API_KEYS_IN_FILE,
  CHART_ARGS,
  chartConfig,
  chartConfigMap,
  chartInference,
  chartRelease,
  chartServices,
  chartStatefulSet,
} from './fixtures/weaviate/chart.js';

type Obj = Record<string, unknown>;

const NOW = new Date('2026-11-22T00:00:00Z');
/** The StatefulSet is the second document of a chart release; its config-file flag's value is args.7. */
const POD_SPEC = 'documents.1.spec.template.spec';
const CONFIG_FLAG = `${POD_SPEC}.containers.0.args.7`;
const SHOWN = 'the config file /weaviate-config/conf.yaml (ConfigMap weaviate-config key conf.yaml)';

function results(controlId: string, manifests: Obj[], resource?: string): ControlResult[] {
  const control = CONTROLS.find((c) => c.id === controlId);
  assert.ok(control, `control ${controlId} exists`);
  const all = control.check(inventoryFromObjects({ manifests }), { now: NOW });
  return resource === undefined ? all : all.filter((r) => r.resource.id === resource);
}

/** The one result of a control for a resource. */
function only(controlId: string, manifests: Obj[], resource = 'weaviate/weaviate'): ControlResult {
  const found = results(controlId, manifests, resource);
  assert.equal(found.length, 1, `${controlId}: ${found.map((r) => r.message).join('; ')}`);
  return found[0]!;
}

function assertResult(r: ControlResult, status: string, message: string, path: string) {
  assert.deepEqual(
    { status: r.status, message: r.message, path: r.resource.path },
    { status, message, path },
  );
}

const anonymousEnv = (value: string) => [{ name: 'AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED', value }];

describe('Weaviate as its Helm chart deploys it', () => {
  describe('settings from the config file', () => {
    it('reads API keys turned on in the config file: requests are not anonymous', () => {
      const manifests = chartRelease(chartConfig(API_KEYS_IN_FILE));
      assertResult(
        only('VF-WEAVIATE-002', manifests),
        'pass',
        `container "weaviate": API keys (authentication.apikey.enabled: true in ${SHOWN})`,
        CONFIG_FLAG,
      );
      assertResult(
        only('VF-WEAVIATE-001', manifests),
        'pass',
        `container "weaviate": authentication.anonymous_access.enabled: false in ${SHOWN}`,
        CONFIG_FLAG,
      );
    });

    it('fails anonymous access on in the file although the environment says false, which cannot override it', () => {
      assertResult(
        only('VF-WEAVIATE-001', chartRelease(chartConfig(ANONYMOUS_ON), { env: anonymousEnv('false') })),
        'fail',
        `container "weaviate": authentication.anonymous_access.enabled: true in ${SHOWN} lets unauthenticated clients read and write; AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false does not override it, as Weaviate applies the variable only when it is true`,
        CONFIG_FLAG,
      );
    });

    it('fails anonymous access off in the file but turned on in the environment, at the variable', () => {
      const manifests = chartRelease(chartConfig(API_KEYS_FROM_ENV), { env: anonymousEnv('on') });
      const envIndex = (
        chartStatefulSet().spec as { template: { spec: { containers: { env: unknown[] }[] } } }
      ).template.spec.containers[0]!.env.length;
      assertResult(
        only('VF-WEAVIATE-001', manifests),
        'fail',
        'container "weaviate": AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=on lets unauthenticated clients read and write',
        `${POD_SPEC}.containers.0.env.${envIndex}`,
      );
    });

    it('fails the chart defaults: anonymous on and no method in the file or the environment', () => {
      const manifests = chartRelease(chartConfig(ANONYMOUS_ON));
      assertResult(
        only('VF-WEAVIATE-002', manifests),
        'fail',
        `container "weaviate": neither AUTHENTICATION_APIKEY_ENABLED nor AUTHENTICATION_OIDC_ENABLED is true, and ${SHOWN} enables neither authentication.apikey nor authentication.oidc: every request is anonymous`,
        POD_SPEC,
      );
    });

    it('fails RBAC in the file together with the admin list in the environment', () => {
      const conf = chartConfig(API_KEYS_FROM_ENV, 'rbac:\n  enabled: yes');
      const manifests = chartRelease(conf, {
        env: [{ name: 'AUTHORIZATION_ADMINLIST_ENABLED', value: 'true' }],
      });
      const r = only('VF-WEAVIATE-003', manifests);
      assert.equal(r.status, 'fail');
      assert.equal(
        r.message,
        `container "weaviate": RBAC (authorization.rbac.enabled: true in ${SHOWN}) and the admin list (AUTHORIZATION_ADMINLIST_ENABLED=true) are both enabled; they are mutually exclusive`,
      );
    });

    it('follows a custom ConfigMap name and a config file passed as --config-file=PATH', () => {
      const args = [...CHART_ARGS.slice(0, 6), '--config-file=/weaviate-config/conf.yaml'];
      const manifests = [
        chartConfigMap(chartConfig(API_KEYS_FROM_ENV), 'my-weaviate-config'),
        chartStatefulSet({ configMapName: 'my-weaviate-config', args }),
      ];
      assertResult(
        only('VF-WEAVIATE-002', manifests),
        'pass',
        'container "weaviate": API keys (authentication.apikey.enabled: true in the config file /weaviate-config/conf.yaml (ConfigMap my-weaviate-config key conf.yaml))',
        `${POD_SPEC}.containers.0.args.6`,
      );
    });

    it('reads the file from a Secret, whose keys are not plaintext in a ConfigMap', () => {
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'weaviate-config', namespace: 'weaviate' },
        data: { 'conf.yaml': Buffer.from(chartConfig(API_KEYS_IN_FILE)).toString('base64') },
      };
      const statefulSet = chartStatefulSet();
      const spec = (statefulSet.spec as { template: { spec: Obj } }).template.spec;
      spec.volumes = [{ name: 'weaviate-config', secret: { secretName: 'weaviate-config' } }];
      assert.equal(only('VF-WEAVIATE-002', [statefulSet, secret], 'weaviate/weaviate').status, 'pass');
      const keys = results('VF-WEAVIATE-004', [statefulSet, secret]);
      assert.deepEqual(
        keys.map((r) => [r.status, r.resource.id, r.message]),
        [['pass', 'weaviate/weaviate', 'container "weaviate": CLUSTER_BASIC_AUTH_PASSWORD from Secrets']],
      );
    });

    it('turns a value yaml.v3 cannot read as a bool into unknown: Weaviate would refuse to start', () => {
      const conf = chartConfig('anonymous_access:\n  enabled: "true"');
      const r = only('VF-WEAVIATE-001', chartRelease(conf));
      assert.equal(r.status, 'unknown');
      assert.equal(
        r.message,
        `container "weaviate": authentication.anonymous_access.enabled in ${SHOWN}: "true" is not a boolean: Weaviate refuses to start`,
      );
    });
  });

  describe('a config file that is not in the input', () => {
    const manifests = [chartStatefulSet(), ...chartServices(), ...chartInference()];

    it('leaves every setting it may hold unknown, named with the ConfigMap and key', () => {
      const expected: Record<string, string> = {
        'VF-WEAVIATE-001': 'authentication.anonymous_access.enabled',
        'VF-WEAVIATE-002': 'authentication.apikey.enabled',
        'VF-WEAVIATE-003': 'authorization.rbac.enabled',
        'VF-WEAVIATE-009': 'monitoring.enabled',
      };
      for (const [id, setting] of Object.entries(expected))
        assertResult(
          only(id, manifests),
          'unknown',
          `container "weaviate": ${setting} is not known: ${SHOWN} is not in the input`,
          'documents.0.spec.template.spec.containers.0.args.7',
        );
      assertResult(
        only('VF-WEAVIATE-004', manifests),
        'unknown',
        `container "weaviate": the config file may hold API keys in plain text, but ${SHOWN} is not in the input`,
        'documents.0.spec.template.spec.containers.0.args.7',
      );
    });

    it('still decides the settings Weaviate takes from the environment alone', () => {
      assert.equal(only('VF-WEAVIATE-010', manifests).status, 'pass');
      assert.equal(only('VF-WEAVIATE-011', manifests).status, 'pass');
    });

    it('does not hide what the environment decides: anonymous access turned on there fails', () => {
      const on = [chartStatefulSet({ env: anonymousEnv('true') })];
      assert.equal(only('VF-WEAVIATE-001', on).status, 'fail');
    });
  });

  describe('plaintext credentials', () => {
    it('fails allowed_keys in the weaviate-config ConfigMap, naming the object, key and field, never a key', () => {
      const manifests = chartRelease(chartConfig(API_KEYS_IN_FILE));
      const found = results('VF-WEAVIATE-004', manifests);
      assert.deepEqual(
        found.map((r) => [r.status, r.resource.id, r.resource.path, r.message]),
        [
          [
            'fail',
            'weaviate/weaviate',
            CONFIG_FLAG,
            `container "weaviate": ${SHOWN} sets authentication.apikey.allowed_keys (2 values): a ConfigMap, not a Secret`,
          ],
          [
            'fail',
            'weaviate/weaviate-config',
            'documents.0.data.conf.yaml',
            'key conf.yaml is a Weaviate config file that sets authentication.apikey.allowed_keys (2 values) in plain text',
          ],
        ],
      );
      const everything = CONTROLS.flatMap((c) => c.check(inventoryFromObjects({ manifests }), { now: NOW }));
      assert.ok(everything.length > 0);
      for (const r of everything)
        assert.ok(!r.message.includes('plainText-API-Key'), `${r.message} shows a key`);
    });

    it('fails module keys and passwords written inline or taken from a ConfigMap, one result each', () => {
      const moduleKeys = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'module-keys', namespace: 'weaviate' },
        data: { COHERE_APIKEY: 'co-secret-value', LOG_LEVEL: 'info' },
      };
      const env = [
        { name: 'OPENAI_APIKEY', value: 'sk-secret-value' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: 'aws-secret-value' },
        {
          name: 'COHERE_APIKEY',
          valueFrom: { configMapKeyRef: { name: 'module-keys', key: 'COHERE_APIKEY' } },
        },
        {
          name: 'AUTHENTICATION_APIKEY_ALLOWED_KEYS',
          valueFrom: { secretKeyRef: { name: 'keys', key: 'keys' } },
        },
      ];
      const manifests = [
        chartConfigMap(chartConfig(API_KEYS_FROM_ENV)),
        chartStatefulSet({ env }),
        moduleKeys,
      ];
      const base = (chartStatefulSet().spec as { template: { spec: { containers: { env: unknown[] }[] } } })
        .template.spec.containers[0]!.env.length;
      assert.deepEqual(
        results('VF-WEAVIATE-004', manifests).map((r) => [
          r.status,
          r.resource.id,
          r.resource.path,
          r.message,
        ]),
        [
          [
            'fail',
            'weaviate/weaviate',
            `${POD_SPEC}.containers.0.env.${base}`,
            'container "weaviate": OPENAI_APIKEY is written inline as a literal value',
          ],
          [
            'fail',
            'weaviate/weaviate',
            `${POD_SPEC}.containers.0.env.${base + 1}`,
            'container "weaviate": AWS_SECRET_ACCESS_KEY is written inline as a literal value',
          ],
          [
            'fail',
            'weaviate/weaviate',
            `${POD_SPEC}.containers.0.env.${base + 2}`,
            'container "weaviate": COHERE_APIKEY comes from ConfigMap module-keys key COHERE_APIKEY, which is not a Secret',
          ],
          [
            'fail',
            'weaviate/module-keys',
            'documents.2.data.COHERE_APIKEY',
            'key COHERE_APIKEY holds a credential in plain text; ConfigMaps are not secret',
          ],
          [
            'pass',
            'weaviate/weaviate-config',
            'documents.0.data.conf.yaml',
            'key conf.yaml is a Weaviate config file without credentials',
          ],
        ],
      );
    });
  });

  describe('the database workload', () => {
    it('evaluates the StatefulSet and never the inference Deployment the chart labels as Weaviate', () => {
      const manifests = chartRelease(chartConfig(API_KEYS_FROM_ENV));
      const weaviate = CONTROLS.filter((c) => c.area === 'weaviate');
      assert.ok(weaviate.length > 0);
      for (const control of weaviate) {
        const found = control.check(inventoryFromObjects({ manifests }), { now: NOW });
        assert.ok(
          found.some((r) => r.resource.id === 'weaviate/weaviate'),
          `${control.id} evaluates the database`,
        );
        assert.ok(
          found.every((r) => r.resource.id !== 'weaviate/transformers-inference'),
          `${control.id} evaluates the inference module`,
        );
      }
    });

    it('does not take an inference Service behind a load balancer for the exposed database', () => {
      const [deployment, service] = chartInference() as [Obj, Obj];
      (service.spec as Obj).type = 'LoadBalancer';
      const manifests = [
        chartConfigMap(chartConfig(API_KEYS_FROM_ENV)),
        chartStatefulSet(),
        ...chartServices(),
        deployment,
        service,
      ];
      const exposed = results('VF-K8S-011', manifests);
      assert.deepEqual(
        exposed.map((r) => [r.status, r.resource.id]),
        [
          ['pass', 'weaviate/weaviate'],
          ['pass', 'weaviate/weaviate-grpc'],
          ['pass', 'weaviate/weaviate-headless'],
        ],
      );
    });

    it('tells the database by image, binary or ports, and the modules by image', () => {
      const cases: [Obj, boolean][] = [
        [{ image: 'semitechnologies/weaviate:1.38.2' }, true],
        [{ image: 'cr.weaviate.io/semitechnologies/weaviate:1.38.2@sha256:' + 'a'.repeat(64) }, true],
        [{ image: 'registry.example.com:5000/mirror/weaviate' }, true],
        [{ image: 'registry.example.com/vector/db:1', command: ['/bin/weaviate'] }, true],
        [
          {
            image: 'example/db:1',
            ports: [{ containerPort: 8080 }, { containerPort: 50051 }, { containerPort: 8300 }],
          },
          true,
        ],
        [{ image: 'example/db:1', ports: [{ containerPort: 8080 }], args: CHART_ARGS }, true],
        [{ image: 'cr.weaviate.io/semitechnologies/transformers-inference:sentence-transformers' }, false],
        [
          {
            image: 'cr.weaviate.io/semitechnologies/text2vec-contextionary:latest',
            ports: [{ containerPort: 8080 }],
          },
          false,
        ],
        [
          {
            image: 'mirror.example.com/semitechnologies/reranker-transformers:1',
            command: ['/bin/weaviate'],
          },
          false,
        ],
        [{ image: 'semitechnologies/qna-transformers:1' }, false],
        [{ image: 'semitechnologies/img2vec-pytorch:1' }, false],
        [{ image: 'semitechnologies/multi2vec-clip:1' }, false],
        [{ image: 'example/weaviate-exporter:1', ports: [{ containerPort: 9100 }] }, false],
        [{ image: 'example/api:1', ports: [{ containerPort: 8080 }] }, false],
      ];
      for (const [container, expected] of cases)
        assert.equal(isDatabaseContainer(container), expected, JSON.stringify(container));
    });
  });
});
