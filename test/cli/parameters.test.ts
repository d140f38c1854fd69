/**
 * `vectorfort verify --parameters FILE`: a parameter's default is not its value; supplied values decide the
 * verdict and every report records them; a file naming a parameter the templates do not declare exits 2.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../src/findings/index.js';
import type { Report } from '../../src/report/model.js';
import { vectorfort } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'vectorfort-parameters-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A bastion in a public subnet whose SSH rule admits the range a parameter gives (default: a private one). */
const TEMPLATE = {
  Parameters: {
    AdminCidr: { Type: 'String', Default: '10.0.0.0/8', Description: 'who may use SSH' },
  },
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Igw: { Type: 'AWS::EC2::InternetGateway' },
    Public: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: false },
    },
    PublicRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    PublicRtAssoc: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: { Ref: 'Public' }, RouteTableId: { Ref: 'PublicRt' } },
    },
    PublicDefault: {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: 'PublicRt' },
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: { Ref: 'Igw' },
      },
    },
    SshSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'ssh',
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { Ref: 'AdminCidr' } }],
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
      },
    },
    Bastion: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        SubnetId: { Ref: 'Public' },
        SecurityGroupIds: [{ 'Fn::GetAtt': ['SshSg', 'GroupId'] }],
        NetworkInterfaces: [{ AssociatePublicIpAddress: true, DeviceIndex: '0' }],
      },
    },
  },
};

const template = join(work, 'ssh.json');
writeFileSync(template, JSON.stringify(TEMPLATE));

function parameters(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

function verify(...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = vectorfort('verify', template, '--format', 'json', ...args);
  return { status: run.status, report: JSON.parse(run.stdout || '{}') as Report, stderr: run.stderr };
}

function finding(report: Report, ruleId: string, resource: string): Finding {
  const found = report.findings.find((f) => f.ruleId === ruleId && f.resource.id === resource);
  assert.ok(found, `no ${ruleId} finding on ${resource}`);
  return found;
}

describe('vectorfort verify --parameters', () => {
  it('keeps an SSH rule from a parameter defaulting to a private range unknown, naming the parameter', () => {
    const { report } = verify();
    const ssh = finding(report, 'VF-NETWORK-007', 'ssh/SshSg');
    assert.equal(ssh.status, 'unknown');
    assert.match(
      ssh.message,
      /source parameter AdminCidr is chosen at deploy time \(its default "10\.0\.0\.0\/8"/,
    );
    const exposure = finding(report, 'VF-REACH-008', 'internet->ssh/Bastion:22/tcp');
    assert.equal(exposure.status, 'unknown');
    assert.match(exposure.message, /parameter AdminCidr is chosen at deploy time/);
    assert.equal(report.parameters, undefined);
  });

  it('fails with a public range supplied in the AWS CLI list, and records the value in every format', () => {
    const file = parameters('public.json', '[{"ParameterKey": "AdminCidr", "ParameterValue": "0.0.0.0/0"}]');
    const { status, report } = verify('--parameters', file);
    assert.equal(status, 1);
    const ssh = finding(report, 'VF-NETWORK-007', 'ssh/SshSg');
    assert.equal(ssh.status, 'fail');
    assert.equal(ssh.message, 'ssh/SshSg SecurityGroupIngress.0 admits 0.0.0.0/0 to port 22');
    assert.equal(finding(report, 'VF-REACH-008', 'internet->ssh/Bastion:22/tcp').status, 'fail');
    assert.deepEqual(report.parameters, {
      file,
      values: [{ stack: 'ssh', parameter: 'AdminCidr', value: '0.0.0.0/0' }],
    });

    const text = vectorfort('verify', template, '--parameters', file);
    assert.match(
      text.stdout,
      new RegExp(`^  parameters from ${file.replaceAll('.', '\\.')}: ssh\\.AdminCidr=0\\.0\\.0\\.0/0$`, 'm'),
    );
    const sarif = JSON.parse(
      vectorfort('verify', template, '--parameters', file, '--format', 'sarif').stdout,
    ) as {
      runs: { invocations?: { executionSuccessful: boolean; properties: Record<string, unknown> }[] }[];
    };
    // One invocation, carrying the parameters next to the run's provenance.
    const invocations = sarif.runs[0]!.invocations ?? [];
    assert.equal(invocations.length, 1);
    assert.equal(invocations[0]!.executionSuccessful, true);
    assert.equal(invocations[0]!.properties.parametersFile, file);
    assert.deepEqual(invocations[0]!.properties.parameters, report.parameters.values);
  });

  it('passes with a private range supplied per stack in YAML', () => {
    const file = parameters('private.yaml', 'ssh:\n  AdminCidr: 10.20.0.0/16\n');
    const { report } = verify('--parameters', file);
    const ssh = finding(report, 'VF-NETWORK-007', 'ssh/SshSg');
    assert.equal(ssh.status, 'pass');
    assert.equal(ssh.message, 'no high-risk port is open to the internet');
    assert.ok(!report.findings.some((f) => f.resource.id === 'internet->ssh/Bastion:22/tcp'));
    assert.deepEqual(report.parameters?.values, [
      { stack: 'ssh', parameter: 'AdminCidr', value: '10.20.0.0/16' },
    ]);
  });

  it('exits 2 naming the file and the parameter when no template declares it', () => {
    const file = parameters('typo.json', '{"AdminCIDR": "10.20.0.0/16"}');
    const run = vectorfort('verify', template, '--parameters', file);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      `error: ${file}: AdminCIDR: no stack of the input declares parameter AdminCIDR; the parameters are: AdminCidr\n`,
    );
    assert.equal(run.stdout, '');
  });
});
