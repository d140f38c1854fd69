import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCharts } from '../../src/k8s/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import {
  PROMETHEUS_CRDS_CHART,
  SECRETS_STORE_ADDON,
  secretsStoreAddonConfiguration,
} from '../../src/aws/workload.js';
import { logicalIdAt, resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const manifests = (json: CfnTemplate) =>
  new Map(
    resourcesOf(json, 'Custom::AWSCDK-EKS-KubernetesResource')
      .filter(([id]) => id.includes('Manifest'))
      .map(([id, r]) => [
        id.replace(/^EksClustermanifestManifest/, '').replace(/[0-9A-F]{8}$/, ''),
        { id, r },
      ]),
  );
const helm = (json: CfnTemplate) =>
  new Map(
    resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').map(([id, r]) => [
      id.replace(/^EksClusterchart/, '').replace(/[0-9A-F]{8}$/, ''),
      { id, r },
    ]),
  );
/** aws-eks-v2 labels every applied object for pruning; the rest must be exactly what was rendered. */
const withoutPruneLabels = (objects: { metadata: { labels?: Record<string, string> } }[]) =>
  objects.map((o) => {
    const labels = Object.fromEntries(
      Object.entries(o.metadata.labels ?? {}).filter(([k]) => !k.startsWith('aws.cdk.eks/prune-')),
    );
    const { labels: _drop, ...metadata } = o.metadata;
    return { ...o, metadata: Object.keys(labels).length ? { ...metadata, labels } : metadata };
  });
const dependsOn = (r: CfnResource) => new Set(r.DependsOn ?? []);

