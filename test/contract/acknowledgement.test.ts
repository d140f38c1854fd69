/** The acknowledgement format: what writers refuse and readers report, from one set of rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acknowledgementAnnotation,
  assertAcknowledgement,
  InvalidAcknowledgementError,
  readAcknowledgementAnnotation,
  readAcknowledgementMetadata,
  withAcknowledgement,
} from '../../src/contract/acknowledgement.js';

const REASON = 'reviewed: rotation is done by hand';

describe('acknowledgement writers', () => {
  it('throw a typed error for a reason shorter than ten characters, blanks not counted', () => {
    assert.throws(
      () => assertAcknowledgement('VF-DATA-013', '  too short  '),
      (e) => e instanceof InvalidAcknowledgementError && /at least 10 characters/.test(e.message),
    );
    assert.doesNotThrow(() => assertAcknowledgement('VF-DATA-013', 'ten chars!'));
  });

  it('throw a typed error for an id that is not a control id', () => {
    for (const id of ['VF-data-013', 'VF-DATA-', 'AwsSolutions-IAM4', 'VF-DATA-013 '])
      assert.throws(
        () => assertAcknowledgement(id, REASON),
        (e) => e instanceof InvalidAcknowledgementError && e.message.includes(JSON.stringify(id)),
        id,
      );
  });

  it('write the annotation as JSON under vectorfort.dev/acknowledge', () => {
    assert.deepEqual(acknowledgementAnnotation({ 'VF-K8S-012': REASON }), {
      'vectorfort.dev/acknowledge': JSON.stringify({ 'VF-K8S-012': REASON }),
    });
    assert.throws(() => acknowledgementAnnotation({ 'VF-K8S-012': 'short' }), InvalidAcknowledgementError);
  });

  it('add to the metadata a resource already has, keeping its other entries', () => {
    const first = withAcknowledgement(undefined, 'VF-DATA-013', REASON);
    assert.deepEqual(first, { acknowledge: { 'VF-DATA-013': REASON } });
    assert.deepEqual(withAcknowledgement({ ...first, other: 1 }, 'VF-EDGE-001', REASON), {
      other: 1,
      acknowledge: { 'VF-DATA-013': REASON, 'VF-EDGE-001': REASON },
    });
  });
});

describe('acknowledgement readers', () => {
  it('read valid entries with the reason trimmed and report every other entry with its path', () => {
    const read = readAcknowledgementAnnotation(
      JSON.stringify({ 'VF-K8S-012': `  ${REASON} `, 'VF-K8S-013': 'ok', 'K8S-1': REASON, 'VF-K8S-014': 3 }),
    );
    assert.deepEqual(read.acknowledgements, [{ controlId: 'VF-K8S-012', reason: REASON }]);
    assert.deepEqual(
      read.problems.map((p) => p.path),
      [['VF-K8S-013'], ['K8S-1'], ['VF-K8S-014']],
    );
    assert.match(read.problems[0]!.message, /got "ok"/);
    assert.match(read.problems[1]!.message, /needs a control id/);
    assert.match(read.problems[2]!.message, /got a number/);
  });

  it('report an annotation that is not JSON or not an object as a whole', () => {
    for (const text of ['{not json', '["VF-K8S-012"]', '"VF-K8S-012"']) {
      const read = readAcknowledgementAnnotation(text);
      assert.deepEqual(read.acknowledgements, [], text);
      assert.equal(read.problems.length, 1, text);
      assert.deepEqual(read.problems[0]!.path, [], text);
    }
  });

  it('read the CloudFormation Metadata form, and nothing from metadata without it', () => {
    const read = readAcknowledgementMetadata({ vectorfort: { acknowledge: { 'VF-EKS-003': REASON } } });
    assert.deepEqual(read?.acknowledgements, [{ controlId: 'VF-EKS-003', reason: REASON }]);
    assert.deepEqual(read?.problems, []);
    assert.equal(readAcknowledgementMetadata({ cdk_nag: {} }), undefined);
    assert.equal(readAcknowledgementMetadata({ vectorfort: { other: true } }), undefined);
    assert.equal(readAcknowledgementMetadata(undefined), undefined);
    assert.deepEqual(
      readAcknowledgementMetadata({ vectorfort: 'VF-EKS-003' })?.problems.map((p) => p.message),
      ['Metadata.vectorfort is not an object'],
    );
  });
});
