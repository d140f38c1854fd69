/**
 * The acknowledgements our constructs write carry the blueprint's owner and an expiry: vectorfort's own in
 * the long form, cdk-nag's with the same fields next to the id and reason cdk-nag writes; the expiry is the
 * blueprint's date, or the injected synthesis date plus the review period.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgeControl } from '../../src/aws/acknowledge-control.js';
import { acknowledgementTermsOf, applyAcknowledgementTerms } from '../../src/aws/acknowledgement-terms.js';
import { acknowledgeNag, addNagPacks } from '../../src/aws/nag.js';
import { validateBlueprint } from '../../src/blueprint/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-ack-terms-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('acknowledgement terms', () => {
  it('start the review period at the synthesis date, or take the blueprint’s fixed date', () => {
    const defaults = validateBlueprint({}, 'blueprint.yaml');
    assert.deepEqual(acknowledgementTermsOf(defaults, new Date('2026-12-07T15:00:00Z')), {
      owner: 'platform team',
      expires: '2027-12-07',
    });
    const fixed = validateBlueprint(
      { acknowledgements: { owner: 'data team', expires: '2027-06-30' } },
      'blueprint.yaml',
    );
    assert.deepEqual(acknowledgementTermsOf(fixed, new Date('2026-12-07T15:00:00Z')), {
      owner: 'data team',
      expires: '2027-06-30',
    });
    const short = validateBlueprint({ acknowledgements: { reviewPeriodDays: 30 } }, 'blueprint.yaml');
    assert.equal(acknowledgementTermsOf(short, new Date('2026-12-07T00:00:00Z')).expires, '2027-01-06');
    assert.deepEqual(acknowledgementTermsOf(defaults), { owner: 'platform team' });
  });

  it('are written onto vectorfort’s and cdk-nag’s acknowledgements in the synthesized template', () => {
    // GIVEN a queue with one acknowledgement of each kind, and the packs that copy cdk-nag's into the template
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'S');
    const queue = new sqs.Queue(stack, 'Queue');
    acknowledgeControl(queue, 'VF-DATA-013', 'reviewed: the queue holds no data');
    acknowledgeNag(queue, 'AwsSolutions-SQS3', 'reviewed: this queue is a dead-letter queue itself');
    addNagPacks(app);
    // WHEN the terms are applied and the app synthesized
    applyAcknowledgementTerms(app, { owner: 'queue team', expires: '2027-01-31' });
    try {
      app.synth();
    } catch {
      // cdk-nag's other findings on the bare queue make synth throw after writing the template.
    }
    // THEN both kinds carry the owner and the expiry
    const template = JSON.parse(readFileSync(join(dir, 'S.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }>;
    };
    const metadata = Object.values(template.Resources).find((r) => r.Type === 'AWS::SQS::Queue')!.Metadata!;
    assert.deepEqual(metadata.vectorfort, {
      acknowledge: {
        'VF-DATA-013': {
          reason: 'reviewed: the queue holds no data',
          owner: 'queue team',
          expires: '2027-01-31',
        },
      },
    });
    const rules = (metadata.cdk_nag as { rules_to_suppress: Record<string, unknown>[] }).rules_to_suppress;
    assert.deepEqual(
      rules.find((r) => String(r.id).endsWith('AwsSolutions-SQS3')),
      {
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: 'reviewed: this queue is a dead-letter queue itself',
        owner: 'queue team',
        expires: '2027-01-31',
      },
    );
  });
});
