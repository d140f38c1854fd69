import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PodIdentityRole } from '../../src/aws/pod-identity-role.js';
import { addWorkload, SECRETS_STORE_ADDON, type WorkloadProps } from '../../src/aws/workload.js';
import { CHART_NAMES } from '../../src/k8s/index.js';
import { API_KEY_ROLLOUT_GROUP } from '../../src/k8s/weaviate/key-rollout-rbac.js';
import type { RenderedChart } from '../../src/k8s/types.js';
import { bareStack, importedCluster, keyPolicySids, onlyResource, type Properties } from './part-helper.js';

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
  /** Adds to the stack before it is synthesized. */
  then?: (workload: ReturnType<typeof addWorkload>, bare: ReturnType<typeof bareStack>) => void,
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
    apiKeys: apiKeysWith(bare, []),
    chartRepository: 'https://istio-release.storage.googleapis.com/charts',
    prometheusNamespace: 'monitoring',
    ...extra,
  });
  then?.(workload, bare);
  const template = Template.fromStack(bare.stack);
  return { ...bare, workload, template, identity };
}

/** The rotation's settings: in the bare stack's VPC, with its security group. */
function apiKeysWith(bare: ReturnType<typeof bareStack>, users: string[]): WorkloadProps['apiKeys'] {
  return {
    name: 'demo',
    users,
    rotationInterval: Duration.days(30),
    logsKey: bare.key,
    vpc: bare.vpc,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroup: bare.securityGroup,
    weaviate: { namespace: 'weaviate', statefulSet: 'weaviate' },
    clusterAuth: {
      window: { dayOfWeek: 'SUN', weekOfMonth: 1, startHourUtc: 3, windowHours: 3 },
      pods: ['weaviate-0', 'weaviate-1', 'weaviate-2'],
    },
  };
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

  it('generates the cluster credentials and the roster (for the backup key) without client API keys, readable by Weaviate through Secrets Manager', () => {
    const names = Object.values(minimal.template.findResources('AWS::SecretsManager::Secret')).map(
      (r) => (r as Properties).Properties.Name,
    );
    assert.deepEqual(names.sort(), ['demo/weaviate/api-keys', 'demo/weaviate/cluster-auth']);
    assert.ok(minimal.workload.apiKeysSecret);
    const sids = keyPolicySids(minimal.template, minimal.stack, minimal.key);
    assert.ok(sids.includes('WeaviateSecretsThroughSecretsManager'));
    assert.ok(sids.includes('WeaviateReadsItsSecrets'));
  });

  it('gives every API-key user its own rotated key secret beside the roster when API keys are on', () => {
    const { template } = build((bare) => ({ apiKeys: apiKeysWith(bare, ['admin', 'app']) }));
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'demo/weaviate/api-keys',
      GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'unset' },
    });
    for (const user of ['admin', 'app'])
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `demo/weaviate/api-keys/${user}`,
        GenerateSecretString: { SecretStringTemplate: JSON.stringify({ user }), GenerateStringKey: 'key' },
      });
    // The roster's, each user's, and the cluster password's.
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 4);
  });

  it('runs the rotation function in the VPC with one Kubernetes group and no access policy, and rotates the backup key with the users', () => {
    let duplicate: unknown;
    const { template: after } = build(
      (bare) => ({ apiKeys: apiKeysWith(bare, ['app']) }),
      (workload, bare) => {
        const backup = new secretsmanager.Secret(bare.stack, 'BackupKey', {
          secretName: 'demo/weaviate/backup-api-key',
        });
        workload.apiKeyRotation.rotateUserSecret(bare.stack, 'backup', backup);
        try {
          workload.apiKeyRotation.rotateUserSecret(bare.stack, 'app', backup);
        } catch (error) {
          duplicate = error;
        }
      },
    );
    assert.match(String(duplicate), /already has a rotated key secret/);
    after.hasResourceProperties('AWS::EKS::AccessEntry', {
      ClusterName: 'demo',
      Type: 'STANDARD',
      KubernetesGroups: [API_KEY_ROLLOUT_GROUP],
      AccessPolicies: Match.absent(),
    });
    const fn = onlyResource(after, 'AWS::Lambda::Function');
    assert.equal(fn.Timeout, 900);
    assert.ok(fn.VpcConfig.SubnetIds.length > 0 && fn.VpcConfig.SecurityGroupIds.length === 1);
    const env = fn.Environment.Variables;
    assert.equal(env.VF_USER_NAMES, '["app","backup"]');
    assert.equal(env.VF_WEAVIATE_NAMESPACE, 'weaviate');
    assert.equal(env.VF_ROSTER_K8S_SECRET, 'weaviate-api-keys');
    assert.equal(env.VF_CLUSTER_ENDPOINT, 'https://EXAMPLE.gr7.eu-west-1.eks.amazonaws.com');
    // The roster's schedule, app's, the backup key's and the cluster password's; the roster's comes after the
    // two user keys'.
    after.resourceCountIs('AWS::SecretsManager::RotationSchedule', 4);
    const schedules = Object.entries(after.findResources('AWS::SecretsManager::RotationSchedule'));
    const roster = schedules.find(([, r]) => JSON.stringify(r.Properties.SecretId).includes('Roster'))!;
    assert.equal(roster[1].DependsOn.filter((d: string) => d.includes('Schedule')).length, 2);
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
