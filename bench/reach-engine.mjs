// Measures the reachability engine in process: (1) the default output's analysis (the flow spec's proof
// obligations over the synthesized template and the rendered charts); (2) generated networks of 1k / 10k /
// 100k security-group rules with 1k / 10k pods and as many NetworkPolicies: building the model, 1,000
// pod-to-pod and pod-to-instance queries, and the internet-exposure scan of every attachment.
// Targets: default analysis under 200 ms; 10k rules + 1k pods + 1k policies under 2 s; near-linear growth.
// Median of N runs (default 3). Usage: node --import tsx bench/reach-engine.mjs [runs]
// (writes bench/results/reach-engine.json)
import { performance } from 'node:perf_hooks';
import { runsArgument, sized, writeResult } from './lib/options.mjs';
import { machine, median } from './lib/timing.mjs';

const runs = runsArgument(3);
const { inventoryFromObjects } = await import('../src/inventory/index.ts');
const { analyse, buildNetworkModel, canReach, analyseForeign } = await import('../src/reach/engine/index.ts');

function generated(rules, pods, policies) {
  const R = {};
  R.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/8' } };
  const subnets = 16;
  for (let s = 0; s < subnets; s++) {
    R[`S${s}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { CidrBlock: `10.${s}.0.0/16`, VpcId: { Ref: 'Vpc' } },
    };
    R[`S${s}Rt`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } };
    R[`S${s}A`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: { Ref: `S${s}` }, RouteTableId: { Ref: `S${s}Rt` } },
    };
  }
  R.Acl = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } };
  for (let e = 0; e < 20; e++)
    for (const egress of [false, true])
      R[`Acl${egress ? 'O' : 'I'}${e}`] = {
        Type: 'AWS::EC2::NetworkAclEntry',
        Properties: {
          NetworkAclId: { Ref: 'Acl' },
          RuleNumber: 100 + e,
          Egress: egress,
          RuleAction: e === 3 ? 'deny' : 'allow',
          CidrBlock: `10.${e % 16}.0.0/16`,
          Protocol: 6,
          PortRange: { From: e === 19 ? 1024 : 1000 * e, To: e === 19 ? 65535 : 1000 * e + 999 },
        },
      };
  for (const egress of [false, true])
    R[`Acl${egress ? 'O' : 'I'}Vpc`] = {
      Type: 'AWS::EC2::NetworkAclEntry',
      Properties: {
        NetworkAclId: { Ref: 'Acl' },
        RuleNumber: 200,
        Egress: egress,
        RuleAction: 'allow',
        CidrBlock: '10.0.0.0/8',
        Protocol: 6,
        PortRange: { From: 0, To: 65535 },
      },
    };
  for (let s = 0; s < subnets; s++)
    R[`S${s}Acl`] = {
      Type: 'AWS::EC2::SubnetNetworkAclAssociation',
      Properties: { SubnetId: { Ref: `S${s}` }, NetworkAclId: { Ref: 'Acl' } },
    };
  const groups = Math.max(4, Math.round(rules / 10));
  for (let g = 0; g < groups; g++) {
    const ingress = [];
    for (let r = 0; r < 10; r++)
      ingress.push(
        r % 3 === 0
          ? {
              IpProtocol: 'tcp',
              FromPort: 8000 + r,
              ToPort: 8000 + r,
              SourceSecurityGroupId: { 'Fn::GetAtt': [`G${(g + r) % groups}`, 'GroupId'] },
            }
          : {
              IpProtocol: 'tcp',
              FromPort: 1000 * (r % 60),
              ToPort: 1000 * (r % 60) + 10,
              CidrIp: `10.${(g + r) % 16}.0.0/16`,
            },
      );
    // The node groups' groups admit pod traffic on 8080 from the VPC, so some pod-to-pod queries pass.
    if (g < 4) ingress.push({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '10.0.0.0/8' });
    R[`G${g}`] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'g', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: ingress },
    };
    R[`I${g}`] = {
      Type: 'AWS::EC2::Instance',
      Properties: {
        SubnetId: { Ref: `S${g % subnets}` },
        SecurityGroupIds: [{ 'Fn::GetAtt': [`G${g}`, 'GroupId'] }],
      },
    };
  }
  R.Cluster = {
    Type: 'AWS::EKS::Cluster',
    Properties: { ResourcesVpcConfig: { SubnetIds: [{ Ref: 'S0' }], EndpointPublicAccess: false } },
  };
  for (let n = 0; n < 4; n++) {
    R[`Lt${n}`] = {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          SecurityGroupIds: [{ 'Fn::GetAtt': [`G${n}`, 'GroupId'] }],
          MetadataOptions: { HttpPutResponseHopLimit: 1 },
        },
      },
    };
    R[`Ng${n}`] = {
      Type: 'AWS::EKS::Nodegroup',
      Properties: {
        ClusterName: { Ref: 'Cluster' },
        Subnets: [{ Ref: `S${n}` }],
        Labels: { pool: `p${n}` },
        LaunchTemplate: { Id: { Ref: `Lt${n}` } },
      },
    };
  }
  R.Cni = {
    Type: 'AWS::EKS::Addon',
    Properties: {
      AddonName: 'vpc-cni',
      ClusterName: { Ref: 'Cluster' },
      ConfigurationValues: '{"enableNetworkPolicy":"true"}',
    },
  };
  const manifests = [];
  const namespaces = Math.max(1, Math.round(pods / 50));
  for (let ns = 0; ns < namespaces; ns++)
    manifests.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns${ns}`, labels: { team: `t${ns % 7}` } },
    });
  for (let p = 0; p < pods; p++)
    manifests.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `p${p}`,
        namespace: `ns${p % namespaces}`,
        labels: { app: `a${p % 100}`, tier: `t${p % 5}` },
      },
      spec: {
        nodeSelector: { pool: `p${p % 4}` },
        containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }],
      },
    });
  for (let q = 0; q < policies; q++)
    manifests.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${q}`, namespace: `ns${q % namespaces}` },
      spec: {
        podSelector: { matchLabels: { app: `a${q % 100}` } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: `t${q % 7}` } },
                podSelector: { matchLabels: { tier: `t${q % 5}` } },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: [`10.${q % 16}.0.0/16`] } }] }],
      },
    });
  return inventoryFromObjects({ templates: { Stack: { Resources: R } }, manifests });
}

function measure(rules, pods, policies) {
  const times = { build: [], queries: [], exposure: [], total: [] };
  let verdicts;
  for (let run = 0; run < runs; run++) {
    const inventory = generated(rules, pods, policies);
    const t0 = performance.now();
    const model = buildNetworkModel(inventory);
    const t1 = performance.now();
    verdicts = { allowed: 0, denied: 0, unknown: 0 };
    const podList = model.k8s.pods;
    const attachments = [...model.attachments.values()].filter((a) => a.kind === 'instance');
    for (let q = 0; q < 1000; q++) {
      const from = { kind: 'pod', id: 'a', pod: podList[(q * 7919) % podList.length] };
      const to =
        q % 2
          ? { kind: 'pod', id: 'b', pod: podList[(q * 104729) % podList.length] }
          : { kind: 'attachments', id: 'i', attachments: [attachments[(q * 31) % attachments.length]] };
      verdicts[canReach(model, from, to, q % 2 ? 8080 : 1000 * (q % 60), 'tcp').verdict]++;
    }
    const t2 = performance.now();
    const exposures = analyseForeign(model).length;
    const t3 = performance.now();
    times.build.push(t1 - t0);
    times.queries.push(t2 - t1);
    times.exposure.push(t3 - t2);
    times.total.push(t3 - t0);
    verdicts.exposures = exposures;
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [`${k}Ms`, Math.round(median(v))]));
  return { rules, pods, policies, ...m, verdicts };
}

async function defaultOutput() {
  const { defaultOutput: output, mutatedInventory } = await import('../test/reach/engine/default-helper.ts');
  const { spec } = output();
  const times = [];
  let flows = 0;
  for (let run = 0; run < Math.max(runs, 5); run++) {
    const inventory = mutatedInventory();
    const t0 = performance.now();
    flows = analyse(inventory, spec).flows.length;
    times.push(performance.now() - t0);
  }
  return { analysisMs: Math.round(median(times)), flows };
}

const results = { machine: machine(), runs, defaultOutput: await defaultOutput(), generated: [] };
console.log('default output', results.defaultOutput);
for (const [rules, pods, policies] of sized(
  [
    [1000, 1000, 1000],
    [10000, 1000, 1000],
    [100000, 1000, 1000],
    [10000, 10000, 10000],
    [100000, 10000, 10000],
  ],
  [[1000, 100, 100]],
)) {
  const r = measure(rules, pods, policies);
  console.log(JSON.stringify(r));
  results.generated.push(r);
}
writeResult('reach-engine.json', results);
process.exit(0);