describe('workload in the stack', () => {
  const { json, blueprint } = synth();
  const m = manifests(json);
  const h = helm(json);

  it('applies exactly the rendered charts, objects unchanged (no tokens)', () => {
    const charts = renderCharts(blueprint, deriveFlowSpec(blueprint));
    assert.deepEqual([...m.keys()].sort(), charts.map((c) => c.name.replace(/-/g, '')).sort());
    for (const chart of charts) {
      const applied = m.get(chart.name.replace(/-/g, ''))!.r.Properties!.Manifest;
      assert.equal(typeof applied, 'string', `${chart.name} carries no CloudFormation token`);
      assert.deepEqual(withoutPruneLabels(JSON.parse(applied as string)), chart.objects);
    }
  });

  it('applies each chart after what it depends on', () => {
    const id = (name: string) => m.get(name)!.id;
    assert.ok(dependsOn(m.get('networkpolicies')!.r).has(id('namespaces')));
    const weaviate = dependsOn(m.get('weaviate')!.r);
    for (const dep of ['namespaces', 'networkpolicies', 'mesh']) assert.ok(weaviate.has(id(dep)), dep);
    assert.ok(weaviate.has(h.get('Istiod')!.id), 'sidecar injection exists before the pods');
    const addon = resourcesOf(json, 'AWS::EKS::Addon').find(
      ([, r]) => r.Properties!.AddonName === SECRETS_STORE_ADDON,
    )!;
    assert.ok(weaviate.has(addon[0]), 'SecretProviderClass CRD before the pods');
    for (const [sid] of resourcesOf(json, 'AWS::SecretsManager::Secret').filter(([x]) =>
      x.startsWith('EksWeaviate'),
    ))
      assert.ok(weaviate.has(sid), sid);
    const mesh = dependsOn(m.get('mesh')!.r);
    assert.ok(mesh.has(h.get('Istiod')!.id) && mesh.has(h.get('IngressGateway')!.id));
    assert.ok(dependsOn(m.get('monitoring')!.r).has(h.get('PrometheusOperatorCrds')!.id));
  });

  it('installs Istio base → cni → istiod → gateway from the blueprint repository, pinned', () => {
    for (const name of ['IstioBase', 'IstioCni', 'Istiod', 'IngressGateway']) {
      const p = h.get(name)!.r.Properties!;
      assert.equal(p.Repository, 'https://istio-release.storage.googleapis.com/charts', name);
      assert.equal(p.Version, '1.27.3', name);
    }
    assert.ok(dependsOn(h.get('IstioCni')!.r).has(h.get('IstioBase')!.id));
    assert.ok(dependsOn(h.get('Istiod')!.r).has(h.get('IstioCni')!.id));
    assert.ok(dependsOn(h.get('IngressGateway')!.r).has(h.get('Istiod')!.id));
    const istiod = JSON.parse(h.get('Istiod')!.r.Properties!.Values as string) as {
      pilot: { cni: { enabled: boolean } };
      global: { hub: string };
    };
    assert.equal(istiod.pilot.cni.enabled, true);
    assert.equal(istiod.global.hub, '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/istio');
  });

  it('runs the ingress gateway behind a ClusterIP Service on 8080 under the restricted profile', () => {
    const p = h.get('IngressGateway')!.r.Properties!;
    assert.equal(p.Namespace, 'istio-ingress');
    assert.equal(p.Release, 'ingress-gateway');
    const v = JSON.parse(p.Values as string) as {
      service: { type: string; ports: { port: number }[] };
      serviceAccount: { name: string };
      labels: Record<string, string>;
      securityContext: Record<string, unknown>;
      containerSecurityContext: Record<string, unknown>;
    };
    assert.equal(v.service.type, 'ClusterIP');
    assert.deepEqual(
      v.service.ports.map((x) => x.port),
      [15021, 8080],
    );
    assert.equal(v.serviceAccount.name, 'ingress-gateway');
    assert.equal(v.labels.istio, 'ingressgateway');
    assert.equal(v.securityContext.runAsNonRoot, true);
    assert.deepEqual(v.securityContext.seccompProfile, { type: 'RuntimeDefault' });
    assert.equal(v.containerSecurityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(v.containerSecurityContext.capabilities, { drop: ['ALL'] });
    // Istio's proxy user, on the pod and on the container.
    assert.equal(v.securityContext.runAsUser, 1337);
    assert.equal(v.containerSecurityContext.runAsUser, 1337);
    assert.equal(v.containerSecurityContext.readOnlyRootFilesystem, true);
  });

  it('pulls every chart from an OCI mirror when the blueprint names one', () => {
    const mirror = 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/charts';
    const hm = helm(synth({ mesh: { chartRepository: mirror } }).json);
    assert.equal(hm.get('Istiod')!.r.Properties!.Repository, `${mirror}/istiod`);
    assert.equal(hm.get('IngressGateway')!.r.Properties!.Repository, `${mirror}/gateway`);
    assert.equal(
      hm.get('PrometheusOperatorCrds')!.r.Properties!.Repository,
      `${mirror}/${PROMETHEUS_CRDS_CHART.chart}`,
    );
  });

  it('generates the secrets in Secrets Manager, encrypted with the EKS secrets key, readable by Weaviate only', () => {
    const eksSecretsKey = logicalIdAt(json, '/Keys/EksSecrets/Resource');
    const secrets = resourcesOf(json, 'AWS::SecretsManager::Secret').filter(([, r]) =>
      String(r.Properties!.Name).startsWith('weaviate/weaviate/'),
    );
    // The roster Weaviate reads, one key secret per API-key user (the default: admin), the cluster credentials.
    assert.deepEqual(secrets.map(([, r]) => r.Properties!.Name).sort(), [
      'weaviate/weaviate/api-keys',
      'weaviate/weaviate/api-keys/admin',
      'weaviate/weaviate/backup-api-key',
      'weaviate/weaviate/cluster-auth',
    ]);
    for (const [, r] of secrets) {
      const g = r.Properties!.GenerateSecretString as { PasswordLength: number; ExcludePunctuation: boolean };
      assert.ok(g.PasswordLength >= 32);
      assert.equal(r.Properties!.SecretString, undefined, 'never a literal value');
      assert.deepEqual(r.Properties!.KmsKeyId, { 'Fn::GetAtt': [eksSecretsKey, 'Arn'] });
    }
    const [, key] = resourcesOf(json, 'AWS::KMS::Key').find(([id]) => id === eksSecretsKey)!;
    const statements = (key.Properties!.KeyPolicy as { Statement: { Sid?: string; Condition?: unknown }[] })
      .Statement;
    assert.equal(statements.filter((st) => st.Sid === undefined).length, 0, 'no unnamed grant from the L2');
    const viaSecrets = statements.find((st) => st.Sid === 'WeaviateSecretsThroughSecretsManager')!;
    assert.match(JSON.stringify(viaSecrets.Condition), /secret:weaviate\/weaviate\/api-keys-\?{6}/);
    assert.match(JSON.stringify(viaSecrets.Condition), /secretsmanager\.us-east-1\.amazonaws\.com/);
    const policy = resourcesOf(json, 'AWS::IAM::ManagedPolicy').find(([id]) =>
      id.startsWith('EksWeaviateSecretsPolicy'),
    )!;
    const doc = JSON.stringify(policy[1].Properties!.PolicyDocument);
    assert.match(doc, /secretsmanager:GetSecretValue/);
    assert.doesNotMatch(doc, /"Resource":"\*"/);
  });

  it('installs the Secrets Store CSI add-on with secret sync, tolerating the Weaviate nodes', () => {
    const [, addon] = resourcesOf(json, 'AWS::EKS::Addon').find(
      ([, r]) => r.Properties!.AddonName === SECRETS_STORE_ADDON,
    )!;
    assert.deepEqual(
      JSON.parse(addon.Properties!.ConfigurationValues as string),
      secretsStoreAddonConfiguration(),
    );
    const driver = secretsStoreAddonConfiguration()['secrets-store-csi-driver'] as {
      syncSecret: { enabled: boolean };
      enableSecretRotation: boolean;
    };
    assert.equal(driver.syncSecret.enabled, true);
    // The synced Secret follows the API-key roster, which the rotation function rewrites.
    assert.equal(driver.enableSecretRotation, true);
  });

  it('leaves out Istio and the mesh chart when the mesh is off, and monitoring when it is off', () => {
    const { json: off } = synth({ mesh: { enabled: false }, monitoring: { enabled: false } });
    // The log collector is the one Helm release that neither switch concerns.
    assert.deepEqual([...helm(off).keys()], ['FluentBit']);
    assert.deepEqual([...manifests(off).keys()].sort(), [
      'backups',
      'namespaces',
      'networkpolicies',
      'weaviate',
    ]);
  });
});
