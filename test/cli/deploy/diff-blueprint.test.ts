/**
 * `diff` on a changed blueprint, offline: the development example synthesized as it is and with two changes a
 * reviewer must not miss (the data tier given a route to the internet, the backup bucket renamed, which
 * replaces it), compared the way the toolkit compares a deployed template with a new one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { loadBlueprint, validateBlueprint } from '../../../src/blueprint/index.js';
import { synthesize } from '../../../src/aws/app.js';
import { renderDiff } from '../../../src/cli/commands/diff.js';
import { securityChanges } from '../../../src/cli/deploy/security-changes.js';
import { root } from '../run-cli.js';
import { parse } from 'yaml';

function mainTemplate(bp: ReturnType<typeof loadBlueprint>['blueprint'], dir: string) {
  const result = synthesize(bp, dir, { nag: false });
  return JSON.parse(readFileSync(result.stacks[0]!.templateFile, 'utf8')) as Record<string, unknown>;
}

describe('diff of a changed blueprint', () => {
  it('flags the opened route and the replaced backup bucket above the other changes', () => {
    // GIVEN the development example and a copy that opens the data tier and renames the backup bucket
    const file = join(root, 'examples', 'development.yaml');
    const input = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    const before = loadBlueprint(file).blueprint;
    const after = validateBlueprint(
      {
        ...input,
        network: { ...input.network, allowDataTierInternetEgress: true },
        backup: { ...input.backup, bucketName: 'weaviate-dev-backups-renamed' },
      },
      'changed.yaml',
    );
    const scratch = mkdtempSync(join(tmpdir(), 'vf-diff-'));
    // WHEN the two templates are compared
    const diff = fullDiff(
      mainTemplate(before, join(scratch, 'before')),
      mainTemplate(after, join(scratch, 'after')),
    );
    const changes = securityChanges({ 'vectorfort-weaviate-dev': diff });
    // THEN the bucket's replacement and the new internet routes are flagged
    const kinds = new Set(changes.map((c) => c.kind));
    assert.ok(kinds.has('data-replaced'));
    assert.ok(kinds.has('network-opened'));
    const replaced = changes.filter((c) => c.kind === 'data-replaced');
    assert.deepEqual(
      replaced.map((c) => [c.type, c.detail]),
      [['AWS::S3::Bucket', "will be replaced: the old one's data does not move"]],
    );
    const routes = changes.filter((c) => c.kind === 'network-opened' && c.type === 'AWS::EC2::Route');
    assert.ok(routes.length > 0, 'the data tier gets routes to the internet');
    for (const r of routes) assert.equal(r.detail, 'route added to "0.0.0.0/0"');
    const aclEntries = changes.filter((c) => c.type === 'AWS::EC2::NetworkAclEntry').map((c) => c.detail);
    assert.ok(aclEntries.includes('egress allow entry added: 0.0.0.0/0 tcp port 443'), aclEntries.join('\n'));
    // and the rendered diff lists them before the per-stack counts
    const text = renderDiff({ 'vectorfort-weaviate-dev': diff }, changes, []);
    assert.match(text, /^Security-relevant changes \(\d+\):\n {2}! /);
    assert.ok(text.indexOf('data-holding resource replaced') < text.indexOf('vectorfort-weaviate-dev: '));
  });
});
