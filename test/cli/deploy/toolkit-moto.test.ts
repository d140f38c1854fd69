/**
 * deploy, diff and destroy through the CDK toolkit into moto_server: a small stack within the resource types
 * moto's CloudFormation creates (see small-stack.ts), bootstrapped in the test setup. moto's CloudFormation
 * answers change-set descriptions the toolkit cannot read, so the diff here is the template-only one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { renderDiff } from '../../../src/cli/commands/diff.js';
import { securityChanges } from '../../../src/cli/deploy/security-changes.js';
import { deployAssembly, destroyAssembly, diffAssembly } from '../../../src/cli/deploy/toolkit.js';
import { startMoto, type Moto } from '../../notifier/moto.js';
import {
  BUCKET_V1,
  REGION,
  STACK,
  bootstrapMoto,
  isolateCredentials,
  synthSmallStack,
} from './small-stack.js';

describe('deploy, diff and destroy through the toolkit (moto_server)', () => {
  let moto: Moto;
  let scratch: string;
  const config = () => ({
    endpoint: moto.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const target = () => ({ region: REGION, endpointUrl: moto.endpoint });

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'vf-toolkit-'));
    isolateCredentials(scratch);
    moto = await startMoto();
    await bootstrapMoto(moto.endpoint);
  });
  after(async () => moto?.stop());

  it('deploys the stack, reporting progress per stack and resource', async () => {
    // GIVEN a synthesized assembly WHEN it is deployed
    const dir = synthSmallStack(join(scratch, 'v1'), 'v1');
    const out: string[] = [];
    const result = await deployAssembly(dir, {
      target: target(),
      assumeYes: true,
      out: { write: (text: string) => out.push(text) } as unknown as NodeJS.WritableStream,
    });
    // THEN CloudFormation has it, its resources exist, and each stack event was printed
    assert.deepEqual(
      result.stacks.map((s) => s.stackName),
      [STACK],
    );
    assert.match(
      result.stacks[0]!.stackArn ?? '',
      /^arn:aws:cloudformation:eu-west-1:123456789012:stack\/vectorfort-small\//,
    );
    const described = await new CloudFormationClient(config()).send(
      new DescribeStacksCommand({ StackName: STACK }),
    );
    assert.equal(described.Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE');
    const parameter = await new SSMClient(config()).send(
      new GetParameterCommand({ Name: '/vectorfort-small/version' }),
    );
    assert.equal(parameter.Parameter?.Value, 'v1');
    assert.ok(result.host.events.length > 0);
    assert.ok(result.host.events.some((e) => e.stack === STACK && e.status === 'CREATE_COMPLETE'));
    const printed = out.join('');
    assert.match(printed, /vectorfort-small .*CREATE_COMPLETE AWS::CloudFormation::Stack vectorfort-small/);
    assert.match(printed, /--yes given: going ahead/);
    assert.match(printed, /\ndeployed: vectorfort-small\n/);
  });

  it('diffs a changed stack against the deployed one, security changes first', async () => {
    // GIVEN the deployed v1 WHEN v2 (rule opened, bucket renamed, queue encryption changed) is diffed
    const dir = synthSmallStack(join(scratch, 'v2'), 'v2');
    const texts: string[] = [];
    const diffs = await diffAssembly(dir, {
      target: target(),
      templateOnly: true,
      onResult: (t) => texts.push(t),
    });
    const changes = securityChanges(diffs);
    // THEN each security-relevant change is named with its resource
    const summary = changes.map((c) => `${c.kind} ${c.resource}`).sort();
    assert.deepEqual(
      summary,
      ['data-replaced Data666C94C7', 'encryption-changed Jobs', 'network-opened Api'].sort(),
    );
    const opened = changes.find((c) => c.kind === 'network-opened')!;
    assert.equal(opened.detail, 'rules added: ingress 0.0.0.0/0 tcp port 443');
    const rendered = renderDiff(diffs, changes, texts);
    assert.ok(rendered.indexOf('Security-relevant changes (3):') < rendered.indexOf(`${STACK}: `));
    assert.match(rendered, /! network rule opened: vectorfort-small\/Api \(AWS::EC2::SecurityGroup\)/);
    assert.match(
      rendered,
      /! data-holding resource replaced or deleted: vectorfort-small\/Data666C94C7 \(AWS::S3::Bucket\): will be replaced/,
    );
    assert.match(
      rendered,
      /! encryption changed: vectorfort-small\/Jobs \(AWS::SQS::Queue\): KmsMasterKeyId, SqsManagedSseEnabled changed/,
    );
    // and the toolkit's own diff of the stack follows
    assert.match(rendered, /\[~\] AWS::S3::Bucket Data/);
  });

  it('destroys the stack and leaves the retained bucket in the account', async () => {
    const dir = synthSmallStack(join(scratch, 'v1-again'), 'v1');
    const out: string[] = [];
    const result = await destroyAssembly(dir, {
      target: target(),
      assumeYes: true,
      out: { write: (text: string) => out.push(text) } as unknown as NodeJS.WritableStream,
    });
    assert.deepEqual(
      result.stacks.map((s) => [s.stackName, s.existed]),
      [[STACK, true]],
    );
    await assert.rejects(
      new CloudFormationClient(config()).send(new DescribeStacksCommand({ StackName: STACK })),
      /does not exist/,
    );
    // The bucket's DeletionPolicy is Retain: deleting the stack keeps it, with its data.
    await new S3Client({ ...config(), forcePathStyle: true }).send(
      new HeadBucketCommand({ Bucket: BUCKET_V1 }),
    );
    assert.match(out.join(''), /DELETE_COMPLETE/);
  });
});
