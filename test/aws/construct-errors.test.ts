import { InvalidAcknowledgementError } from '../../src/contract/acknowledgement.js';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { createApp } from '../../src/aws/app.js';
import { acknowledgeControl } from '../../src/aws/acknowledge-control.js';
import { Cluster, type ClusterProps } from '../../src/aws/cluster.js';
import { VectorfortEdgeStack } from '../../src/aws/edge/edge-stack.js';
import {
  VALIDATION_ERROR_ORIGINS,
  ValidationError,
  type ValidationErrorCode,
  type ValidationErrorOrigin,
} from '../../src/aws/errors.js';
import { Keys } from '../../src/aws/keys.js';
import { acknowledgeNag } from '../../src/aws/nag.js';
import { planNetworkAcls } from '../../src/aws/private/acl-plan.js';
import { PlannedIpAddresses } from '../../src/aws/private/planned-ip-addresses.js';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { awsNames, deriveFlowSpec } from '../../src/flows/index.js';
import { renderCharts } from '../../src/k8s/index.js';

/** A predicate for assert.throws: a ValidationError with this code, origin and message. */
function validationError(code: ValidationErrorCode, origin: ValidationErrorOrigin, message: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.origin, origin);
    assert.match(e.message, message);
    assert.ok(e.message.endsWith(`[${code}]`), e.message);
    return true;
  };
}

const bareStack = () =>
  new Stack(new App(), 'Errors', { env: { account: '111111111111', region: 'us-east-1' } });

describe('ValidationError', () => {
  it('starts its message with the construct path and ends it with the code', () => {
    const scope = new Construct(bareStack(), 'Part');
    const error = new ValidationError('key-not-created', 'no logs key was created here', scope);
    assert.equal(error.message, 'Errors/Part: no logs key was created here [key-not-created]');
    assert.equal(error.constructPath, 'Errors/Part');
    assert.equal(error.name, 'ValidationError');
  });

  it('blames the input only for what a blueprint or a caller can get wrong', () => {
    const invalidInput = Object.entries(VALIDATION_ERROR_ORIGINS)
      .filter(([, origin]) => origin === 'invalid-input')
      .map(([code]) => code)
      .sort();
    assert.deepEqual(invalidInput, [
      // An enclave given an existing VPC through WeaviatePlatform's props (the blueprint rule refuses it first).
      'enclave-needs-own-vpc',
      // WeaviatePlatform's props (platform.ts): a caller's VPC selection or scope.
      'existing-vpc-attribute-missing',
      'existing-vpc-given-twice',
      'existing-vpc-not-concrete',
      'platform-outside-app',
      'public-cidrs-without-public-endpoint',
      'public-endpoint-without-cidrs',
      // A blueprint that turns on more than one CloudFormation template holds (app.ts).
      'template-too-large',
      'vpc-cidr-not-ipv4',
    ]);
  });
});

