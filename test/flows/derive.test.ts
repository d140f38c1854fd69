import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBlueprint } from '../../src/blueprint/index.js';
import {
  awsNames,
  COMPONENT_IDS,
  deriveFlowSpec,
  NODE_GROUP_LABEL,
  NODE_ROLE_LABEL,
  parseFlowSpec,
  WEAVIATE_NODE_TAINT,
} from '../../src/flows/index.js';
import { ALB, CLOUDFRONT, INTERNAL_ALB, SITE_TO_SITE } from './capabilities/helpers.js';

const spec = (input: Record<string, unknown> = {}) => deriveFlowSpec(validateBlueprint(input, 'bp.yaml'));

describe('flow spec: AWS-side flows', () => {
  it('lets the kubectl handler answer CloudFormation through either S3 endpoint (custom-resource responses)', () => {
    const flows = spec().flows.filter((f) => f.id.endsWith('-cfn-responses'));
    assert.deepEqual(
      flows.map((f) => [f.from, f.to, f.port, f.protocol, f.enforcedBy]),
      [
        ['kubectl-handler', 's3-endpoint', 443, 'tcp', ['security-group', 'network-acl']],
        ['kubectl-handler', 's3', 443, 'tcp', ['security-group', 'network-acl']],
      ],
    );
  });

  it('gives the data tier no internet flow and claims it has no path there, by default', () => {
    const s = spec();
    assert.ok(!s.flows.some((f) => f.to === 'internet' && f.from.startsWith('nodes-')));
    assert.ok(s.denials.some((d) => d.id === 'data-tier-exfiltration'));
  });

  it('with allowDataTierInternetEgress, adds 443 to the internet for the nodes and drops the exfiltration claim', () => {
    const s = spec({ network: { allowDataTierInternetEgress: true }, images: { source: 'public' } });
    assert.deepEqual(
      s.flows.filter((f) => f.to === 'internet' && f.from.startsWith('nodes-')).map((f) => [f.id, f.port]),
      [
        ['nodes-system-to-internet-public-images', 443],
        ['nodes-weaviate-to-internet-public-images', 443],
      ],
    );
    assert.ok(!s.denials.some((d) => d.id === 'data-tier-exfiltration'));
  });
});

