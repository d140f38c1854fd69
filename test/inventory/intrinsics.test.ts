/** Intrinsic functions one by one: the value the template determines, or Unknown with a reason. */
import assert from 'node:assert/strict';
import { buildInventory } from '../../src/inventory/build.js';
import { describe, it } from 'node:test';
import {
  ResourceRef,
  SymbolicString,
  Unknown,
  inventoryFromObjects,
  type SymbolicValue,
} from '../../src/inventory/index.js';
import { cidrSubnets } from '../../src/inventory/cloudformation/cidr.js';

/** Resolves `value` as the property `V` of a resource in a template with the given sections. */
function resolve(
  value: unknown,
  sections: Record<string, unknown> = {},
  resources: Record<string, unknown> = {},
  parameters?: Record<string, unknown>,
): SymbolicValue | undefined {
  const inventory = inventoryFromObjects({
    templates: {
      S: {
        ...sections,
        Resources: { ...resources, Probe: { Type: 'Test::Probe', Properties: { V: value } } },
      },
    },
    ...(parameters ? { parameters } : {}),
  });
  return inventory.cfn.find((r) => r.logicalId === 'Probe')!.properties.V;
}

function assertUnknown(value: unknown, reason: RegExp): void {
  assert.ok(value instanceof Unknown, `expected Unknown, got ${JSON.stringify(value)}`);
  assert.match(value.reason, reason);
}

