/**
 * cert-manager in the stack: installed (pinned, restricted, on the system nodes) only when the ingress gateway
 * serves TLS, before the mesh chart that holds the gateway's issuers and certificate.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CERT_MANAGER_CHART } from '../../src/aws/cert-manager.js';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties are free-form
const props = (r: CfnResource) => r.Properties as Record<string, any>;
const helmCharts = (json: CfnTemplate) => resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart');
const certManagerChart = (json: CfnTemplate) =>
  helmCharts(json).find(([, r]) => props(r).Release === 'cert-manager');

const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  privileged: false,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('cert-manager (exposure alb)', () => {
  const { json } = synth(example('public-alb.yaml'));
  const [chartId, chart] = certManagerChart(json)!;
  const values = JSON.parse(props(chart).Values as string) as Record<string, Record<string, unknown>>;

  it('installs the pinned chart with its CRDs into its own namespace, waiting for it to be ready', () => {
    assert.equal(props(chart).Chart, 'cert-manager');
    assert.equal(props(chart).Version, CERT_MANAGER_CHART.version);
    assert.equal(props(chart).Repository, 'https://charts.jetstack.io');
    assert.equal(props(chart).Namespace, 'cert-manager');
    assert.equal(props(chart).Wait, true);
    assert.deepEqual(values.crds, { enabled: true, keep: true });
    // The production preset pulls through the account's ECR mirror, which keeps the upstream path.
    assert.equal(values.imageRegistry, '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror');
    assert.equal(values.imageNamespace, 'jetstack');
  });

  it('runs every component under the restricted profile on the system nodes, two replicas of each long-running one', () => {
    const components: Record<string, unknown>[] = [
      values,
      values.webhook!,
      values.cainjector!,
      values.startupapicheck!,
    ];
    for (const c of components) {
      assert.deepEqual(
        { ...(c.containerSecurityContext as object), runAsUser: undefined, runAsGroup: undefined },
        {
          ...RESTRICTED_CONTAINER,
          runAsUser: undefined,
          runAsGroup: undefined,
        },
      );
      assert.equal((c.securityContext as { runAsNonRoot: boolean }).runAsNonRoot, true);
      assert.deepEqual(c.nodeSelector, { 'vectorfort.dev/node-role': 'system' });
    }
    assert.deepEqual(
      [values.replicaCount, values.webhook!.replicaCount, values.cainjector!.replicaCount],
      [2, 2, 2],
    );
    assert.equal(values.webhook!.securePort, 10260, "not the kubelet's 10250");
    assert.deepEqual(values.prometheus, { enabled: false });
  });

  it("comes before the mesh chart, which holds the gateway's issuers and certificate", () => {
    const mesh = resourcesOf(json, 'Custom::AWSCDK-EKS-KubernetesResource').find(([id]) =>
      id.startsWith('EksClustermanifestManifestmesh'),
    )!;
    assert.ok((mesh[1].DependsOn as string[]).includes(chartId));
    const manifest = JSON.stringify(props(mesh[1]).Manifest);
    assert.match(manifest, /cert-manager\.io\/v1/);
  });

  it('gives the gateway Service the TLS port the target groups reach', () => {
    const [, gateway] = helmCharts(json).find(([, r]) => props(r).Release === 'ingress-gateway')!;
    const ports = (JSON.parse(props(gateway).Values as string) as { service: { ports: unknown[] } }).service
      .ports;
    assert.deepEqual(ports, [
      { name: 'status-port', port: 15021, protocol: 'TCP' },
      { name: 'https', port: 8443, targetPort: 8443, protocol: 'TCP' },
    ]);
  });
});

describe('cert-manager without exposure (the default)', () => {
  it('is not installed: nothing forwards to the gateway', () => {
    const { json } = synth({});
    assert.ok(helmCharts(json).length > 0);
    assert.equal(certManagerChart(json), undefined);
  });
});
