// Measures `vectorfort audit` as a whole process against moto_server holding 5,000 resources in 10 stacks of 500
// (COMPOSITION below: a network heavy in rules and routes, and log groups). Targets: at most 30 s and 1 GiB,
// every resource read. Network resources and log groups are read in bulk; a bucket costs 6 calls and a key 3,
// so an account heavy in those is slower. moto itself answers DescribeSecurityGroups and DescribeSubnets in time
// that grows with the account (about 20 ms per group or subnet on this machine), which bounds how many of them
// a 30 s run can hold.
// Records the API operations per service and the time spent in them (calls overlap: the auditor runs up to 8
// at once, so the times add up to more than the wall time). Median of N runs (default 3).
// Usage: node bench/audit.mjs [runs]   (writes bench/results/audit.json; needs moto_server on PATH)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { buildDist } from './lib/prepare.mjs';
import { runsArgument, sized, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = runsArgument(3);
const STACKS = sized(10, 1);
const REGION = 'eu-west-1';

const FULL_COMPOSITION = {
  vpc: 1,
  internetGateway: 2, // the gateway and its attachment
  subnets: 20,
  securityGroups: 30,
  standaloneRules: 150,
  routeTables: 10,
  routes: 100,
  routeTableAssociations: 20,
  logGroups: 103,
  keys: 2,
  buckets: 2,
  // The types read by one call each beyond the network: roles (4 calls), queues, topics, tables (2),
  // launch templates, EventBridge rules (2), managed policies (2).
  roles: 10,
  queues: 10,
  topics: 10,
  tables: 5,
  launchTemplates: 10,
  eventRules: 5,
  managedPolicies: 10,
};
// A smoke run deploys a tenth of each kind, at least one (the gateway and its attachment stay a pair).
const COMPOSITION = sized(
  FULL_COMPOSITION,
  Object.fromEntries(
    Object.entries(FULL_COMPOSITION).map(([kind, n]) => [
      kind,
      kind === 'internetGateway' ? n : Math.ceil(n / 10),
    ]),
  ),
);

/** One stack of 500 resources (56 in a smoke run), as COMPOSITION says. */
function template(n) {
  const resources = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `10.${n}.0.0/16` } },
    Gateway: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    Attachment: {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Gateway' } },
    },
  };
  const vpc = { Ref: 'Vpc' };
  for (let i = 0; i < COMPOSITION.subnets; i++)
    resources[`Subnet${i}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: vpc, CidrBlock: `10.${n}.${i}.0/24` },
    };
  for (let i = 0; i < COMPOSITION.securityGroups; i++)
    resources[`Group${i}`] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `group ${i}`,
        VpcId: vpc,
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: `10.${n}.0.0/16` }],
      },
    };
  for (let i = 0; i < COMPOSITION.standaloneRules; i++)
    resources[`Rule${i}`] = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': [`Group${i % COMPOSITION.securityGroups}`, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 8000 + i,
        ToPort: 8000 + i,
        CidrIp: `10.${n}.0.0/16`,
      },
    };
  for (let i = 0; i < COMPOSITION.routeTables; i++)
    resources[`Table${i}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: vpc } };
  for (let i = 0; i < COMPOSITION.routes; i++)
    resources[`Route${i}`] = {
      Type: 'AWS::EC2::Route',
      DependsOn: 'Attachment',
      Properties: {
        RouteTableId: { Ref: `Table${i % COMPOSITION.routeTables}` },
        DestinationCidrBlock: `192.168.${i}.0/24`,
        GatewayId: { Ref: 'Gateway' },
      },
    };
  for (let i = 0; i < COMPOSITION.routeTableAssociations; i++)
    resources[`Association${i}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: {
        RouteTableId: { Ref: `Table${i % COMPOSITION.routeTables}` },
        SubnetId: { Ref: `Subnet${i}` },
      },
    };
  for (let i = 0; i < COMPOSITION.logGroups; i++)
    resources[`Logs${i}`] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: `bench-${n}-logs-${i}`, RetentionInDays: 365 },
    };
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
  for (let i = 0; i < COMPOSITION.keys; i++)
    resources[`Key${i}`] = {
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true, KeyPolicy: policy },
    };
  for (let i = 0; i < COMPOSITION.buckets; i++)
    resources[`Bucket${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: `bench-${n}-bucket-${i}` },
    };
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  for (let i = 0; i < COMPOSITION.roles; i++)
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: `bench-${n}-role-${i}`, AssumeRolePolicyDocument: trust },
    };
  for (let i = 0; i < COMPOSITION.managedPolicies; i++)
    resources[`Policy${i}`] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: `bench-${n}-policy-${i}`,
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bench-${n}/*` }],
        },
      },
    };
  for (let i = 0; i < COMPOSITION.queues; i++)
    resources[`Queue${i}`] = {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `bench-${n}-queue-${i}`, KmsMasterKeyId: { 'Fn::GetAtt': ['Key0', 'Arn'] } },
    };
  for (let i = 0; i < COMPOSITION.topics; i++)
    resources[`Topic${i}`] = {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `bench-${n}-topic-${i}`, KmsMasterKeyId: { 'Fn::GetAtt': ['Key0', 'Arn'] } },
    };
  for (let i = 0; i < COMPOSITION.tables; i++)
    resources[`Table${i}Data`] = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: `bench-${n}-table-${i}`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      },
    };
  for (let i = 0; i < COMPOSITION.launchTemplates; i++)
    resources[`Template${i}`] = {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateName: `bench-${n}-template-${i}`,
        LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } },
      },
    };
  for (let i = 0; i < COMPOSITION.eventRules; i++)
    resources[`Events${i}`] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: `bench-${n}-rule-${i}`,
        EventPattern: { source: ['aws.guardduty'] },
        Targets: [{ Id: 'topic', Arn: { Ref: 'Topic0' } }],
      },
    };
  return { Resources: resources };
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function startMoto() {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await globalThis.fetch(`${endpoint}/moto-api/`)).ok) return { endpoint, child };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error('moto_server did not start');
}

const moto = await startMoto();
const dir = mkdtempSync(join(tmpdir(), 'vectorfort-bench-audit-'));
try {
  buildDist();
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: REGION, credentials });
  const names = [];
  for (let n = 0; n < STACKS; n++) {
    const name = `bench-${n}`;
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template(n)) }));
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
    if (status !== 'CREATE_COMPLETE') throw new Error(`${name} did not deploy: ${status}`);
    names.push(name);
  }
  cfn.destroy();

  const output = join(dir, 'report.json');
  const args = [
    process.execPath,
    'bin/vectorfort.js',
    'audit',
    '--region',
    REGION,
    '--endpoint-url',
    moto.endpoint,
  ];
  for (const name of names) args.push('--stack', name);
  args.push('--format', 'json', '--output', output);
  const env = {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const samples = [];
  let report;
  for (let i = 0; i < runs; i++) {
    const s = timed(args, { cwd: root, okStatuses: [0, 1], env });
    report = JSON.parse(readFileSync(output, 'utf8'));
    samples.push(s);
    console.error(
      `run ${i + 1}/${runs}: ${s.wall.toFixed(2)} s (${s.cpu.toFixed(2)} s CPU) ${s.rssMb.toFixed(0)} MB`,
    );
  }
  const perService = {};
  for (const call of report.audit.calls) {
    const entry = (perService[call.service] ??= { operations: 0, seconds: 0 });
    entry.operations++;
    entry.seconds += call.durationMs / 1000;
  }
  for (const entry of Object.values(perService)) entry.seconds = Number(entry.seconds.toFixed(2));
  const stackResources = report.audit.resources.filter((r) => r.origin === 'stack').length;
  const parts = report.audit.resources.filter((r) => r.origin === 'part').length;
  const result = {
    command: `vectorfort audit --stack bench-0 … --stack bench-${STACKS - 1} --format json (moto_server)`,
    runs,
    stackResources: STACKS * Object.values(COMPOSITION).reduce((a, b) => a + b, 0),
    compositionPerStack: COMPOSITION,
    notRead: report.findings.filter((f) => f.ruleId === 'audit-not-read').length,
    resourcesRead: { stack: stackResources, parts, total: report.audit.resources.length },
    operations: report.audit.calls.length,
    perService,
    findings: report.findings.length,
    medianSeconds: Number(median(samples.map((s) => s.wall)).toFixed(2)),
    medianCpuSeconds: Number(median(samples.map((s) => s.cpu)).toFixed(2)),
    medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    targets: { seconds: 30, peakRssMb: 1024 },
  };
  writeResult('audit.json', result);
  if (
    result.notRead > 0 ||
    result.medianSeconds > result.targets.seconds ||
    result.medianPeakRssMb > result.targets.peakRssMb
  )
    process.exitCode = 1;
} finally {
  moto.child.kill();
  rmSync(dir, { recursive: true, force: true });
}
