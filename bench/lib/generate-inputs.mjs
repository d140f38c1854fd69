// Generated inputs for the scale benchmarks: CloudFormation templates shaped like synthesized ones (500
// resources each, with the intrinsics real templates use) and multi-document manifests (100 workloads each).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `resources` CloudFormation resources (500 per template) and `workloads` workloads (100 per file). */
export function generate(dir, resources, workloads) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'manifests'), { recursive: true });
  const perTemplate = 500;
  for (let t = 0; t * perTemplate < resources; t++) {
    const count = Math.min(perTemplate, resources - t * perTemplate);
    writeFileSync(
      join(dir, 'templates', `stack${t}.template.json`),
      JSON.stringify(template(t, count), null, 1),
    );
  }
  const perFile = 100;
  for (let f = 0; f * perFile < workloads; f++) {
    const count = Math.min(perFile, workloads - f * perFile);
    writeFileSync(join(dir, 'manifests', `apps${f}.yaml`), manifests(f, count));
  }
}

/** A template shaped like a synthesized one: VPC, subnets, security groups, rules, buckets, roles. */
function template(index, count) {
  const resources = {
    Vpc: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: { 'Fn::FindInMap': ['Net', { Ref: 'Env' }, 'Cidr'] } },
    },
  };
  const kinds = [
    (i) => ({
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: { Ref: 'Vpc' },
        CidrBlock: {
          'Fn::Select': [i % 16, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 16, 8] }],
        },
        AvailabilityZone: { 'Fn::Select': [i % 3, { 'Fn::GetAZs': '' }] },
        Tags: [{ Key: 'Name', Value: { 'Fn::Sub': `\${AWS::StackName}-subnet-${i}` } }],
      },
    }),
    (i) => ({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `group ${i}`,
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
          {
            'Fn::If': [
              'IsDev',
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
              { Ref: 'AWS::NoValue' },
            ],
          },
        ],
      },
    }),
    (i) => ({
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': [`R${i - 1}`, 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [`R${i - 1}`, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
      },
    }),
    (i) => ({
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: {
          'Fn::Join': ['-', ['data', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }, String(i)]],
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      },
      Metadata: { 'aws:cdk:path': `App/Bucket${i}/Resource` },
    }),
    (i) => ({
      Type: 'AWS::IAM::Role',
      Condition: i % 10 === 0 ? 'IsProd' : undefined,
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess' }],
      },
    }),
  ];
  for (let i = 1; i < count; i++) {
    // Kind 2 (an ingress rule) follows kind 1 and refers to that security group.
    const resource = kinds[i % 5](i);
    if (resource.Condition === undefined) delete resource.Condition;
    resources[`R${i}`] = resource;
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Env: { Type: 'String', Default: 'prod' } },
    Mappings: { Net: { prod: { Cidr: `10.${index % 256}.0.0/16` } } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    },
    Resources: resources,
    Outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: `stack${index}-vpc` } } },
  };
}

/** Multi-document YAML: per workload a Deployment (or StatefulSet / DaemonSet / CronJob) and a Service. */
function manifests(file, count) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const name = `app-${file}-${i}`;
    const ns = `team-${file % 20}`;
    const pod = `      metadata:
        labels:
          app: ${name}
      spec:
        serviceAccountName: ${name}
        automountServiceAccountToken: false
        securityContext:
          runAsNonRoot: true
          seccompProfile:
            type: RuntimeDefault
        containers:
          - name: main
            image: registry.example.com/${name}@sha256:${'ab'.repeat(32)}
            ports:
              - containerPort: 8080
            resources:
              requests: {cpu: 100m, memory: 128Mi}
              limits: {memory: 256Mi}
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: [ALL]`;
    const kind = ['Deployment', 'StatefulSet', 'DaemonSet', 'Deployment', 'CronJob'][i % 5];
    if (kind === 'CronJob')
      docs.push(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
${pod
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}`);
    else
      docs.push(`apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${name}
  template:
${pod}`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080`);
  }
  return `${docs.join('\n---\n')}\n`;
}
