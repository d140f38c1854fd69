/**
 * cfn-lint and cdk-nag on the blueprints that exercise the edge, administrative access and detection: the
 * private default, the examples, and a site-to-site VPN with Shield Advanced.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { synth } from './synth-helper.js';

const examplesDir = new URL('../../examples/', import.meta.url);
const examples = Object.fromEntries(
  readdirSync(examplesDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, parse(readFileSync(new URL(f, examplesDir), 'utf8')) as Record<string, unknown>]),
);
const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  ...examples,
  'site-to-site and shield': {
    exposure: 'alb',
    edge: {
      scheme: 'internal',
      domainName: 'weaviate.corp.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
      shieldAdvanced: true,
      waf: {
        customRules: [
          {
            Name: 'BlockSchemaWrites',
            Action: { Block: {} },
            Statement: {
              ByteMatchStatement: {
                FieldToMatch: { UriPath: {} },
                PositionalConstraint: 'STARTS_WITH',
                SearchString: '/v1/schema',
                TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
              },
            },
          },
        ],
      },
    },
    adminAccess: {
      siteToSiteVpn: {
        enabled: true,
        customerGatewayIp: '198.51.100.7',
        onPremisesCidrs: ['192.168.0.0/16'],
      },
    },
    detection: { securityHub: { enabled: true } },
  },
};
/** cfn-lint warnings accepted in every stack (see test/aws/cfn-lint.test.ts for the reasons). */
const ACCEPTED_WARNINGS = new Set(['W3010', 'W3005']);

describe('quality gates for the edge, access and detection blueprints', () => {
  it('ships the ALB, CloudFront (us-east-1 and eu-west-1) and development examples, each a valid blueprint', () => {
    for (const name of ['public-alb.yaml', 'cloudfront.yaml', 'cloudfront-eu.yaml', 'development.yaml'])
      assert.ok(examples[name], name);
    for (const [name, input] of Object.entries(examples)) validateBlueprint(input, name);
  });

  // Every stack of every variant (cloudfront-eu.yaml has a us-east-1 edge stack beside the main one).
  const files: string[] = [];
  let synthesized = 0;
  for (const [name, input] of Object.entries(VARIANTS)) {
    it(`leaves no unacknowledged cdk-nag error in ${name}`, () => {
      const { result } = synth(input);
      files.push(...result.stacks.map((s) => s.templateFile));
      synthesized++;
      assert.deepEqual(result.nagErrors, []);
    });
  }

  it('passes cfn-lint with no errors and only the accepted warnings', () => {
    assert.equal(synthesized, Object.keys(VARIANTS).length);
    assert.ok(
      files.some((f) => f.endsWith('-edge.template.json')),
      'the us-east-1 edge stack is linted',
    );
    const run = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8' });
    assert.equal(run.error, undefined, 'cfn-lint is on PATH');
    const codes = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => /:([EWI]\d{4}):/.exec(line)?.[1] ?? line);
    assert.deepEqual(
      codes.filter((c) => !ACCEPTED_WARNINGS.has(c)),
      [],
      run.stdout,
    );
  });
});