describe('intrinsics', () => {
  it('Fn::Sub: variables map, resource attributes, escapes and pseudo parameters', () => {
    assert.equal(
      resolve({ 'Fn::Sub': ['${A}-${B}', { A: 'x', B: { 'Fn::Join': [',', ['1', '2']] } }] }),
      'x-1,2',
    );
    assert.equal(resolve({ 'Fn::Sub': 'literal ${!Name} kept' }), 'literal ${Name} kept');
    const attr = resolve({ 'Fn::Sub': 'arn:${Bucket.Arn}/*' }, {}, { Bucket: { Type: 'AWS::S3::Bucket' } });
    assert.ok(attr instanceof SymbolicString);
    assert.deepEqual(attr.parts, ['arn:', new ResourceRef('S/Bucket', 'Arn'), '/*']);
    assert.equal(resolve({ 'Fn::Sub': '${AWS::StackName}' }), 'S');
  });

  it('Fn::Split and Fn::Select through pseudo parameters that cannot contain the delimiter', () => {
    const pieces = resolve({ 'Fn::Split': [':', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::bucket' }] });
    assert.ok(Array.isArray(pieces));
    assert.equal(pieces.length, 6);
    assert.equal(pieces[5], 'bucket');
    assertUnknown(
      resolve({ 'Fn::Split': ['/', { Ref: 'Thing' }] }, {}, { Thing: { Type: 'AWS::S3::Bucket' } }),
      /Fn::Split/,
    );
    assertUnknown(resolve({ 'Fn::Select': [5, ['a']] }), /out of range/);
  });

  it('Fn::FindInMap with a default value, Fn::ToJsonString, Fn::Base64 and Fn::Length', () => {
    const mappings = { Mappings: { M: { a: { b: 'found' } } } };
    assert.equal(resolve({ 'Fn::FindInMap': ['M', 'a', 'b'] }, mappings), 'found');
    assert.equal(
      resolve({ 'Fn::FindInMap': ['M', 'x', 'b', { DefaultValue: 'fallback' }] }, mappings),
      'fallback',
    );
    assertUnknown(resolve({ 'Fn::FindInMap': ['M', 'x', 'b'] }, mappings), /no x\.b/);
    assert.equal(resolve({ 'Fn::ToJsonString': { a: [1, true] } }), '{"a":[1,true]}');
    assert.equal(resolve({ 'Fn::Base64': 'echo hi' }), Buffer.from('echo hi').toString('base64'));
    const encoded = resolve({ 'Fn::Base64': { 'Fn::Sub': 'region=${AWS::Region}' } });
    assertUnknown(encoded, /base64/);
    assert.ok((encoded as Unknown).expression instanceof SymbolicString);
    assert.equal(resolve({ 'Fn::Length': [1, 2, 3] }), 3);
  });

  it('Fn::Cidr for IPv4 and IPv6, and refusals CloudFormation would make', () => {
    assert.deepEqual(cidrSubnets('10.0.0.0/16', 3, 12), ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
    assert.deepEqual(cidrSubnets('2600:1f14:abc:de00::/56', 2, 64), [
      '2600:1f14:abc:de00::/64',
      '2600:1f14:abc:de01::/64',
    ]);
    assert.deepEqual(cidrSubnets('10.0.0.0/24', 3, 7), { error: '3 /25 blocks do not fit in a /24' });
    assertUnknown(resolve({ 'Fn::Cidr': ['not-a-cidr', 2, 8] }), /not a CIDR block/);
  });

  it('parameters: a default is not a value, unlike a supplied value or a single allowed value', () => {
    const parameters = {
      Parameters: {
        Subnets: { Type: 'CommaDelimitedList', Default: 'a,b' },
        Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami' },
        Size: { Type: 'Number', Default: 3 },
        Only: { Type: 'String', AllowedValues: ['eu-only'], Default: 'eu-only' },
        Open: { Type: 'String' },
      },
    };
    assertUnknown(
      resolve({ Ref: 'Subnets' }, parameters),
      /^parameter Subnets is chosen at deploy time \(its default "a,b" is only a suggestion/,
    );
    assertUnknown(resolve({ Ref: 'Size' }, parameters), /^parameter Size is chosen at deploy time/);
    assertUnknown(
      resolve({ Ref: 'Open' }, parameters),
      /^parameter Open is chosen at deploy time \(it has no default\)/,
    );
    assert.equal(resolve({ Ref: 'Only' }, parameters), 'eu-only');
    assertUnknown(resolve({ Ref: 'Ami' }, parameters), /SSM Parameter Store/);
    assertUnknown(resolve({ Ref: 'Nothing' }, parameters), /neither a parameter nor a resource/);

    const supplied = { Subnets: ['x', 'y', 'z'], Size: 5, Ami: '/custom/ami' };
    assert.deepEqual(resolve({ Ref: 'Subnets' }, parameters, {}, supplied), ['x', 'y', 'z']);
    assert.equal(resolve({ Ref: 'Size' }, parameters, {}, supplied), '5');
    // An SSM-typed parameter's supplied value is the name of the SSM parameter, still read at deploy time.
    assertUnknown(
      resolve({ Ref: 'Ami' }, parameters, {}, supplied),
      /^parameter Ami is read from SSM Parameter Store \(\/custom\/ami\) at deploy time$/,
    );
  });

  it("parameters: a nested stack's default applies when the parent passes nothing", () => {
    const child = {
      Parameters: { Passed: { Type: 'String' }, Fixed: { Type: 'String', Default: 'from-child' } },
      Resources: {
        Probe: { Type: 'Test::Probe', Properties: { P: { Ref: 'Passed' }, F: { Ref: 'Fixed' } } },
      },
    };
    const parent = {
      Resources: {
        Child: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { Passed: 'from-parent' } } },
      },
    };
    const inventory = buildInventory({
      stacks: [
        { name: 'Parent', template: parent, file: 'parent.json' },
        {
          name: 'Parent/Child',
          template: child,
          file: 'child.json',
          parent: { stack: 'Parent', logicalId: 'Child' },
        },
      ],
      manifests: [],
      inputs: [],
    });
    const probe = inventory.cfn.find((r) => r.key === 'Parent/Child/Probe');
    assert.deepEqual(probe?.properties, { P: 'from-parent', F: 'from-child' });
  });

  it('attributes the template determines: SSM parameter values, subnet zones, nested GetAtt cycles', () => {
    const resources = {
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v1' } },
      Subnet: {
        Type: 'AWS::EC2::Subnet',
        Properties: { AvailabilityZone: 'eu-west-1a', CidrBlock: '10.0.1.0/24' },
      },
      Loop: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::GetAtt': ['Loop', 'CidrBlock'] } } },
    };
    assert.equal(resolve({ 'Fn::GetAtt': ['Param', 'Value'] }, {}, resources), 'v1');
    assert.equal(resolve({ 'Fn::GetAtt': 'Subnet.AvailabilityZone' }, {}, resources), 'eu-west-1a');
    assertUnknown(resolve({ 'Fn::GetAtt': ['Loop', 'CidrBlock'] }, {}, resources), /refers to itself/);
    assert.deepEqual(
      resolve({ 'Fn::GetAtt': ['Subnet', 'SubnetId'] }, {}, resources),
      new ResourceRef('S/Subnet'),
    );
  });

  it('conditions: three-valued And / Or / Not, undefined names, and Fn::If with equal branches', () => {
    const conditions = {
      Conditions: {
        Known: { 'Fn::Equals': ['a', 'a'] },
        Unknowable: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '123456789012'] },
        OrTrue: { 'Fn::Or': [{ Condition: 'Unknowable' }, { Condition: 'Known' }] },
        AndFalse: { 'Fn::And': [{ Condition: 'Unknowable' }, { 'Fn::Not': [{ Condition: 'Known' }] }] },
        AndUnknown: { 'Fn::And': [{ Condition: 'Unknowable' }, { Condition: 'Known' }] },
      },
    };
    assert.equal(resolve({ 'Fn::If': ['OrTrue', 'yes', 'no'] }, conditions), 'yes');
    assert.equal(resolve({ 'Fn::If': ['AndFalse', 'yes', 'no'] }, conditions), 'no');
    assertUnknown(resolve({ 'Fn::If': ['AndUnknown', 'yes', 'no'] }, conditions), /AndUnknown/);
    assert.equal(resolve({ 'Fn::If': ['AndUnknown', 'same', 'same'] }, conditions), 'same');
    assertUnknown(resolve({ 'Fn::If': ['Missing', 'yes', 'no'] }, conditions), /not defined/);
  });

  it('exports that import themselves and unsupported functions end in Unknown', () => {
    const inventory = inventoryFromObjects({
      templates: {
        A: {
          Resources: { R: { Type: 'X::Y::Z', Properties: { V: { 'Fn::ImportValue': 'loop' } } } },
          Outputs: { O: { Value: { 'Fn::ImportValue': 'loop' }, Export: { Name: 'loop' } } },
        },
      },
    });
    assertUnknown(inventory.cfn[0]!.properties.V, /cycle/);
    assertUnknown(resolve({ 'Fn::Transform': { Name: 'AWS::Include' } }), /not evaluated offline/);
  });
});
