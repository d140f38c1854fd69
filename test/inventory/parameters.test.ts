/** Supplied parameter values: the three file forms, per-stack scoping, and what a deployment would refuse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { getPath, inventoryFromObjects, Unknown, type Inventory } from '../../src/inventory/index.js';

const NETWORK = {
  Parameters: {
    VpcCidr: { Type: 'String', Default: '10.0.0.0/16' },
    Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] },
  },
  Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'VpcCidr' } } } },
};

const APP = {
  Parameters: {
    VpcCidr: { Type: 'String' },
    AdminCidr: { Type: 'String', Default: '10.0.0.0/8' },
    Token: { Type: 'String', NoEcho: true },
  },
  Resources: {
    Sg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: { Ref: 'Token' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { Ref: 'AdminCidr' } }],
        VpcCidr: { Ref: 'VpcCidr' },
      },
    },
  },
};

function withParameters(parameters: unknown): Inventory {
  return inventoryFromObjects({ templates: { network: NETWORK, app: APP }, parameters });
}

function property(inventory: Inventory, key: string, path: string) {
  const resource = inventory.cfn.find((r) => r.key === key);
  assert.ok(resource, `no resource ${key}`);
  return getPath(resource.properties, path);
}

function inputError(parameters: unknown): InputError {
  try {
    withParameters(parameters);
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the parameters to be refused');
}

describe('supplied parameter values', () => {
  it('leaves a parameter with a default unknown, naming it, when nothing is supplied', () => {
    const inventory = withParameters(undefined);
    const cidr = property(inventory, 'app/Sg', 'SecurityGroupIngress.0.CidrIp');
    assert.ok(cidr instanceof Unknown);
    assert.match(cidr.reason, /^parameter AdminCidr is chosen at deploy time \(its default "10\.0\.0\.0\/8"/);
    assert.equal(inventory.parameters, undefined);
  });

  it('reads a mapping and applies each value to every stack that declares the parameter', () => {
    const inventory = withParameters({ VpcCidr: '10.1.0.0/16', AdminCidr: '192.0.2.0/24' });
    assert.equal(property(inventory, 'network/Vpc', 'CidrBlock'), '10.1.0.0/16');
    assert.equal(property(inventory, 'app/Sg', 'VpcCidr'), '10.1.0.0/16');
    assert.equal(property(inventory, 'app/Sg', 'SecurityGroupIngress.0.CidrIp'), '192.0.2.0/24');
    assert.deepEqual(inventory.parameters, {
      file: 'parameters',
      values: [
        { stack: 'app', parameter: 'AdminCidr', value: '192.0.2.0/24' },
        { stack: 'app', parameter: 'VpcCidr', value: '10.1.0.0/16' },
        { stack: 'network', parameter: 'VpcCidr', value: '10.1.0.0/16' },
      ],
    });
  });

  it("reads the AWS CLI's ParameterKey/ParameterValue list", () => {
    const inventory = withParameters([
      { ParameterKey: 'AdminCidr', ParameterValue: '0.0.0.0/0' },
      { ParameterKey: 'Stage', ParameterValue: 'prod' },
    ]);
    assert.equal(property(inventory, 'app/Sg', 'SecurityGroupIngress.0.CidrIp'), '0.0.0.0/0');
    assert.deepEqual(
      inventory.parameters?.values.map((v) => `${v.stack}.${v.parameter}=${v.value}`),
      ['app.AdminCidr=0.0.0.0/0', 'network.Stage=prod'],
    );
  });

  it('scopes values to a stack, and a scoped value wins over one for every stack', () => {
    const inventory = withParameters({
      VpcCidr: '10.1.0.0/16',
      app: [{ ParameterKey: 'VpcCidr', ParameterValue: '10.2.0.0/16' }],
      network: { Stage: 'dev' },
    });
    assert.equal(property(inventory, 'network/Vpc', 'CidrBlock'), '10.1.0.0/16');
    assert.equal(property(inventory, 'app/Sg', 'VpcCidr'), '10.2.0.0/16');
    assert.deepEqual(
      inventory.parameters?.values.map((v) => `${v.stack}.${v.parameter}=${v.value}`),
      ['app.VpcCidr=10.2.0.0/16', 'network.Stage=dev', 'network.VpcCidr=10.1.0.0/16'],
    );
  });

  it('records a NoEcho value masked, while the inventory uses it', () => {
    const inventory = withParameters({ Token: 'secret-value' });
    assert.equal(property(inventory, 'app/Sg', 'GroupDescription'), 'secret-value');
    assert.deepEqual(inventory.parameters?.values, [
      { stack: 'app', parameter: 'Token', value: '****', noEcho: true },
    ]);
  });

  it('leaves a UsePreviousValue entry a deploy-time choice', () => {
    const inventory = withParameters([{ ParameterKey: 'AdminCidr', UsePreviousValue: true }]);
    assert.ok(property(inventory, 'app/Sg', 'SecurityGroupIngress.0.CidrIp') instanceof Unknown);
    assert.deepEqual(inventory.parameters?.values, []);
  });

  it('joins a list value with commas, as CloudFormation receives list parameters', () => {
    const inventory = withParameters({ app: { AdminCidr: ['192.0.2.0/24', '198.51.100.0/24'] } });
    assert.equal(
      property(inventory, 'app/Sg', 'SecurityGroupIngress.0.CidrIp'),
      '192.0.2.0/24,198.51.100.0/24',
    );
  });

  it('refuses a parameter no stack declares, naming it and the declared ones', () => {
    const error = inputError({ SshCidr: '0.0.0.0/0' });
    assert.equal(error.path, 'SshCidr');
    assert.equal(
      error.message,
      'no stack of the input declares parameter SshCidr; the parameters are: VpcCidr, Stage, AdminCidr, Token',
    );
  });

  it('refuses a parameter the named stack does not declare, and a stack that is not in the input', () => {
    const undeclared = inputError({ network: { AdminCidr: '0.0.0.0/0' } });
    assert.equal(undeclared.path, 'network.AdminCidr');
    assert.equal(
      undeclared.message,
      'stack network declares no parameter AdminCidr; its parameters are: VpcCidr, Stage',
    );
    const missing = inputError({ database: { Size: '3' } });
    assert.equal(missing.path, 'database');
    assert.equal(missing.message, 'no stack of the input is named "database"; the stacks are: network, app');
  });

  it('refuses a value outside AllowedValues, as CloudFormation would', () => {
    const error = inputError({ Stage: 'test' });
    assert.equal(
      error.message,
      '"test" is not one of the AllowedValues of parameter Stage in stack network ("dev", "prod")',
    );
  });

  it('refuses shapes that are not parameter values', () => {
    assert.equal(inputError('VpcCidr=10.0.0.0/16').path, undefined);
    assert.equal(inputError({ VpcCidr: null }).path, 'VpcCidr');
    assert.equal(inputError({ app: { VpcCidr: { nested: true } } }).path, 'app.VpcCidr');
    assert.match(
      inputError([{ ParameterKey: 'VpcCidr', Value: 'x' }]).message,
      /^unexpected field "Value"; an entry has ParameterKey and ParameterValue/,
    );
    assert.equal(
      inputError([
        { ParameterKey: 'VpcCidr', ParameterValue: 'a' },
        { ParameterKey: 'VpcCidr', ParameterValue: 'b' },
      ]).message,
      'parameter VpcCidr is given twice',
    );
  });
});
