/**
 * The built-in CloudFormation validator's acknowledgements (which cdk-nag copies onto every resource) stay out
 * of the template; cdk-nag's own acknowledgements stay in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dropBuiltinValidatorAcknowledgements } from '../../src/aws/inert-acknowledgements.js';
import { acknowledgeNag, addNagPacks } from '../../src/aws/nag.js';

const root = mkdtempSync(join(tmpdir(), 'vectorfort-inert-acks-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Rule = { id: string };
type Template = {
  Resources: Record<string, { Type: string; Metadata?: { cdk_nag?: { rules_to_suppress: Rule[] } } }>;
};

function synthQueues(drop: boolean, name: string): Template {
  const outdir = join(root, name);
  const app = new App({ outdir });
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  // Reading the zones makes aws-cdk-lib acknowledge the validator's W3010 on the whole stack.
  void stack.availabilityZones;
  const acknowledged = new sqs.Queue(stack, 'Acknowledged');
  acknowledgeNag(acknowledged, 'AwsSolutions-SQS3', 'reviewed: this queue is a dead-letter queue itself');
  new sqs.Queue(stack, 'Plain');
  addNagPacks(app);
  if (drop) dropBuiltinValidatorAcknowledgements(app);
  try {
    app.synth();
  } catch {
    // cdk-nag's findings on the bare queues make synth throw after writing the template.
  }
  return JSON.parse(readFileSync(join(outdir, 'S.template.json'), 'utf8')) as Template;
}

const rulesOf = (t: Template) =>
  Object.values(t.Resources).flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []);

describe('built-in validator acknowledgements', () => {
  it('are copied onto every resource when nothing drops them', () => {
    const copies = rulesOf(synthQueues(false, 'kept')).filter(
      (r) => r.id === 'CloudFormation-Validate::W3010',
    );
    assert.ok(copies.length >= 2, `expected a copy per queue, got ${copies.length}`);
  });

  it('are left out of the template, and cdk-nag’s own acknowledgements stay', () => {
    const template = synthQueues(true, 'dropped');
    const rules = rulesOf(template);
    assert.deepEqual(
      rules.filter((r) => r.id.startsWith('CloudFormation-Validate::')),
      [],
    );
    assert.deepEqual(
      rules.map((r) => r.id),
      ['AwsSolutions::AwsSolutions-SQS3'],
    );
    const plain = Object.entries(template.Resources).find(([id]) => id.startsWith('Plain'))![1];
    assert.equal(plain.Metadata?.cdk_nag, undefined);
  });
});
