/**
 * cdk-nag folding on vectorfort's own default output: the packs run over the synthesized templates, every
 * finding is folded onto the template resource it concerns, carries the acknowledgement's reason, and the rules the report
 * contains that the mapping table knows keep their framework mappings.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { nagFindings, NAG_RULE_MAPPINGS } from '../../src/controls/nag/index.js';
import { loadInventory } from '../../src/inventory/index.js';
import type { Finding } from '../../src/findings/index.js';
import { synth } from '../aws/synth-helper.js';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';

const scratch = mkdtempSync(join(tmpdir(), 'vectorfort-nag-walk-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * The template with every cross-region reference (`Fn::GetStackOutput`, which CfnInclude cannot load) replaced
 * by a reference to a String parameter, as the verifier's cdk-nag stage does: the value stays unknown to the
 * rules, every other rule still sees the resource.
 */
function withoutStackOutputs(file: string): string {
  const template = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(template, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && 'Fn::GetStackOutput' in value
      ? { Ref: 'CrossRegionValue' }
      : value,
  );
  if (!text.includes('CrossRegionValue')) return file;
  const replaced = JSON.parse(text) as Record<string, unknown>;
  replaced.Parameters = {
    ...(replaced.Parameters as Record<string, unknown> | undefined),
    CrossRegionValue: { Type: 'String' },
  };
  const out = join(scratch, basename(file));
  writeFileSync(out, JSON.stringify(replaced));
  return out;
}

describe('cdk-nag on the default output', () => {
  let findings: Finding[];
  let resourceIds: Set<string>;
  let templates: string[];
  before(async () => {
    const { result } = synth();
    const inventory = await loadInventory([result.assemblyDir]);
    templates = [...new Set(inventory.cfn.map((r) => r.location.file))];
    resourceIds = new Set(inventory.cfn.map((r) => r.key));
    findings = await nagFindings(inventory);
  });

  it('runs both packs over the templates: findings from each, none unacknowledged', () => {
    assert.ok(findings.length > 0);
    assert.ok(findings.some((f) => f.ruleId.startsWith('AwsSolutions-')));
    assert.ok(findings.some((f) => f.ruleId.startsWith('NIST.800.53.R5-')));
    const open = findings.filter((f) => f.status === 'fail' && !f.acknowledged);
    assert.deepEqual(
      open.map((f) => `${f.ruleId} on ${f.resource.id}`),
      [],
      'the stack acknowledges every cdk-nag finding it keeps',
    );
    for (const f of findings) assert.ok(f.acknowledged!.reason.length >= 10, `${f.ruleId}: a reason`);
  });

  it('points every finding at a template resource, with its file and line', () => {
    for (const f of findings) {
      assert.ok(resourceIds.has(f.resource.id), `${f.ruleId}: ${f.resource.id} is not an inventory resource`);
      assert.match(f.resource.file ?? '', /\.template\.json$/);
      assert.ok((f.resource.line ?? 0) > 0, `${f.ruleId} on ${f.resource.id}: a line`);
    }
  });

  it("keeps the mapped rules' framework mappings", () => {
    const mapped = findings.filter((f) => NAG_RULE_MAPPINGS[f.ruleId] !== undefined);
    assert.ok(mapped.length > 0);
    for (const f of mapped) assert.deepEqual(f.frameworks, NAG_RULE_MAPPINGS[f.ruleId]);
  });

  it("gives the same violations as cdk-nag's own walk of both packs over every resource", () => {
    assert.ok(templates.length > 0);
    const expected = new Set<string>();
    for (const file of templates) {
      const stack = new Stack(new App({ analyticsReporting: false }), 'Template');
      const include = new CfnInclude(stack, 'Include', {
        templateFile: withoutStackOutputs(file),
        preserveLogicalIds: true,
      });
      const resources = include.node.children.filter((c) => CfnResource.isCfnResource(c));
      assert.ok(resources.length > 0);
      for (const pack of [new AwsSolutionsChecks(), new NIST80053R5Checks()])
        for (const resource of resources)
          for (const v of pack.validateScope(resource).violations)
            expected.add(`${v.ruleName.replace(/\[.*$/s, '')} ${resource.node.id}`);
    }
    const actual = new Set(findings.map((f) => `${f.ruleId} ${f.resource.id.split('/').pop()}`));
    assert.ok(expected.size > 0);
    assert.deepEqual([...actual].sort(), [...expected].sort());
  });
});
