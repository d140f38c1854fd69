/** acknowledgeControl writes the verifier's Metadata form and refuses what the verifier would not apply. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgeControl } from '../../src/aws/acknowledge-control.js';
import { InvalidAcknowledgementError } from '../../src/contract/acknowledgement.js';

describe('acknowledgeControl', () => {
  it('adds each acknowledgement to the Metadata of the construct’s resource', () => {
    // GIVEN a queue
    const stack = new Stack(new App(), 'S');
    const queue = new sqs.Queue(stack, 'Queue');
    // WHEN two controls are acknowledged on it
    acknowledgeControl(queue, 'VF-DATA-013', 'reviewed: the queue holds no data');
    acknowledgeControl(queue, 'VF-DATA-014', 'reviewed: the queue is short-lived');
    // THEN both sit under Metadata.vectorfort.acknowledge
    const template = stack.resolve((queue.node.defaultChild as sqs.CfnQueue).cfnOptions.metadata);
    assert.deepEqual(template, {
      vectorfort: {
        acknowledge: {
          'VF-DATA-013': 'reviewed: the queue holds no data',
          'VF-DATA-014': 'reviewed: the queue is short-lived',
        },
      },
    });
  });

  it('throws InvalidAcknowledgementError for a short reason or an id that does not parse', () => {
    const queue = new sqs.Queue(new Stack(new App(), 'S'), 'Queue');
    assert.throws(() => acknowledgeControl(queue, 'VF-DATA-013', 'too short'), InvalidAcknowledgementError);
    assert.throws(
      () => acknowledgeControl(queue, 'VF-data-013' as 'VF-DATA-013', 'reviewed: a long enough reason'),
      InvalidAcknowledgementError,
    );
  });
});
