import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blueprintFields, valueAtPath } from '../../src/blueprint/fields.js';
import { PRESETS, validateBlueprint } from '../../src/blueprint/index.js';

// The reference page and the JSON Schema document these defaults; the parser must apply exactly them.
/**
 * What a preset cannot default and the user must write: the enclave's control plane, vendor account, external ID
 * and chart mirror are the tenant's own. Those fields are given and not compared with their documented default.
 */
const REQUIRED_INPUT: Readonly<Record<string, Record<string, unknown>>> = {
  enclave: {
    mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/charts' },
    enclave: {
      controlPlane: { hostnames: ['cp.vendor.example'], ipv6Cidrs: ['3ffe:1000::/48'] },
      operator: { vendorAccount: '222222222222', externalId: 'tenant-a-1' },
    },
  },
};
const GIVEN_PATHS = [
  'mesh.chartRepository',
  'enclave.controlPlane.hostnames',
  'enclave.controlPlane.ipv6Cidrs',
  'enclave.operator.vendorAccount',
  'enclave.operator.externalId',
];

describe('documented defaults', () => {
  const fields = blueprintFields();

  for (const preset of PRESETS) {
    it(`are what the ${preset} preset parses to`, () => {
      const given = REQUIRED_INPUT[preset];
      const parsed = validateBlueprint({ preset, ...given }, `${preset}.yaml`);
      // Items of a list have no path in a minimal blueprint; their defaults are checked below.
      const checked = fields.filter(
        (f) =>
          !f.path.includes('[]') &&
          f.defaults[preset].kind !== 'fields' &&
          !(given && GIVEN_PATHS.includes(f.path)),
      );
      assert.ok(checked.length > 100, `expected every field, found ${checked.length}`);
      for (const field of checked) {
        const documented = field.defaults[preset];
        const actual = valueAtPath(parsed, field.path);
        if (documented.kind === 'value') assert.deepEqual(actual, documented.value, field.path);
        else assert.equal(actual, undefined, `${field.path} is documented as ${documented.kind}`);
      }
    });
  }

  it('differ between the presets where the preset table says so', () => {
    const differing = fields
      .filter((f) => JSON.stringify(f.defaults.production) !== JSON.stringify(f.defaults.development))
      .map((f) => f.path);
    assert.ok(differing.includes('network.natGateways'));
    assert.ok(differing.includes('cluster.nodeGroups'));
    assert.ok(differing.includes('adminAccess.clientVpn.enabled'));
  });

  it('of a list item apply to each item written without the field', () => {
    const diskSize = fields.find((f) => f.path === 'cluster.nodeGroups[].diskSizeGiB');
    assert.deepEqual(diskSize?.defaults.production, { kind: 'value', value: 50 });
    const parsed = validateBlueprint(
      {
        cluster: {
          nodeGroups: [
            {
              name: 'system',
              role: 'system',
              instanceTypes: ['m7i.large'],
              minSize: 1,
              maxSize: 2,
              desiredSize: 1,
            },
            {
              name: 'weaviate',
              role: 'weaviate',
              instanceTypes: ['r7i.large'],
              minSize: 3,
              maxSize: 3,
              desiredSize: 3,
            },
          ],
        },
      },
      'groups.yaml',
    );
    assert.deepEqual(
      parsed.cluster.nodeGroups.map((g) => g.diskSizeGiB),
      [50, 50],
    );
  });
});
