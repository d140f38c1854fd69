import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PodIdentityRole } from '../../src/aws/pod-identity-role.js';
import { addWorkload, SECRETS_STORE_ADDON, type WorkloadProps } from '../../src/aws/workload.js';
import { CHART_NAMES } from '../../src/k8s/index.js';
import type { RenderedChart } from '../../src/k8s/types.js';
import { bareStack, importedCluster, keyPolicySids, type Properties } from './part-helper.js';

const chart = (name: string, order: number): RenderedChart => ({
  name,
  order,
  objects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-marker`, namespace: 'weaviate' } },
  ],
});
const CORE = [
  chart(CHART_NAMES.weaviate, 3),
  chart(CHART_NAMES.namespaces, 0),
  chart(CHART_NAMES.networkPolicies, 1),
];
const INGRESS_GATEWAY = {
  namespace: 'ingress',
  labels: { istio: 'ingressgateway' },
  serviceAccount: 'ingress-gateway',
  httpPort: 8080,
  healthPort: 15021,
};

function build(
  extraOrOf: Partial<WorkloadProps> | ((bare: ReturnType<typeof bareStack>) => Partial<WorkloadProps>) = {},
) {
  const bare = bareStack();
  const extra = typeof extraOrOf === 'function' ? extraOrOf(bare) : extraOrOf;
  const cluster = importedCluster(bare.stack);
  const identity = new PodIdentityRole(bare.stack, 'WeaviateIdentity', {
    clusterName: 'demo',
    clusterNameLiteral: 'demo',
    namespace: 'weaviate',
    serviceAccount: 'weaviate',
  });
  const workload = addWorkload(bare.stack, {
    cluster,
    nodes: [],
    charts: CORE,
    secretsKey: bare.key,
    weaviateIdentity: identity,
    secretNames: { apiKeys: 'demo/weaviate/api-keys', clusterAuth: 'demo/weaviate/cluster-auth' },
    chartRepository: 'https://istio-release.storage.googleapis.com/charts',
    prometheusNamespace: 'monitoring',
    ...extra,
  });
  const template = Template.fromStack(bare.stack);
  return { ...bare, workload, template, identity };
}

const manifestsOf = (template: Template) =>
  Object.entries(template.findResources('Custom::AWSCDK-EKS-KubernetesResource')) as [string, Properties][];
const helmReleases = (template: Template) =>
  Object.values(template.findResources('Custom::AWSCDK-EKS-HelmChart')).map(
    (r) => (r as Properties).Properties.Release as string,
  );

describe('workload in a bare stack', () => {
  const minimal = build();

  it('applies the charts in their order, each manifest after the ones it depends on', () => {
    assert.deepEqual(
      minimal.workload.charts.map((c) => c.name),
      [CHART_NAMES.namespaces, CHART_NAMES.networkPolicies, CHART_NAMES.weaviate],
    );
    const manifests = manifestsOf(minimal.template);
    assert.equal(manifests.length, 3);
    const idOf = (name: string) =>
      manifests.find(([id]) => id.includes(`Manifest${name.replace(/-/g, '')}`))![0];
    const weaviate = manifests.find(([id]) => id === idOf(CHART_NAMES.weaviate))![1];
    assert.ok(weaviate.DependsOn.includes(idOf(CHART_NAMES.namespaces)));
    assert.ok(weaviate.DependsOn.includes(idOf(CHART_NAMES.networkPolicies)));
  });

  it('installs the Secrets Store add-on and no Helm release without mesh or monitoring', () => {
    minimal.template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: SECRETS_STORE_ADDON,
      ClusterName: 'demo',
    });
    assert.deepEqual(helmReleases(minimal.template), []);
  });

  it('generates only the cluster credentials without API keys, readable by Weaviate through Secrets Manager', () => {
    const names = Object.values(minimal.template.findResources('AWS::SecretsManager::Secret')).map(
      (r) => (r as Properties).Properties.Name,
    );
    assert.deepEqual(names, ['demo/weaviate/cluster-auth']);
    assert.equal(minimal.workload.apiKeysSecret, undefined);
    const sids = keyPolicySids(minimal.template, minimal.stack, minimal.key);
    assert.ok(sids.includes('WeaviateSecretsThroughSecretsManager'));
    assert.ok(sids.includes('WeaviateReadsItsSecrets'));
  });

  it('gives every API-key user its own rotated key secret beside the roster when API keys are on', () => {
    const { template } = build((bare) => ({
      apiKeys: {
        name: 'demo',
        users: ['admin', 'app'],
        rotationInterval: Duration.days(30),
        logsKey: bare.key,
      },
    }));
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'demo/weaviate/api-keys',
      GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'unset' },
    });
    for (const user of ['admin', 'app'])
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `demo/weaviate/api-keys/${user}`,
        GenerateSecretString: { SecretStringTemplate: JSON.stringify({ user }), GenerateStringKey: 'key' },
      });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 3);
  });

  it('installs Istio base, cni, istiod and the gateway before the mesh chart, from the OCI mirror when given', () => {
    const mirror = 'oci://111111111111.dkr.ecr.eu-west-1.amazonaws.com/charts';
    const { template, workload } = build({
      charts: [...CORE, chart(CHART_NAMES.mesh, 2), chart(CHART_NAMES.monitoring, 4)],
      chartRepository: mirror,
      mesh: {
        istioVersion: '1.28.0',
        chartRepository: mirror,
        imageHub: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/mirror/istio',
        ingressReplicas: 2,
        istiodNamespace: 'istio-system',
        ingressGateway: INGRESS_GATEWAY,
      },
    });
    assert.deepEqual(helmReleases(template).sort(), [
      'ingress-gateway',
      'istio-base',
      'istio-cni',
      'istiod',
      'prometheus-operator-crds',
    ]);
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Release: 'istiod',
      Repository: `${mirror}/istiod`,
      Version: '1.28.0',
    });
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Release: 'prometheus-operator-crds',
      Repository: `${mirror}/prometheus-operator-crds`,
      Namespace: 'monitoring',
    });
    assert.deepEqual(Object.keys(workload.manifests).sort(), [
      CHART_NAMES.mesh,
      CHART_NAMES.monitoring,
      CHART_NAMES.namespaces,
      CHART_NAMES.networkPolicies,
      CHART_NAMES.weaviate,
    ]);
  });
});
