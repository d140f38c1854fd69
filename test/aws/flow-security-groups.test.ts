import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPONENT_TAG } from '../../src/flows/index.js';
import { resourcesOf, synth, tagsOf, type CfnTemplate } from './synth-helper.js';

const { json, result } = synth();
const groups = result.stack.network.securityGroups;

function allRules(t: CfnTemplate) {
  const rules: { direction: 'ingress' | 'egress'; props: Record<string, unknown> }[] = [];
  for (const [, sg] of resourcesOf(t, 'AWS::EC2::SecurityGroup')) {
    for (const r of (sg.Properties!.SecurityGroupIngress ?? []) as Record<string, unknown>[])
      rules.push({ direction: 'ingress', props: r });
    for (const r of (sg.Properties!.SecurityGroupEgress ?? []) as Record<string, unknown>[])
      rules.push({ direction: 'egress', props: r });
  }
  for (const [, r] of resourcesOf(t, 'AWS::EC2::SecurityGroupIngress'))
    rules.push({ direction: 'ingress', props: r.Properties! });
  for (const [, r] of resourcesOf(t, 'AWS::EC2::SecurityGroupEgress'))
    rules.push({ direction: 'egress', props: r.Properties! });
  return rules;
}

describe('security groups generated from the flow spec', () => {
  it('keeps an inline egress rule on every group, so EC2 never adds its default allow-all egress', () => {
    // Separate AWS::EC2::SecurityGroupEgress resources do not remove the default rule; only inline ones do.
    const all = resourcesOf(json, 'AWS::EC2::SecurityGroup');
    assert.ok(all.length >= 7, `${all.length} security groups`);
    for (const [id, sg] of all) {
      const egress = (sg.Properties!.SecurityGroupEgress ?? []) as Record<string, unknown>[];
      assert.ok(egress.length > 0, `${id} has no inline egress rule`);
      for (const rule of egress) assert.notEqual(rule.IpProtocol, '-1', `${id} allows all egress`);
    }
  });

  it('creates one group per AWS component, tagged with its component', () => {
    const tags = resourcesOf(json, 'AWS::EC2::SecurityGroup')
      .map(([, r]) => tagsOf(r).get(COMPONENT_TAG))
      .sort();
    assert.deepEqual(tags, [
      'api-key-rotation',
      'client-vpn',
      'eks-control-plane',
      'kubectl-handler',
      'nodes-system',
      'nodes-weaviate',
      'notifier',
      's3-endpoint',
      'vpc-endpoints',
    ]);
    assert.deepEqual(groups.componentIds.sort(), [
      'api-key-rotation',
      'aws-endpoints',
      'eks-api',
      'kubectl-handler',
      'nodes-system',
      'nodes-weaviate',
      'notifier',
      's3-endpoint',
      'vpn-endpoint',
    ]);
  });

  it('admits nothing from 0.0.0.0/0 or ::/0 in any security group', () => {
    const ingress = allRules(json).filter((r) => r.direction === 'ingress');
    assert.ok(ingress.length > 0, 'ingress rules were generated');
    for (const { props } of ingress) {
      assert.notEqual(props.CidrIp, '0.0.0.0/0');
      assert.notEqual(props.CidrIpv6, '::/0');
    }
  });

  it('writes every CIDR as a literal, so cdk-nag evaluates it instead of failing on a token', () => {
    const withCidr = allRules(json).filter((r) => r.props.CidrIp !== undefined);
    assert.ok(withCidr.length > 0, 'some rules name address ranges');
    for (const { props } of withCidr) assert.equal(typeof props.CidrIp, 'string', JSON.stringify(props));
  });

  it('opens no egress by default: every egress rule comes from a flow', () => {
    const egress = allRules(json).filter((r) => r.direction === 'egress');
    assert.ok(egress.length > 0, 'egress rules were generated');
    for (const { props } of egress) {
      assert.notEqual(props.IpProtocol, '-1', 'no all-traffic egress');
      const description = String(props.Description);
      assert.ok(description.startsWith('flows: ') || description === 'Disallow all traffic', description);
    }
  });

  it('implements every security-group flow of the spec with an ingress and/or egress rule', () => {
    const implemented = new Set(groups.rules.flatMap((r) => r.flows));
    const expected = result.stack.flowSpec.flows
      .filter((f) => f.enforcedBy.includes('security-group'))
      .map((f) => f.id);
    assert.deepEqual([...implemented].sort(), [...expected].sort());
  });

  it('maps pod flows to node groups: the ingress gateway (system nodes) reaches Weaviate (weaviate nodes) on 8080', () => {
    const rule = groups.rules.find(
      (r) => r.component === 'nodes-weaviate' && r.direction === 'ingress' && r.fromPort === 8080,
    );
    assert.deepEqual(rule, {
      component: 'nodes-weaviate',
      direction: 'ingress',
      peer: 'sg:nodes-system',
      protocol: 'tcp',
      fromPort: 8080,
      toPort: 8080,
      flows: [
        'ingress-gateway-to-weaviate-http',
        'backup-job-to-weaviate-backups',
        'backup-role-setup-to-weaviate-rbac',
        'restore-drill-to-weaviate-backups',
        'restore-drill-to-scratch-weaviate-restore',
      ],
    });
    const template = resourcesOf(json, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties!);
    assert.ok(
      template.some(
        (p) =>
          JSON.stringify(p.GroupId).includes('NodesWeaviate') &&
          JSON.stringify(p.SourceSecurityGroupId).includes('NodesSystem') &&
          p.FromPort === 8080,
      ),
    );
  });

  it('lets Weaviate nodes reach each other on gossip (TCP and UDP), data and Raft ports only', () => {
    const self = groups.rules
      .filter(
        (r) =>
          r.component === 'nodes-weaviate' && r.direction === 'ingress' && r.peer === 'sg:nodes-weaviate',
      )
      .map((r) => `${r.protocol}/${r.fromPort}`)
      .sort();
    assert.deepEqual(self, ['tcp/7946', 'tcp/7947', 'tcp/8300', 'tcp/8301', 'udp/7946']);
  });

  it('reaches S3 from the nodes through its interface endpoint, and from the kubectl handler through either endpoint', () => {
    const s3 = groups.rules.filter((r) => r.peer === 'prefix-list:com.amazonaws.us-east-1.s3');
    assert.deepEqual(
      s3.map((r) => `${r.component} ${r.direction} ${r.fromPort}`),
      ['kubectl-handler egress 443'],
    );
    const endpoint = groups.rules.filter((r) => r.component === 's3-endpoint');
    assert.deepEqual(endpoint.map((r) => `${r.direction} ${r.peer} ${r.protocol}/${r.fromPort}`).sort(), [
      'ingress sg:kubectl-handler tcp/443',
      'ingress sg:nodes-system tcp/443',
      'ingress sg:nodes-weaviate tcp/443',
    ]);
    // The prefix list the handler's rule names is resolved at deploy time, without a lookup at synthesis.
    const [[, lookup]] = resourcesOf(json, 'Custom::AWS');
    const call = JSON.parse(String(lookup!.Properties!.Create));
    assert.deepEqual(call.parameters, {
      Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }],
    });
    assert.equal(call.action, 'DescribeManagedPrefixLists');
  });

  it('lets the kubectl handler reach the API, the endpoints, S3 and (for upstream charts) the internet on 443 only', () => {
    const handler = groups.rules
      .filter((r) => r.component === 'kubectl-handler')
      .map((r) => `${r.direction} ${r.peer} ${r.fromPort}`);
    assert.deepEqual(handler.sort(), [
      'egress cidr:0.0.0.0/0 443',
      'egress prefix-list:com.amazonaws.us-east-1.s3 443',
      'egress sg:aws-endpoints 443',
      'egress sg:eks-api 443',
      'egress sg:s3-endpoint 443',
    ]);
    const oci = synth({
      mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/istio' },
    });
    assert.ok(
      !oci.result.stack.network.securityGroups.rules.some(
        (r) => r.component === 'kubectl-handler' && r.peer === 'cidr:0.0.0.0/0',
      ),
    );
  });

  it('opens an internet-facing load balancer group to 443 and 80 only when the blueprint exposes Weaviate', () => {
    const exposed = synth({
      exposure: 'alb',
      edge: {
        domainName: 'weaviate.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
      },
    });
    const alb = exposed.result.stack.network.securityGroups.rules
      .filter((r) => r.component === 'alb' && r.direction === 'ingress')
      .map((r) => `${r.peer} ${r.fromPort}`)
      .sort();
    assert.deepEqual(alb, ['cidr:0.0.0.0/0 443', 'cidr:0.0.0.0/0 80']);
    assert.throws(() => groups.securityGroup('alb'), /no AWS component "alb"/);
  });
});
