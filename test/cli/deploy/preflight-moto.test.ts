/**
 * The pre-flight checks against moto_server: whose credentials (STS caller identity), the bootstrap version
 * parameter, ACM certificates and Route 53 zones looked up where they must be, secrets, and the problems each
 * missing, wrong-region or outdated resource produces (with its fix).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { validateBlueprint } from '../../../src/blueprint/index.js';
import { bootstrapRequirements, checkBootstrap } from '../../../src/cli/deploy/preflight/bootstrap.js';
import { checkReferences } from '../../../src/cli/deploy/preflight/check-references.js';
import { checkCredentials } from '../../../src/cli/deploy/preflight/credentials.js';
import { referencesOf } from '../../../src/cli/deploy/preflight/references.js';
import { startMoto, type Moto } from '../../notifier/moto.js';
import { ACCOUNT, REGION, isolateCredentials, synthSmallStack } from './small-stack.js';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe('pre-flight checks (moto_server)', () => {
  let moto: Moto;
  let scratch: string;
  const target = () => ({ region: REGION, endpointUrl: moto.endpoint });
  const config = (region = REGION) => ({ endpoint: moto.endpoint, region, credentials });

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'vf-preflight-'));
    isolateCredentials(scratch);
    // Requested certificates are ISSUED at once instead of after moto's minute of pretend validation.
    process.env.MOTO_ACM_VALIDATION_WAIT = '0';
    moto = await startMoto();
  });
  after(async () => moto?.stop());

  describe('credentials', () => {
    it('passes for credentials of the blueprint account in its region', async () => {
      const { problems, identity } = await checkCredentials(
        target(),
        { account: ACCOUNT, region: REGION },
        undefined,
      );
      assert.deepEqual(problems, []);
      assert.equal(identity?.account, ACCOUNT);
    });

    it('names both accounts when the credentials are for another one', async () => {
      const { problems } = await checkCredentials(
        target(),
        { account: '111111111111', region: REGION },
        undefined,
      );
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.check, 'credentials');
      assert.match(
        problems[0]!.problem,
        /are for account 123456789012, but the blueprint deploys to 111111111111/,
      );
      assert.match(problems[0]!.fix, /use credentials of account 111111111111/);
    });

    it('flags a region asked for that is not the blueprint region', async () => {
      const { problems } = await checkCredentials(
        target(),
        { account: ACCOUNT, region: REGION },
        { region: 'us-west-2', source: '--region' },
      );
      assert.deepEqual(
        problems.map((p) => [p.check, p.problem]),
        [['region', '--region is us-west-2, but the blueprint deploys to eu-west-1']],
      );
    });

    it('reports credentials that do not resolve, with how to sign in', async () => {
      const { problems, identity } = await checkCredentials(
        { ...target(), profile: 'no-such-profile' },
        { account: ACCOUNT, region: REGION },
        undefined,
      );
      assert.equal(identity, undefined);
      assert.equal(problems.length, 1);
      assert.match(
        problems[0]!.problem,
        /^no usable AWS credentials \(profile no-such-profile\): CredentialsProviderError/,
      );
      assert.match(problems[0]!.fix, /aws sso login/);
    });
  });

  describe('bootstrap version', () => {
    it('reads what the assembly requires and finds the environment not bootstrapped, then too old, then fine', async () => {
      const requirements = bootstrapRequirements(synthSmallStack(join(scratch, 'assembly'), 'v1'));
      assert.deepEqual(requirements, [
        {
          account: ACCOUNT,
          region: REGION,
          parameter: '/cdk-bootstrap/hnb659fds/version',
          minimumVersion: 6,
          stacks: ['vectorfort-small'],
        },
      ]);
      // GIVEN no parameter THEN the environment is not bootstrapped
      const missing = await checkBootstrap(requirements, target());
      assert.equal(missing.length, 1);
      assert.match(
        missing[0]!.problem,
        /aws:\/\/123456789012\/eu-west-1 is not bootstrapped .*needs version 6 or later/,
      );
      assert.equal(
        missing[0]!.fix,
        'bootstrap it once: npx aws-cdk@2 bootstrap aws://123456789012/eu-west-1',
      );
      // GIVEN version 5 THEN it is too old
      const ssm = new SSMClient(config());
      await ssm.send(
        new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '5', Type: 'String' }),
      );
      const old = await checkBootstrap(requirements, target());
      assert.equal(old.length, 1);
      assert.match(old[0]!.problem, /is bootstrapped at version 5; vectorfort-small needs 6 or later/);
      assert.match(old[0]!.fix, /^upgrade the bootstrap stack/);
      // GIVEN a current version THEN nothing is wrong
      await ssm.send(
        new PutParameterCommand({
          Name: '/cdk-bootstrap/hnb659fds/version',
          Value: '30',
          Type: 'String',
          Overwrite: true,
        }),
      );
      assert.deepEqual(await checkBootstrap(requirements, target()), []);
    });
  });

  describe('referenced certificates, hosted zone and secrets', () => {
    it('finds what exists where it must be and names what is missing or in the wrong region', async () => {
      // GIVEN a certificate in the stack's region, one in us-east-1, a public zone and one of the two secrets
      const issue = async (region: string, domain: string) =>
        (await new ACMClient(config(region)).send(new RequestCertificateCommand({ DomainName: domain })))
          .CertificateArn!;
      const vpnServer = await issue(REGION, 'vpn.example.com');
      const elsewhere = await issue('us-east-1', 'root.example.com');
      const zone = await new Route53Client(config('us-east-1')).send(
        new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'preflight-test' }),
      );
      // moto's zone ids do not start with Z as Route 53's do: the blueprint names a well-formed one, and its
      // reference is pointed at moto's zone below.
      const motoZoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
      const zoneId = 'Z0123456789ABC';
      await new SecretsManagerClient(config()).send(
        new CreateSecretCommand({ Name: 'team/chat-webhook', SecretString: 'https://chat.example.com/hook' }),
      );
      const bp = validateBlueprint(
        {
          environment: { account: ACCOUNT, region: REGION },
          exposure: 'alb',
          edge: {
            domainName: 'weaviate.example.com',
            hostedZoneId: zoneId,
            hostedZoneName: 'example.com',
          },
          adminAccess: {
            clientVpn: { serverCertificateArn: vpnServer, clientRootCertificateArn: elsewhere },
          },
          detection: {
            alerting: {
              createSecrets: false,
              chatWebhookSecretName: 'team/chat-webhook',
              pagingWebhookSecretName: 'team/paging-webhook',
            },
          },
        },
        'blueprint.yaml',
      );
      const refs = referencesOf(bp).map((r) =>
        r.kind === 'hosted-zone' && r.id === zoneId ? { ...r, id: motoZoneId } : r,
      );
      assert.deepEqual(
        refs.map((r) => r.field),
        [
          'adminAccess.clientVpn.serverCertificateArn',
          'adminAccess.clientVpn.clientRootCertificateArn',
          'edge.hostedZoneId',
          'detection.alerting.chatWebhookSecretName',
          'detection.alerting.pagingWebhookSecretName',
        ],
      );
      // WHEN they are looked up
      const problems = await checkReferences(refs, target());
      // THEN the wrong-region certificate and the missing secret are named, with their fixes
      assert.deepEqual(
        problems.map((p) => [p.check, p.problem]),
        [
          [
            'certificate',
            `adminAccess.clientVpn.clientRootCertificateArn (${elsewhere}) is in us-east-1, but what uses it is in eu-west-1`,
          ],
          [
            'secret',
            'detection.alerting.pagingWebhookSecretName: the secret team/paging-webhook does not exist in eu-west-1',
          ],
        ],
      );
      assert.match(
        problems[1]!.fix,
        /create it in eu-west-1 \(aws secretsmanager create-secret --name team\/paging-webhook/,
      );
    });

    it('names a certificate that does not exist, and a zone that is not the one named', async () => {
      const missingArn = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/00000000-0000-0000-0000-00000000abcd`;
      const zone = await new Route53Client(config('us-east-1')).send(
        new CreateHostedZoneCommand({ Name: 'other.example', CallerReference: 'preflight-test-2' }),
      );
      const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
      const problems = await checkReferences(
        [
          { kind: 'certificate', arn: missingArn, region: REGION, field: 'edge.certificateArn' },
          { kind: 'hosted-zone', id: zoneId, name: 'example.com', field: 'edge.hostedZoneId' },
          { kind: 'hosted-zone', id: 'Z0000000000NONE', field: 'edge.hostedZoneId' },
        ],
        target(),
      );
      assert.deepEqual(
        problems.map((p) => p.problem),
        [
          `edge.certificateArn (${missingArn}) does not exist in eu-west-1`,
          `edge.hostedZoneId (${zoneId}) is the zone other.example, not edge.hostedZoneName example.com`,
          'edge.hostedZoneId (Z0000000000NONE) does not exist in this account',
        ],
      );
    });
  });
});
