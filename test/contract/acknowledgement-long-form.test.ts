/**
 * The long form of an acknowledgement (`{reason, owner?, expires?}`): read strictly in both the annotation and
 * the CloudFormation metadata, with a clear problem for a bad date, an unknown field or a missing reason, and
 * the expiry's boundary exactly where the format says (the end of a date, the instant of a date-time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acknowledgementEntry,
  InvalidAcknowledgementError,
  parseExpiry,
  readAcknowledgementAnnotation,
  readAcknowledgementMetadata,
  withAcknowledgement,
  withAcknowledgementTerms,
} from '../../src/contract/acknowledgement.js';

const REASON = 'reviewed: rotation is done by hand';

describe('the long form', () => {
  it('is read from the annotation with its owner and expiry', () => {
    const read = readAcknowledgementAnnotation(
      JSON.stringify({
        'VF-DATA-013': { reason: ` ${REASON} `, owner: ' data team ', expires: '2027-03-31' },
      }),
    );
    assert.deepEqual(read.problems, []);
    assert.equal(read.acknowledgements.length, 1);
    const [ack] = read.acknowledgements;
    assert.equal(ack!.reason, REASON);
    assert.equal(ack!.owner, 'data team');
    assert.equal(ack!.expires?.text, '2027-03-31');
    assert.equal(ack!.expires?.lapsesAt, Date.parse('2027-04-01T00:00:00Z'));
  });

  it('is read from the metadata next to the short form', () => {
    const read = readAcknowledgementMetadata({
      vectorfort: {
        acknowledge: {
          'VF-DATA-013': { reason: REASON, expires: '2027-03-31T12:30:00Z' },
          'VF-EDGE-001': REASON,
        },
      },
    });
    assert.deepEqual(read?.problems, []);
    assert.deepEqual(
      read?.acknowledgements.map((a) => [a.controlId, a.expires?.lapsesAt ?? null, a.owner ?? null]),
      [
        ['VF-DATA-013', Date.parse('2027-03-31T12:30:00Z'), null],
        ['VF-EDGE-001', null, null],
      ],
    );
  });

  it('reports an unknown field, a missing reason, a bad date and an empty owner, each at its path', () => {
    const read = readAcknowledgementAnnotation(
      JSON.stringify({
        'VF-K8S-001': { reason: REASON, expiry: '2027-01-01' },
        'VF-K8S-002': { owner: 'team', expires: '2027-01-01' },
        'VF-K8S-003': { reason: REASON, expires: '2027-02-30' },
        'VF-K8S-004': { reason: REASON, expires: '2027-01-01T10:00:00+02:00' },
        'VF-K8S-005': { reason: REASON, owner: '  ' },
        'VF-K8S-006': { reason: 'short' },
      }),
    );
    assert.deepEqual(read.acknowledgements, []);
    assert.deepEqual(
      read.problems.map((p) => p.path),
      [
        ['VF-K8S-001', 'expiry'],
        ['VF-K8S-002'],
        ['VF-K8S-003', 'expires'],
        ['VF-K8S-004', 'expires'],
        ['VF-K8S-005', 'owner'],
        ['VF-K8S-006', 'reason'],
      ],
    );
    assert.match(
      read.problems[0]!.message,
      /not a field of an acknowledgement \(expected reason, owner, expires\)/,
    );
    assert.match(read.problems[1]!.message, /needs a "reason"/);
    assert.match(read.problems[2]!.message, /not a calendar date: "2027-02-30"/);
    assert.match(read.problems[3]!.message, /UTC date-time/);
    assert.match(read.problems[4]!.message, /"owner"/);
  });

  it('is written only when there are terms, and refused with a bad expiry', () => {
    assert.equal(acknowledgementEntry('VF-DATA-013', REASON), REASON);
    assert.deepEqual(
      withAcknowledgement(undefined, 'VF-DATA-013', REASON, { owner: 'ops', expires: '2027-01-31' }),
      {
        acknowledge: { 'VF-DATA-013': { reason: REASON, owner: 'ops', expires: '2027-01-31' } },
      },
    );
    assert.throws(
      () => acknowledgementEntry('VF-DATA-013', REASON, { expires: '31/01/2027' }),
      (e) => e instanceof InvalidAcknowledgementError && /VF-DATA-013/.test(e.message),
    );
  });

  it('gains the given terms only where an entry has none of its own', () => {
    const metadata = {
      acknowledge: {
        'VF-DATA-013': REASON,
        'VF-DATA-010': { reason: REASON, expires: '2026-06-30' },
      },
      other: true,
    };
    assert.deepEqual(withAcknowledgementTerms(metadata, { owner: 'platform', expires: '2027-12-01' }), {
      acknowledge: {
        'VF-DATA-013': { reason: REASON, owner: 'platform', expires: '2027-12-01' },
        'VF-DATA-010': { reason: REASON, expires: '2026-06-30' },
      },
      other: true,
    });
  });
});

describe('expiry', () => {
  it('holds through the whole day of a date, UTC, and lapses at the next midnight', () => {
    const e = parseExpiry('2027-03-31');
    assert.ok(!('problem' in e));
    assert.equal(e.lapsesAt - 1, Date.parse('2027-03-31T23:59:59.999Z'));
    assert.equal(e.lapsesAt, Date.parse('2027-04-01T00:00:00.000Z'));
  });

  it('lapses at the instant of a date-time, with or without seconds and milliseconds', () => {
    for (const [text, iso] of [
      ['2027-03-31T08:15Z', '2027-03-31T08:15:00.000Z'],
      ['2027-03-31T08:15:30Z', '2027-03-31T08:15:30.000Z'],
      ['2027-03-31T08:15:30.5Z', '2027-03-31T08:15:30.500Z'],
    ] as const) {
      const e = parseExpiry(text);
      assert.ok(!('problem' in e), text);
      assert.equal(e.lapsesAt, Date.parse(iso), text);
    }
  });

  it('refuses what is not a UTC date or date-time', () => {
    for (const text of [
      '2027-3-31',
      '2027-03-31T25:00:00Z',
      '2027-03-31 10:00:00Z',
      '2027-03-31T10:00:00',
      20270331,
    ])
      assert.ok('problem' in parseExpiry(text), String(text));
  });
});