describe('flow spec: composed from the capabilities', () => {
  const variants: Record<string, Record<string, unknown>> = {
    default: {},
    'alb exposure': ALB,
    'internal alb': INTERNAL_ALB,
    cloudfront: CLOUDFRONT,
    'site-to-site vpn': SITE_TO_SITE,
    'mesh and monitoring off': { mesh: { enabled: false }, monitoring: { enabled: false } },
  };

  it('lists the components in the order of the id table, each once', () => {
    const ids = spec(CLOUDFRONT).components.map((c) => c.id);
    assert.ok(ids.length > 0);
    assert.deepEqual(
      ids,
      COMPONENT_IDS.filter((id) => ids.includes(id)),
    );
    assert.equal(new Set(ids).size, ids.length);
  });

  it('lists the flows section by section: client requests first, alerting, backups, the key rotation, logging, then the dashboards last', () => {
    const flows = spec().flows.map((f) => f.id);
    assert.deepEqual(flows.slice(0, 3), [
      'ingress-gateway-to-weaviate-http',
      'ingress-gateway-to-weaviate-grpc',
      'weaviate-to-weaviate-gossip',
    ]);
    const backupsStart = flows.indexOf('backup-job-to-weaviate-backups');
    assert.deepEqual(flows.slice(backupsStart - 2, backupsStart), [
      'notifier-to-aws-endpoints-aws-apis',
      'notifier-to-internet-webhooks',
    ]);
    const rotationStart = flows.indexOf('api-key-rotation-to-aws-endpoints-aws-apis');
    assert.deepEqual(flows.slice(rotationStart - 2, rotationStart), [
      'scratch-weaviate-to-scratch-weaviate-raft',
      'scratch-weaviate-to-scratch-weaviate-raft-rpc',
    ]);
    assert.deepEqual(flows.slice(rotationStart), [
      'api-key-rotation-to-aws-endpoints-aws-apis',
      'api-key-rotation-to-eks-api-restart-weaviate',
      'fluent-bit-to-aws-endpoints-logs',
      'fluent-bit-to-pod-identity-agent-credentials',
      'fluent-bit-to-eks-api-metadata',
      'grafana-to-prometheus-queries',
      'grafana-to-aws-endpoints-cloudwatch',
      'grafana-to-pod-identity-agent-credentials',
    ]);
  });

  it('gives the log collector only outbound flows, and none with collection off', () => {
    const touching = (input: Record<string, unknown>) =>
      spec(input).flows.filter((f) => f.from === 'fluent-bit' || f.to === 'fluent-bit');
    const on = touching({});
    assert.deepEqual(
      on.map((f) => `${f.from}->${f.to}:${f.port}/${f.protocol}`),
      [
        'fluent-bit->kube-dns:53/udp',
        'fluent-bit->kube-dns:53/tcp',
        'fluent-bit->aws-endpoints:443/tcp',
        'fluent-bit->pod-identity-agent:80/tcp',
        'fluent-bit->eks-api:443/tcp',
      ],
    );
    assert.deepEqual(touching({ logs: { collection: { enabled: false } } }), []);
    assert.equal(
      spec({ logs: { collection: { enabled: false } } }).components.some((c) => c.id === 'fluent-bit'),
      false,
    );
  });

  it("lists each node group's flows together: its own, Prometheus scraping it, then its AWS traffic", () => {
    const touching = (nodes: string) =>
      spec()
        .flows.filter((f) => f.from === nodes || f.to === nodes)
        .map((f) => f.id);
    assert.deepEqual(touching('nodes-system'), [
      'nodes-system-to-eks-api-kubelet-api',
      'eks-api-to-nodes-system-kubelet',
      'prometheus-to-nodes-system-kubelet-metrics',
      'nodes-system-to-aws-endpoints-aws-apis',
      'nodes-system-to-s3-endpoint-image-layers',
    ]);
    const ids = spec().flows.map((f) => f.id);
    assert.ok(
      ids.indexOf('nodes-system-to-s3-endpoint-image-layers') <
        ids.indexOf('nodes-weaviate-to-eks-api-kubelet-api'),
    );
  });

  it('gives every denial its class, in the order of the id table', () => {
    assert.deepEqual(
      spec().denials.map((d) => [d.id, d.class]),
      [
        ['internet-to-private-tiers', 'internet-isolation'],
        ['internet-to-weaviate', 'internet-isolation'],
        ['data-tier-exfiltration', 'exfiltration'],
        ['pods-to-instance-metadata', 'instance-metadata'],
        ['other-namespaces-to-weaviate', 'namespace-isolation'],
        ['eks-api-from-outside', 'api-access'],
        ['nothing-reaches-grafana', 'namespace-isolation'],
      ],
    );
  });

  it('keeps every workload pod of the enabled capabilities away from the instance metadata service', () => {
    const from = (input: Record<string, unknown>) =>
      spec(input).denials.find((d) => d.id === 'pods-to-instance-metadata')?.from;
    const monitoring = ['prometheus', 'alertmanager', 'prometheus-operator'];
    const jobs = ['backup-job', 'backup-role-setup', 'restore-drill', 'scratch-weaviate'];
    const logs = ['fluent-bit'];
    const dashboards = ['grafana'];
    assert.deepEqual(from({}), [
      'weaviate',
      'ingress-gateway',
      ...monitoring,
      ...jobs,
      ...logs,
      ...dashboards,
    ]);
    const certManager = [
      'cert-manager',
      'cert-manager-webhook',
      'cert-manager-cainjector',
      'cert-manager-startupapicheck',
    ];
    assert.deepEqual(from(ALB), [
      'weaviate',
      'ingress-gateway',
      ...monitoring,
      'lb-controller',
      ...jobs,
      ...certManager,
      ...logs,
      ...dashboards,
    ]);
    assert.deepEqual(from({ monitoring: { stack: { enabled: false } } }), [
      'weaviate',
      'ingress-gateway',
      'prometheus',
      ...jobs,
      ...logs,
    ]);
    assert.deepEqual(from({ monitoring: { enabled: false } }), [
      'weaviate',
      'ingress-gateway',
      ...jobs,
      ...logs,
    ]);
    assert.deepEqual(from({ logs: { collection: { enabled: false } } }), [
      'weaviate',
      'ingress-gateway',
      ...monitoring,
      ...jobs,
      ...dashboards,
    ]);
    assert.deepEqual(from({ backup: { restoreDrill: { enabled: false } } }), [
      'weaviate',
      'ingress-gateway',
      ...monitoring,
      'backup-job',
      'backup-role-setup',
      ...logs,
      ...dashboards,
    ]);
  });

  for (const [name, input] of Object.entries(variants))
    it(`derives a spec that reads back unchanged, with unique flow ids naming declared components (${name})`, () => {
      const derived = spec(input);
      const ids = derived.flows.map((f) => f.id);
      assert.ok(ids.length > 0);
      assert.equal(new Set(ids).size, ids.length);
      const plain: unknown = JSON.parse(JSON.stringify(derived));
      assert.deepEqual(parseFlowSpec(plain, { file: 'template.json', path: 'Metadata' }), plain);
    });
});

describe('shared names', () => {
  it('names the cluster after the blueprint and exports the node labels and taint the charts use', () => {
    assert.equal(awsNames(validateBlueprint({ name: 'search' }, 'bp.yaml')).clusterName, 'search');
    assert.equal(NODE_GROUP_LABEL, 'vectorfort.dev/node-group');
    assert.equal(NODE_ROLE_LABEL, 'vectorfort.dev/node-role');
    assert.deepEqual(WEAVIATE_NODE_TAINT, { key: 'dedicated', value: 'weaviate', effect: 'NoSchedule' });
  });
});
