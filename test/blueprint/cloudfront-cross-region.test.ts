/** Blueprint rules for CloudFront in front of a stack outside us-east-1. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadBlueprint, validateBlueprint } from '../../src/blueprint/index.js';
import { refusalsIfAny } from './refusals.js';

const errorsOf = (input: Record<string, unknown>) => refusalsIfAny(() => validateBlueprint(input, 'bp.yaml'));

const example = parse(
  readFileSync(new URL('../../examples/cloudfront-eu.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const exampleEdge = example.edge as Record<string, unknown>;

/** The blueprint's messages (`path: message`), or [] when it is valid. */
const withEdge = (edge: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  ...example,
  ...rest,
  edge: { ...exampleEdge, ...edge },
});
const US_EAST_1_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/cf';
const EU_WEST_1_CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/alb';

describe('blueprint: CloudFront outside us-east-1', () => {
  it('accepts examples/cloudfront-eu.yaml (eu-west-1, DNS-validated certificates)', () => {
    assert.deepEqual(errorsOf(example), []);
    const bp = validateBlueprint(example, 'cloudfront-eu.yaml');
    assert.equal(bp.environment.region, 'eu-west-1');
    assert.equal(bp.exposure, 'cloudfront');
  });

  it("reports only the example's account as a value to replace (S3 needs no hand-entered ranges)", () => {
    const { placeholders } = loadBlueprint(
      fileURLToPath(new URL('../../examples/cloudfront-eu.yaml', import.meta.url)),
    );
    assert.deepEqual(placeholders, ['environment.account']);
  });

  it('accepts imported certificates: the ALB one in the region, the CloudFront one in us-east-1', () => {
    const input = withEdge({
      hostedZoneId: undefined,
      hostedZoneName: undefined,
      certificateArn: EU_WEST_1_CERT,
      cloudFrontCertificateArn: US_EAST_1_CERT,
    });
    assert.deepEqual(errorsOf(input), []);
  });

  it('rejects an imported CloudFront certificate outside us-east-1, naming the field', () => {
    const errors = errorsOf(
      withEdge({ cloudFrontCertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/cf' }),
    );
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(
      errors[0]!,
      /edge\.cloudFrontCertificateArn: CloudFront uses certificates from us-east-1 only/,
    );
    assert.match(errors[0]!, /is in eu-west-1/);
  });

  it('rejects a CloudFront certificate ARN that is not an ACM certificate', () => {
    const errors = errorsOf(withEdge({ cloudFrontCertificateArn: 'arn:aws:iam::111111111111:role/x' }));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /edge\.cloudFrontCertificateArn: expected an ACM certificate ARN/);
  });

  it("rejects the ALB's imported certificate in us-east-1 and points at cloudFrontCertificateArn", () => {
    const errors = errorsOf(withEdge({ certificateArn: US_EAST_1_CERT }));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /edge\.certificateArn: .*must be in eu-west-1 \(got us-east-1\)/);
    assert.match(errors[0]!, /edge\.cloudFrontCertificateArn/);
  });

  it('needs a hosted zone or cloudFrontCertificateArn for the us-east-1 certificate', () => {
    const errors = errorsOf(
      withEdge({ hostedZoneId: undefined, hostedZoneName: undefined, certificateArn: EU_WEST_1_CERT }),
    );
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /edge\.cloudFrontCertificateArn: exposure "cloudfront" in eu-west-1 needs/);
  });

  it('rejects cloudFrontCertificateArn where there is no separate CloudFront certificate', () => {
    const inUsEast1 = errorsOf(
      withEdge(
        { cloudFrontCertificateArn: US_EAST_1_CERT },
        {
          environment: { account: '111111111111', region: 'us-east-1' },
          network: {},
          adminAccess: {},
        },
      ),
    );
    assert.equal(inUsEast1.length, 1, inUsEast1.join('\n'));
    assert.match(
      inUsEast1[0]!,
      /edge\.cloudFrontCertificateArn: .*in us-east-1 edge\.certificateArn serves both/,
    );
  });

  it('rejects Shield Advanced with CloudFront outside us-east-1, naming the alternatives', () => {
    const errors = errorsOf(withEdge({ shieldAdvanced: true }));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /edge\.shieldAdvanced: .*must be created in us-east-1/);
    assert.match(errors[0]!, /Deploy in us-east-1, use exposure "alb"/);
    assert.match(errors[0]!, /Firewall Manager/);
  });

  it('keeps Shield Advanced for CloudFront in us-east-1', () => {
    const cloudfront = parse(
      readFileSync(new URL('../../examples/cloudfront.yaml', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const input = { ...cloudfront, edge: { ...(cloudfront.edge as object), shieldAdvanced: true } };
    assert.deepEqual(errorsOf(input), []);
  });
});
