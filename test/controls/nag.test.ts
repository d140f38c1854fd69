/**
 * cdk-nag folding: the packs run over every resource of plain templates and of cloud assemblies (whose
 * validation report is never trusted), mapped to inventory resources and frameworks, with acknowledgements kept
 * and undecidable rules reported as unknown.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { nagFindings, NAG_ORIGIN } from '../../src/controls/nag/index.js';
import { loadInventory } from '../../src/inventory/index.js';
import { FRAMEWORKS, requirementIds } from '../../src/frameworks/index.js';
import { NAG_RULE_MAPPINGS } from '../../src/controls/nag/rule-mappings.js';
import type { Finding, FrameworkKey } from '../../src/findings/index.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vectorfort-nag-'));
  dirs.push(d);
  return d;
}

const one = (findings: Finding[], ruleId: string, resourceId: string): Finding => {
  const found = findings.filter((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  assert.equal(
    found.length,
    1,
    `${ruleId} on ${resourceId}: ${found.length} findings (${findings.map((f) => `${f.ruleId}@${f.resource.id}`).join(', ')})`,
  );
  return found[0]!;
};

describe('cdk-nag over a plain template', () => {
  let findings: Finding[];
  let file: string;
  before(async () => {
    file = join(tempDir(), 'storage.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          Parameters: { Versioning: { Type: 'String' } },
          Resources: {
            Unencrypted: { Type: 'AWS::S3::Bucket' },
            Acknowledged: {
              Type: 'AWS::S3::Bucket',
              Metadata: {
                cdk_nag: {
                  rules_to_suppress: [
                    { id: 'AwsSolutions-S1', reason: 'Reads are logged by CloudTrail data events.' },
                  ],
                },
              },
              Properties: { VersioningConfiguration: { Status: { Ref: 'Versioning' } } },
            },
            TlsOnly: {
              Type: 'AWS::S3::BucketPolicy',
              Properties: {
                Bucket: { Ref: 'Acknowledged' },
                PolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Deny',
                      Principal: { AWS: '*' },
                      Action: 's3:*',
                      Resource: [
                        { 'Fn::GetAtt': ['Acknowledged', 'Arn'] },
                        { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Acknowledged', 'Arn'] }, '/*']] },
                      ],
                      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                    },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
    );
    findings = await nagFindings(await loadInventory([file]));
  });

  it('folds a violation as a cdk-nag finding on the inventory resource, mapped to the frameworks', () => {
    const f = one(findings, 'AwsSolutions-S10', 'storage/Unencrypted');
    assert.equal(f.status, 'fail');
    assert.equal(f.severity, 'high');
    assert.equal(f.origin, NAG_ORIGIN);
    assert.equal(f.resource.type, 'AWS::S3::Bucket');
    assert.match(f.resource.file!, /storage\.json$/);
    assert.equal(f.resource.path, 'Resources.Unencrypted');
    assert.ok(f.resource.line! > 1);
    assert.deepEqual(f.frameworks['aws-fsbp'], ['S3.5']);
    assert.equal(f.acknowledged, undefined);
    assert.equal(
      one(findings, 'NIST.800.53.R5-S3DefaultEncryptionKMS', 'storage/Unencrypted').frameworks[
        'aws-fsbp'
      ]?.[0],
      'S3.17',
    );
  });

  it("honours the template's cdk_nag acknowledgements and keeps their reason", () => {
    const f = one(findings, 'AwsSolutions-S1', 'storage/Acknowledged');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.acknowledged, { reason: 'Reads are logged by CloudTrail data events.' });
    assert.equal(one(findings, 'AwsSolutions-S1', 'storage/Unencrypted').acknowledged, undefined);
  });

  it('reports nothing where the template complies (TLS-only policy) and unknown where a rule cannot decide', () => {
    assert.equal(
      findings.filter((f) => f.ruleId === 'AwsSolutions-S10' && f.resource.id === 'storage/Acknowledged')
        .length,
      0,
    );
    assert.equal(
      one(findings, 'NIST.800.53.R5-S3BucketVersioningEnabled', 'storage/Acknowledged').status,
      'unknown',
    );
  });

  it('checks every resource of a template padded past 1,500 resources, the last one included', async () => {
    const padded = join(tempDir(), 'padded.json');
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 1500; i++)
      resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: `t${i}` } };
    resources.Last = { Type: 'AWS::S3::Bucket' };
    writeFileSync(padded, JSON.stringify({ Resources: resources }));
    const out = await nagFindings(await loadInventory([padded]));
    assert.equal(one(out, 'AwsSolutions-S10', 'padded/Last').status, 'fail');
    assert.equal(out.filter((f) => f.status === 'unknown').length, 0);
    // Each unencrypted topic fails SNSEncryptedKMS: one finding per padding resource shows none was skipped.
    const topics = new Set(
      out.filter((f) => f.ruleId === 'NIST.800.53.R5-SNSEncryptedKMS').map((f) => f.resource.id),
    );
    assert.equal(topics.size, 1500);
    assert.ok(topics.has('padded/Topic1499'));
  });

  it('gives the same findings chunked as whole, for rules that look at other resources of the stack', async () => {
    const linked = join(tempDir(), 'linked.json');
    const resources: Record<string, unknown> = {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      LoggedVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
      Logs: { Type: 'AWS::S3::Bucket' },
      Data: {
        Type: 'AWS::S3::Bucket',
        Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
      },
    };
    for (let i = 0; i < 6; i++) resources[`Pad${i}`] = { Type: 'AWS::SQS::Queue' };
    resources.FlowLog = {
      Type: 'AWS::EC2::FlowLog',
      Properties: { ResourceId: { Ref: 'LoggedVpc' }, ResourceType: 'VPC', TrafficType: 'ALL' },
    };
    writeFileSync(linked, JSON.stringify({ Resources: resources }));
    const inventory = await loadInventory([linked]);
    const key = (f: Finding) => `${f.ruleId} ${f.resource.id} ${f.status}`;
    const whole = (await nagFindings(inventory)).map(key).sort();
    const chunked = (await nagFindings(inventory, { chunkSize: 2 })).map(key).sort();
    assert.ok(whole.includes('NIST.800.53.R5-VPCFlowLogsEnabled linked/Vpc fail'));
    assert.ok(!whole.some((k) => k.startsWith('NIST.800.53.R5-VPCFlowLogsEnabled linked/LoggedVpc')));
    assert.ok(!whole.some((k) => k.startsWith('AwsSolutions-S1 linked/Data')));
    assert.deepEqual(chunked, whole);
  });

  it('names each resource of a template the packs cannot load as unknown', async () => {
    const bad = join(tempDir(), 'broken.json');
    writeFileSync(
      bad,
      JSON.stringify({
        Resources: {
          B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::If': ['Missing', 'a', 'b'] } } },
        },
      }),
    );
    const out = await nagFindings(await loadInventory([bad]));
    assert.equal(out.length, 1);
    assert.equal(out[0]!.status, 'unknown');
    assert.equal(out[0]!.resource.id, 'broken/B');
    assert.match(out[0]!.message, /could not be loaded/);
  });
});

describe('cdk-nag from a synthesized cloud assembly', () => {
  function synthAssembly(withPacks: boolean): string {
    const outdir = tempDir();
    const app = new App({
      outdir,
      analyticsReporting: false,
      context: {
        [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
        [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
      },
    });
    const stack = new Stack(app, 'Data');
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Bare');
    new s3.Bucket(stack, 'Logged', { enforceSSL: true, serverAccessLogsBucket: logs });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S10',
      reason: 'Only the S3 log delivery service writes here.',
    });
    if (withPacks)
      Validations.of(app).addPlugins(
        new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
      );
    try {
      app.synth();
    } catch (error) {
      if (!(error instanceof Error && /Validation failed/.test(error.message))) throw error;
    }
    return outdir;
  }

  const on = (findings: Finding[], ruleId: string, construct: string) =>
    findings.filter((f) => f.ruleId === ruleId && f.resource.id.startsWith(`Data/${construct}`));

  it("runs the packs over the assembly's templates, keeping the acknowledgements the template carries", async () => {
    const findings = await nagFindings(await loadInventory([synthAssembly(true)]));
    const [bare] = on(findings, 'AwsSolutions-S10', 'Bare');
    assert.ok(bare, findings.map((f) => `${f.ruleId}@${f.resource.id}`).join(', '));
    assert.equal(bare.status, 'fail');
    assert.equal(bare.acknowledged, undefined);
    assert.equal(bare.resource.type, 'AWS::S3::Bucket');
    assert.match(bare.resource.file!, /Data\.template\.json$/);
    assert.deepEqual(bare.frameworks['aws-fsbp'], ['S3.5']);
    const [logs, ...more] = on(findings, 'AwsSolutions-S10', 'Logs');
    assert.equal(more.length, 0, JSON.stringify(more));
    assert.equal(logs?.status, 'fail');
    assert.deepEqual(logs?.acknowledged, { reason: 'Only the S3 log delivery service writes here.' });
    assert.equal(on(findings, 'AwsSolutions-S10', 'Logged').length, 0);
    assert.ok(findings.every((f) => f.origin === NAG_ORIGIN && f.resource.type !== 'aws-cdk/Construct'));
  });

  it('runs the packs over the templates of an assembly synthesized without them', async () => {
    // CDK's own CloudFormation validator still writes a validation report; it holds no cdk-nag results.
    const findings = await nagFindings(await loadInventory([synthAssembly(false)]));
    assert.equal(on(findings, 'AwsSolutions-S10', 'Bare').length, 1);
    assert.equal(on(findings, 'AwsSolutions-S10', 'Bare')[0]!.status, 'fail');
    assert.equal(on(findings, 'AwsSolutions-S10', 'Logs').length, 1);
    assert.equal(on(findings, 'AwsSolutions-S10', 'Logged').length, 0);
  });

  it('reports the failures of a forged empty validation report, which it never reads', async () => {
    const dir = synthAssembly(true);
    writeFileSync(
      join(dir, 'validation-report.json'),
      JSON.stringify({
        title: 'Validation Report',
        pluginReports: [
          { pluginName: 'AwsSolutions', summary: { status: 'success' }, violations: [] },
          { pluginName: 'NIST.800.53.R5', summary: { status: 'success' }, violations: [] },
        ],
      }),
    );
    const findings = await nagFindings(await loadInventory([dir]));
    assert.equal(on(findings, 'AwsSolutions-S10', 'Bare')[0]?.status, 'fail');
    writeFileSync(join(dir, 'validation-report.json'), '{"pluginReports": [');
    const again = await nagFindings(await loadInventory([dir]));
    assert.equal(on(again, 'AwsSolutions-S10', 'Bare')[0]?.status, 'fail');
  });
});

describe('cdk-nag rule mappings', () => {
  it('name only requirements that exist in the framework catalogs', () => {
    for (const [rule, mappings] of Object.entries(NAG_RULE_MAPPINGS))
      for (const [key, values] of Object.entries(mappings)) {
        const known = new Set(FRAMEWORKS[key as FrameworkKey].requirements.map((r) => r.id));
        for (const id of requirementIds(key as FrameworkKey, values ?? []))
          assert.ok(known.has(id), `${rule}: ${key} has no ${id}`);
      }
  });
});
