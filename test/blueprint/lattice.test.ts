/** The `lattice` section: its rules, each with the path and message the loader reports. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

const EDGE = [
  'edge:',
  '  scheme: internal',
  '  domainName: weaviate.example.com',
  '  certificateArn: arn:aws:acm:us-east-1:111111111111:certificate/x',
];
const blueprint = (...lines: string[]) => ['exposure: lattice', ...EDGE, ...lines].join('\n') + '\n';
const READER = ['lattice:', '  consumers:', '    - name: reader', '      accounts: ["222222222222"]'];

describe('the lattice section', () => {
  it('accepts a consumer named by account, with the read-only default', () => {
    const bp = parseBlueprint(blueprint(...READER), 'bp.yaml');
    assert.equal(bp.lattice.consumers[0]!.access, 'read-only');
    assert.equal(bp.lattice.associateVpc, false);
    assert.equal(bp.lattice.allowExternalPrincipals, false);
    assert.equal(bp.lattice.accessLogRetentionDays, 365);
  });

  it('needs at least one consumer with exposure lattice', () => {
    assert.deepEqual(errorsOf(blueprint()), [
      'bp.yaml:1:1: lattice.consumers: exposure "lattice" needs at least one consumer: with AWS_IAM auth and no consumer every request is denied',
    ]);
  });

  it('rejects a consumer that names no principals, accounts or organization', () => {
    const errors = errorsOf(
      blueprint('lattice:', '  consumers:', '    - name: anyone', '      vpcs: [vpc-0a1b2c3d4e5f60718]'),
    );
    assert.deepEqual(errors, [
      'bp.yaml:8:7: lattice.consumers[0]: consumer "anyone" names no principals, accounts or organizationId; a policy without one of them would admit every principal',
    ]);
  });

  it('needs an internal ALB behind Lattice', () => {
    const text = blueprint(...READER).replace('scheme: internal', 'scheme: internet-facing');
    assert.deepEqual(errorsOf(text), [
      'bp.yaml:3:3: edge.scheme: exposure "lattice" forwards to an internal ALB in the application tier; set edge.scheme: internal (nothing faces the internet)',
    ]);
  });

  it('associates this VPC only for administrators on the Client VPN', () => {
    const text = blueprint(
      ...READER,
      '  associateVpc: true',
      'adminAccess:',
      '  clientVpn:',
      '    enabled: false',
    );
    assert.deepEqual(errorsOf(text), [
      'bp.yaml:10:3: lattice.associateVpc: lattice.associateVpc lets administrators on the Client VPN call the service network; it needs exposure "lattice" and adminAccess.clientVpn.enabled',
    ]);
  });

  it('rejects consumers with another exposure', () => {
    const text = ['exposure: private', ...READER].join('\n') + '\n';
    assert.deepEqual(errorsOf(text), [
      'bp.yaml:3:3: lattice.consumers: lattice.consumers are used only with exposure "lattice" (got exposure "private")',
    ]);
  });
});
