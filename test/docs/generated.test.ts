import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { blueprintJsonSchema } from '../../src/blueprint/json-schema.js';
import type { JsonSchemaNode } from '../../src/blueprint/fields.js';
import { alertRulesOfDefaultBlueprint } from '../../src/docs/alerts-table.js';
import { generatedDocs } from '../../src/docs/generated.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every property of a JSON Schema with its path, through nested objects, list items and union branches. */
function propertiesOf(node: JsonSchemaNode, path = ''): { path: string; node: JsonSchemaNode }[] {
  const own = Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    return [{ path: childPath, node: child }, ...propertiesOf(child, childPath)];
  });
  const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap((b) => propertiesOf(b, path));
  const items = node.items ? propertiesOf(node.items, `${path}[]`) : [];
  return [...own, ...branches, ...items];
}

describe('generated docs', () => {
  it('include the blueprint JSON Schema and reference page, the controls, flows and alerts tables', () => {
    assert.deepEqual(
      generatedDocs().map((d) => d.path),
      [
        'docs/blueprint.schema.json',
        'docs/blueprint.md',
        'docs/controls.md',
        'docs/flows.md',
        'docs/alerts.md',
      ],
    );
  });

  it('lists every alert the PrometheusRule ships, with its for: and severity', () => {
    const doc = generatedDocs().find((d) => d.path === 'docs/alerts.md')!.content;
    const rules = alertRulesOfDefaultBlueprint();
    assert.ok(rules.length >= 12, `expected every alert, found ${rules.length}`);
    for (const r of rules) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${r.alert}\` |`));
      assert.ok(row, `${r.alert} missing from docs/alerts.md`);
      const cells = row.split(' | ');
      assert.equal(cells[2], r.for ?? '—', `${r.alert} for:`);
      assert.equal(cells[3], r.labels?.severity, `${r.alert} severity`);
    }
  });

  for (const doc of generatedDocs()) {
    it(`${doc.path} is up to date (run npm run docs)`, () => {
      assert.equal(readFileSync(`${root}/${doc.path}`, 'utf8'), doc.content);
    });
  }
});

describe('blueprint JSON Schema', () => {
  const properties = propertiesOf(blueprintJsonSchema() as JsonSchemaNode);

  it('describes every property, nested ones, list items and union branches included', () => {
    assert.ok(properties.length > 150, `expected the whole blueprint, found ${properties.length} properties`);
    assert.ok(properties.some((p) => p.path === 'detection.alerting.pagerSubscriptions[].endpoint'));
    const undescribed = properties.filter((p) => !p.node.description?.trim()).map((p) => p.path);
    assert.deepEqual(undescribed, []);
  });

  it('states defaults that differ by preset in words, and the production value as the default', () => {
    const natGateways = properties.find((p) => p.path === 'network.natGateways')?.node;
    assert.equal(natGateways?.default, 3);
    assert.match(
      natGateways?.description ?? '',
      / Default: production: 3, development: 1, staging: 3, enclave: 0\.$/,
    );
    const region = properties.find((p) => p.path === 'environment.region')?.node;
    assert.equal(region?.default, 'us-east-1');
    assert.doesNotMatch(region?.description ?? '', /Default:/);
  });

  it('documents node groups as exactly two and instanceTypes as required, without a default of its own', () => {
    const nodeGroups = properties.find((p) => p.path === 'cluster.nodeGroups')?.node;
    assert.match(nodeGroups?.description ?? '', /^Exactly two node groups/);
    const instanceTypes = properties.find((p) => p.path === 'cluster.nodeGroups[].instanceTypes')?.node;
    assert.equal(instanceTypes && 'default' in instanceTypes, false);
    const group = properties.find((p) => p.path === 'cluster.nodeGroups')?.node.items;
    assert.ok(group?.required?.includes('instanceTypes'));
  });
});
