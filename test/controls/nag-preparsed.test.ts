/**
 * The packs hand CloudFormation's template importer (CfnInclude) the template the input limits already parsed,
 * instead of letting it read the file again with its own YAML library (for JSON templates: YAML ones it still
 * reads itself, as its YAML library and CloudFormation's differ on plain scalars). The constructs it builds must
 * be the ones it builds from the file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type * as CdkLib from 'aws-cdk-lib';
import type * as CfnIncludeModule from 'aws-cdk-lib/cloudformation-include';
import {
  includeParsedTemplate,
  includesWithoutFile,
  withYamlWarningsSilenced,
} from '../../src/controls/nag/preparsed-include.js';
import {
  rememberedIncludeResolution,
  withIncludeResolutionsRemembered,
} from '../../src/controls/nag/include-resolutions.js';
import { parseTextFile } from '../../src/inventory/load/parse-file.js';

const require = createRequire(import.meta.url);
const { CfnResource, Stack } = require('aws-cdk-lib') as typeof CdkLib;
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include') as typeof CfnIncludeModule;

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-preparsed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Parameters, mappings, conditions, the common intrinsics and every resource attribute CfnInclude reads. */
const TEMPLATE = {
  Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } },
  Mappings: { Net: { prod: { Cidr: '10.1.0.0/16' }, dev: { Cidr: '10.2.0.0/16' } } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Vpc: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: { 'Fn::FindInMap': ['Net', { Ref: 'Env' }, 'Cidr'] } },
    },
    Group: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: { 'Fn::Sub': '${AWS::StackName} group' },
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [
          {
            'Fn::If': [
              'IsProd',
              {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
              },
              { Ref: 'AWS::NoValue' },
            ],
          },
        ],
      },
    },
    Logs: {
      Type: 'AWS::S3::Bucket',
      Condition: 'IsProd',
      DeletionPolicy: 'Retain',
      Properties: {
        BucketName: {
          'Fn::Join': ['-', ['logs', { Ref: 'AWS::AccountId' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]],
        },
      },
    },
    Data: {
      Type: 'AWS::S3::Bucket',
      DependsOn: ['Group'],
      Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-S1', reason: 'logs elsewhere' }] } },
      Properties: {
        LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } },
        Tags: [{ Key: 'on', Value: 'yes' }],
      },
    },
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Queue: {
      Type: 'AWS::SQS::Queue',
      Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, DelaySeconds: 0 },
    },
    Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:x', Size: 3 } },
  },
};

/** Every resource of an include, as CloudFormation would receive it, by logical id. */
function rendered(load: (stack: InstanceType<typeof Stack>) => InstanceType<typeof CfnInclude>) {
  const stack = new Stack(undefined, 'Template');
  const include = load(stack);
  const resources = include.node.children.filter((c) => CfnResource.isCfnResource(c));
  return Object.fromEntries(
    resources.map((r) => [
      r.node.id,
      stack.resolve((r as unknown as { _toCloudFormation(): unknown })._toCloudFormation()),
    ]),
  );
}

describe('the packs’ template importer over an already parsed template', () => {
  it('hands the parsed template over without a file', () => {
    assert.equal(includesWithoutFile(), true);
  });

  it('builds the constructs CfnInclude builds from the JSON file', async () => {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(TEMPLATE, null, 1));
    const [document] = await parseTextFile(file, 'template.json');
    const props = { preserveLogicalIds: true, allowCyclicalReferences: true };
    const fromFile = rendered((s) => new CfnInclude(s, 'Include', { ...props, templateFile: file }));
    const fromParsed = rendered((s) =>
      includeParsedTemplate(s, 'Include', document!.value as Record<string, unknown>, props),
    );
    assert.deepEqual(Object.keys(fromFile), Object.keys(TEMPLATE.Resources));
    assert.deepEqual(fromParsed, fromFile);
  });

  it('leaves CfnInclude reading files as before', () => {
    const file = join(dir, 'after.json');
    writeFileSync(file, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    assert.deepEqual(Object.keys(rendered((s) => new CfnInclude(s, 'Include', { templateFile: file }))), [
      'Q',
    ]);
  });
});

describe('the YAML warnings of CfnInclude’s own parser', () => {
  const scope = globalThis as { YAML_SILENCE_WARNINGS?: unknown };

  it('are silenced while it builds, and the switch is as it was afterwards', async () => {
    const file = join(dir, 'tag.yaml');
    writeFileSync(
      file,
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Unknown 1\n',
    );
    let seen: unknown;
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const include = withYamlWarningsSilenced(() => {
        seen = scope.YAML_SILENCE_WARNINGS;
        return rendered((s) => new CfnInclude(s, 'Include', { templateFile: file }));
      });
      assert.deepEqual(Object.keys(include), ['Q']);
      // Node emits a process warning on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    assert.equal(seen, true);
    assert.equal(Object.hasOwn(scope, 'YAML_SILENCE_WARNINGS'), false);
    assert.deepEqual(warnings, []);
  });

  it('keep a switch set before, also when the construction throws', () => {
    scope.YAML_SILENCE_WARNINGS = false;
    try {
      assert.throws(() =>
        withYamlWarningsSilenced(() => {
          throw new Error('refused');
        }),
      );
      assert.equal(scope.YAML_SILENCE_WARNINGS, false);
    } finally {
      delete scope.YAML_SILENCE_WARNINGS;
    }
  });
});

describe('the L1 module names CfnInclude resolves', () => {
  const loader = Module as unknown as { _resolveFilename: (...args: unknown[]) => string };

  it('are remembered while it builds, and Node’s resolver is itself again afterwards', async () => {
    // Loaded here first, as the service modules load each other: Node's own cache then misses CfnInclude's
    // requests for it, and it is one of the names remembered.
    require('aws-cdk-lib/aws-logs');
    const template = {
      Resources: { A: { Type: 'AWS::Logs::LogGroup' }, B: { Type: 'AWS::Logs::LogGroup' } },
    };
    const resolver = loader._resolveFilename;
    const first = rendered((s) => includeParsedTemplate(s, 'Include', template, {}));
    assert.equal(loader._resolveFilename, resolver);
    assert.deepEqual(Object.keys(first), ['A', 'B']);
    assert.equal(
      rememberedIncludeResolution('aws-cdk-lib/aws-logs'),
      require.resolve('aws-cdk-lib/aws-logs'),
    );
    assert.deepEqual(
      rendered((s) => includeParsedTemplate(s, 'Include', template, {})),
      first,
    );
  });

  it('restores the resolver when the construction throws, and resolves other modules’ requests as Node does', () => {
    const resolver = loader._resolveFilename;
    let seen: string | undefined;
    assert.throws(
      () =>
        withIncludeResolutionsRemembered(() => {
          seen = require.resolve('aws-cdk-lib/aws-s3');
          throw new Error('refused');
        }),
      /refused/,
    );
    assert.equal(loader._resolveFilename, resolver);
    assert.equal(seen, require.resolve('aws-cdk-lib/aws-s3'));
  });
});
