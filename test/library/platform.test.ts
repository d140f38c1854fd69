/**
 * WeaviatePlatform in a user's CDK app, in process: bad props end in typed errors naming what is wrong, and an
 * existing VPC given as CDK references without an acknowledgement leaves `vectorfort verify` incomplete, each
 * unknown naming the subnet whose routes and ACLs no template holds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ValidationError, WeaviatePlatform, type ExistingVpcSelection } from '../../src/aws/index.js';
import { InputError, InputErrors } from '../../src/errors.js';
import { vectorfort } from '../cli/run-cli.js';

const env = { account: '111111111111', region: 'eu-west-1' };
const blueprint = { name: 'search', preset: 'development', environment: env };
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A landing zone's VPC imported with literal ids, ranges and zones (two zones, one subnet per tier each). */
function landingZone(scope: Construct, options: { cidrs?: boolean } = {}): ExistingVpcSelection {
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'LandingZone', {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    vpcCidrBlock: '10.80.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  });
  const tier = (name: string, letter: string, cidrs: string[]): ec2.SubnetSelection => ({
    subnets: cidrs.map((cidr, i) =>
      ec2.Subnet.fromSubnetAttributes(scope, `${name}${i}`, {
        subnetId: `subnet-0${letter}00000000000${letter}00${i + 1}`,
        availabilityZone: `eu-west-1${'ab'[i]}`,
        ...(options.cidrs === false ? {} : { ipv4CidrBlock: cidr }),
      }),
    ),
  });
  return {
    vpc,
    subnets: {
      application: tier('Application', 'a', ['10.80.16.0/21', '10.80.24.0/21']),
      data: tier('Data', 'd', ['10.80.64.0/19', '10.80.96.0/19']),
      endpoints: tier('Endpoints', 'e', ['10.80.0.0/26', '10.80.0.64/26']),
    },
  };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected a ValidationError');
}

describe('WeaviatePlatform props', () => {
  it('rejects an invalid blueprint with an InputError naming the path and what was expected', () => {
    const app = new App();
    assert.throws(
      () => new WeaviatePlatform(app, 'Weaviate', { blueprint: { ...blueprint, name: 'Search Engine' } }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        const described =
          error instanceof InputErrors ? error.errors.map((e) => e.describe()) : [error.describe()];
        assert.equal(described.length, 1);
        assert.match(described[0]!, /^Weaviate \(WeaviatePlatform props\.blueprint\): name: /);
        return true;
      },
    );
  });

  it('rejects an existing VPC given both in the blueprint and in the props', () => {
    const app = new App();
    const lookups = new Stack(app, 'lookups', { env });
    const withVpc = {
      ...blueprint,
      network: {
        vpcCidr: '10.80.0.0/16',
        existingVpc: {
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          subnets: {
            application: [
              { id: 'subnet-0a00000000000a001', cidr: '10.80.16.0/21', availabilityZone: 'eu-west-1a' },
            ],
            data: [{ id: 'subnet-0d00000000000d001', cidr: '10.80.64.0/19', availabilityZone: 'eu-west-1a' }],
            endpoints: [
              { id: 'subnet-0e00000000000e001', cidr: '10.80.0.0/26', availabilityZone: 'eu-west-1a' },
            ],
          },
        },
      },
    };
    assert.equal(
      codeOf(
        () =>
          new WeaviatePlatform(app, 'Weaviate', { blueprint: withVpc, existingVpc: landingZone(lookups) }),
      ),
      'existing-vpc-given-twice',
    );
  });

  it('rejects subnets imported without their range, and a VPC known only at deploy time', () => {
    const app = new App();
    const lookups = new Stack(app, 'lookups', { env });
    assert.equal(
      codeOf(
        () =>
          new WeaviatePlatform(app, 'NoRanges', {
            blueprint,
            existingVpc: landingZone(lookups, { cidrs: false }),
          }),
      ),
      'existing-vpc-attribute-missing',
    );
    const own = new ec2.Vpc(new Stack(app, 'own', { env }), 'Vpc');
    assert.equal(
      codeOf(
        () =>
          new WeaviatePlatform(app, 'TokenVpc', {
            blueprint,
            existingVpc: {
              vpc: own,
              subnets: {
                application: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
                data: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
                endpoints: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
              },
            },
          }),
      ),
      'existing-vpc-not-concrete',
    );
  });

  it('rejects a scope outside any CDK app', () => {
    const loose = new Construct(undefined as unknown as Construct, 'loose');
    assert.equal(
      codeOf(() => new WeaviatePlatform(loose, 'Weaviate', { blueprint })),
      'platform-outside-app',
    );
  });

  it('waits for a pending VPC lookup instead of failing, so the CDK CLI can look the VPC up', () => {
    const app = new App();
    const lookups = new Stack(app, 'lookups', { env });
    const vpc = ec2.Vpc.fromLookup(lookups, 'Vpc', {
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetGroupNameTag: 'tier',
    });
    const platform = new WeaviatePlatform(app, 'Weaviate', {
      blueprint,
      existingVpc: {
        vpc,
        subnets: {
          application: { subnetGroupName: 'application' },
          data: { subnetGroupName: 'data' },
          endpoints: { subnetGroupName: 'endpoints' },
        },
      },
    });
    assert.equal(platform.stack, undefined);
    const missing = app.synth().manifest.missing ?? [];
    assert.equal(missing.length, 1);
    assert.equal(missing[0]!.provider, 'vpc-provider');
  });
});

describe('WeaviatePlatform in an existing VPC, without an acknowledgement', () => {
  it('synthesizes the stacks vectorfort synth builds, and verify reports the unseen network as unknown', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vectorfort-platform-'));
    dirs.push(outdir);
    const app = new App({ outdir });
    // The user's own stack, holding the imported VPC (and something to deploy: verify refuses an empty template).
    const lookups = new Stack(app, 'lookups', { env });
    new ssm.StringParameter(lookups, 'SearchService', { stringValue: 'weaviate.search.internal' });
    const platform = new WeaviatePlatform(app, 'Weaviate', { blueprint, existingVpc: landingZone(lookups) });
    app.synth();
    assert.equal(platform.stack?.stackName, 'vectorfort-search');
    assert.deepEqual(platform.blueprint.network.existingVpc?.subnets.data, [
      { id: 'subnet-0d00000000000d001', cidr: '10.80.64.0/19', availabilityZone: 'eu-west-1a' },
      { id: 'subnet-0d00000000000d002', cidr: '10.80.96.0/19', availabilityZone: 'eu-west-1b' },
    ]);
    const template = JSON.parse(
      readFileSync(join(outdir, `${platform.stack!.artifactId}.template.json`), 'utf8'),
    ) as { Metadata: Record<string, { externalNetwork?: { subnets: string[]; acknowledged?: string } }> };
    const spec = template.Metadata['vectorfort:flowSpec'];
    assert.equal(spec?.externalNetwork?.subnets.length, 6);
    assert.equal(spec?.externalNetwork?.acknowledged, undefined);

    const run = vectorfort('verify', outdir, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      verdict: { status: string; unknown: number };
      findings: { status: string; message: string; acknowledged?: unknown }[];
    };
    assert.equal(report.verdict.status, 'incomplete');
    const unknown = report.findings.filter((f) => f.status === 'unknown');
    assert.ok(unknown.length > 50);
    assert.equal(report.verdict.unknown, unknown.length);
    assert.ok(unknown.every((f) => f.acknowledged === undefined));
    assert.ok(
      unknown.some((f) => /subnet "subnet-0d00000000000d00[12]" is not in the input/.test(f.message)),
    );
    assert.ok(!report.findings.some((f) => f.status === 'fail' && f.acknowledged === undefined));
  });
});
