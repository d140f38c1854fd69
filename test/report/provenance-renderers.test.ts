/**
 * Provenance and acknowledgement status in the reports: the JSON report with them is valid against
 * docs/report.schema.json, SARIF stays valid against the official 2.1.0 schema with the run's times in
 * `invocations`, the commit in `versionControlProvenance`, each input file's SHA-256 in `artifacts` and the
 * owner and expiry on suppressions; the text report names lapsed acknowledgements.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as sarif from 'sarif';
import { renderReport } from '../../src/report/format/index.js';
import { EVIDENCE_REPORT } from './evidence-report.js';
import { reportValidator, sarifValidator } from './schema-validators.js';

describe('JSON report with provenance', () => {
  const validate = reportValidator();

  it('is valid against docs/report.schema.json', () => {
    const json = JSON.parse(renderReport(EVIDENCE_REPORT, 'json')) as {
      provenance: { controlCatalog: { sha256: string } };
      acknowledgements: unknown[];
    };
    assert.ok(validate(json), JSON.stringify(validate.errors));
    assert.equal(json.provenance.controlCatalog.sha256, 'a'.repeat(64));
    assert.equal(json.acknowledgements.length, 3);
  });

  it('rejects a digest that is not SHA-256 and an unknown status', () => {
    const json = JSON.parse(renderReport(EVIDENCE_REPORT, 'json'));
    json.provenance.inputs[0].sha256 = 'abc';
    assert.equal(validate(json), false);
    const other = JSON.parse(renderReport(EVIDENCE_REPORT, 'json'));
    other.acknowledgements[0].status = 'expired';
    assert.equal(validate(other), false);
  });
});

describe('SARIF report with provenance', () => {
  const validate = sarifValidator();
  const log = JSON.parse(renderReport(EVIDENCE_REPORT, 'sarif')) as sarif.Log;
  const run = log.runs[0]!;

  it('is valid against the official SARIF 2.1.0 schema', () => {
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
  });

  it('records the start and end time and the provenance in the invocation', () => {
    assert.equal(run.invocations?.length, 1);
    const invocation = run.invocations![0]!;
    assert.equal(invocation.startTimeUtc, '2026-12-07T00:00:00.000Z');
    assert.equal(invocation.endTimeUtc, '2026-12-07T00:00:02.500Z');
    assert.deepEqual(invocation.properties?.controlCatalog, { sha256: 'a'.repeat(64), controls: 127 });
    assert.deepEqual(invocation.properties?.ci, EVIDENCE_REPORT.provenance!.ci);
    assert.equal((invocation.properties?.calls as unknown[]).length, 2);
  });

  it('records the commit in versionControlProvenance', () => {
    assert.deepEqual(run.versionControlProvenance, [
      {
        repositoryUri: 'https://github.example/acme/platform',
        revisionId: '0123456789abcdef0123456789abcdef01234567',
        branch: 'main',
      },
    ]);
  });

  it("lists every input file with its SHA-256 among the run's artifacts", () => {
    const hashed = (run.artifacts ?? []).filter((a) => a.hashes);
    assert.deepEqual(
      hashed.map((a) => [a.location?.uri, a.hashes?.['sha-256'], a.length]),
      [['app.template.json', 'b'.repeat(64), 1234]],
    );
  });

  it('carries the owner and expiry on suppressions and the lapsed acknowledgement on its result', () => {
    const suppressed = (run.results ?? []).filter((r) => r.suppressions?.length);
    assert.ok(suppressed.length > 0);
    for (const r of suppressed)
      assert.deepEqual(r.suppressions![0]!.properties, { owner: 'platform team', expires: '2027-06-30' });
    const lapsed = (run.results ?? []).filter((r) => r.properties?.lapsedAcknowledgement);
    assert.equal(lapsed.length, 1);
    assert.equal(lapsed[0]!.suppressions, undefined);
  });

  it('leaves versionControlProvenance out when the repository is not known (SARIF requires its URI)', () => {
    const { repositoryUri: _, ...commit } = EVIDENCE_REPORT.provenance!.commit!;
    const other = JSON.parse(
      renderReport({ ...EVIDENCE_REPORT, provenance: { ...EVIDENCE_REPORT.provenance!, commit } }, 'sarif'),
    ) as sarif.Log;
    assert.equal(other.runs[0]!.versionControlProvenance, undefined);
    assert.ok(validate(other), JSON.stringify(validate.errors?.slice(0, 5)));
  });
});

describe('text report with acknowledgements', () => {
  it('names the lapsed acknowledgement under its finding and counts those needing attention', () => {
    const text = renderReport(EVIDENCE_REPORT, 'text');
    assert.match(
      text,
      /acknowledgement lapsed on 2026-11-30 \(owner data team\): reviewed: accepted until the migration/,
    );
    assert.match(text, /acknowledgements: 1 lapsed, 1 expiring, 1 stale of 3/);
  });
});