describe('construct errors', () => {
  it('rejects a public endpoint without ranges, and ranges without a public endpoint, before building', () => {
    // GIVEN props that contradict each other (the cluster is rejected before it reads the network or keys)
    const contradictory = (extra: Partial<ClusterProps>) => () =>
      new Cluster(bareStack(), 'Eks', {
        clusterName: 'demo',
        kubernetesVersion: '1.35',
        network: undefined as never,
        secretsKey: undefined as never,
        volumeKey: undefined as never,
        logsKey: undefined as never,
        nodeGroups: [],
        ...extra,
      });
    assert.throws(
      contradictory({ allowPublicEndpoint: true }),
      validationError(
        'public-endpoint-without-cidrs',
        'invalid-input',
        /^Errors\/Eks: allowPublicEndpoint needs/,
      ),
    );
    assert.throws(
      contradictory({ publicAccessCidrs: ['203.0.113.0/24'] }),
      validationError(
        'public-cidrs-without-public-endpoint',
        'invalid-input',
        /allowPublicEndpoint is false/,
      ),
    );
  });

  it('names the Keys construct when asked for a key it did not create', () => {
    const bp = validateBlueprint({}, 'bp.yaml');
    const keys = new Keys(bareStack(), 'Keys', {
      aliases: awsNames(bp).keyAlias,
      rotationPeriod: Duration.days(365),
      purposes: ['logs'],
    });
    assert.throws(
      () => keys.key('alerting'),
      validationError('key-not-created', 'internal', /^Errors\/Keys: no alerting key/),
    );
  });

  it('refuses acknowledgements on constructs without a resource, or without a real reason', () => {
    const empty = new Construct(bareStack(), 'Empty');
    assert.throws(
      () => acknowledgeControl(empty, 'VF-DATA-013', 'a reviewed reason'),
      validationError(
        'no-cloudformation-resource',
        'internal',
        /^Errors\/Empty: has no CloudFormation resource/,
      ),
    );
    // The reason rule is the acknowledgement contract's, the same where acknowledgements are written and read.
    assert.throws(
      () => acknowledgeNag(empty, 'AwsSolutions-IAM4', 'because'),
      (error: unknown) =>
        error instanceof InvalidAcknowledgementError && /at least 10 characters/.test(error.message),
    );
    assert.throws(
      () => acknowledgeNag(empty, 'HIPAA.Security-X', 'a long enough reason'),
      validationError('nag-rule-of-unknown-pack', 'internal', /not a rule of/),
    );
  });

  it('reports a subnet plan without the subnet CDK asks for', () => {
    const scope = new Construct(bareStack(), 'Network');
    const plan = new PlannedIpAddresses('10.0.0.0/16', [], scope);
    assert.throws(
      () =>
        plan.allocateSubnetsCidr({
          vpcCidr: '10.0.0.0/16',
          requestedSubnets: [
            {
              availabilityZone: 'us-east-1a',
              subnetConstructId: 'publicSubnet1',
              configuration: { name: 'public', subnetType: 'Public' as never, cidrMask: 24 },
            },
          ],
        }),
      validationError('subnet-not-planned', 'internal', /no public subnet in us-east-1a/),
    );
  });

  it('reports a flow to a component the flow spec does not list', () => {
    const spec = deriveFlowSpec(validateBlueprint({}, 'bp.yaml'));
    assert.ok(spec.flows.length > 0);
    const broken = { ...spec, flows: [...spec.flows, { ...spec.flows[0]!, to: 'ghost' }] };
    const scope = new Construct(bareStack(), 'Acls');
    assert.throws(
      () => planNetworkAcls(broken, { natTiers: ['application'], scope }),
      validationError('unknown-flow-component', 'internal', /unknown component "ghost"/),
    );
  });

  it('refuses an edge stack the blueprint does not need', () => {
    assert.throws(
      () =>
        new VectorfortEdgeStack(new App(), 'vectorfort-weaviate-edge', {
          blueprint: validateBlueprint({}, 'bp.yaml'),
        }),
      validationError(
        'edge-stack-not-needed',
        'internal',
        /^vectorfort-weaviate-edge: the edge stack is for exposure "cloudfront"/,
      ),
    );
  });

  it('refuses charts rendered without the edge chart for an exposed blueprint', () => {
    // GIVEN an ALB blueprint, but the charts of a private one
    const exposed = validateBlueprint(
      {
        exposure: 'alb',
        edge: {
          domainName: 'weaviate.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
        },
      },
      'bp.yaml',
    );
    const privateBlueprint = validateBlueprint({}, 'bp.yaml');
    const charts = renderCharts(privateBlueprint, deriveFlowSpec(privateBlueprint));
    assert.throws(
      () =>
        createApp(exposed, { outdir: mkdtempSync(join(tmpdir(), 'vectorfort-errors-')), charts, nag: false }),
      validationError(
        'edge-chart-missing',
        'internal',
        /^vectorfort-weaviate: exposure "alb" applies the edge chart/,
      ),
    );
  });
});
