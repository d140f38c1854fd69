/**
 * The generated listing of cdk-nag's rules matches the installed packs, and loading the rules for a set of
 * resource types loads exactly the rules that can fire on them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAG_RULE_LISTING } from '../../src/controls/nag/rule-catalog.generated.js';
import { listPackRules, loadRuleCatalog } from '../../src/controls/nag/rule-catalog.js';

describe('cdk-nag rule listing', () => {
  it('is what the installed packs apply (run `npx tsx scripts/generate-nag-catalog.ts` after an upgrade)', async () => {
    const listed = await listPackRules();
    assert.ok(listed.length > 200);
    assert.ok(
      listed.some((r) => r.pack === 'AwsSolutions') && listed.some((r) => r.pack === 'NIST.800.53.R5'),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(NAG_RULE_LISTING)), listed);
  });

  it('loads, in pack order, the rules gated on the given types and the rules with no readable gate', () => {
    const all = loadRuleCatalog();
    assert.equal(all.rules.length, NAG_RULE_LISTING.length);
    const some = loadRuleCatalog(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
    const ids = some.rules.map((r) => r.ruleId);
    assert.ok(ids.includes('AwsSolutions-S1') && ids.includes('AwsSolutions-SQS3'));
    assert.ok(!ids.includes('AwsSolutions-EKS1'));
    const expected = NAG_RULE_LISTING.filter(
      (r) =>
        !('types' in r) ||
        (r.types as readonly string[]).some((t) => t === 'AWS::S3::Bucket' || t === 'AWS::SQS::Queue'),
    ).map((r) => r.ruleId);
    assert.ok(expected.length > 10);
    assert.deepEqual(ids, expected);
    assert.equal(some.nonCompliant, 'Non-Compliant');
    for (const rule of some.rules) assert.equal(typeof rule.check, 'function');
  });
});
