import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../../../src/inventory/index.js';
import type { SymbolicValue } from '../../../../src/inventory/values.js';
import { attachmentOf } from '../../../../src/reach/engine/aws/attachment.js';
import { tagSpecificationTags, tagsOf } from '../../../../src/reach/engine/aws/tags.js';
import { num, protocolOf } from '../../../../src/reach/engine/aws/values.js';

const resource = (properties: Record<string, unknown>) => {
  const [r] = inventoryFromObjects({
    templates: { Stack: { Resources: { Thing: { Type: 'AWS::EC2::Instance', Properties: properties } } } },
  }).cfn;
  assert.ok(r);
  return r;
};

describe('tag readers', () => {
  it('keeps the tags whose values the input determines', () => {
    const r = resource({
      Tags: [
        { Key: 'Name', Value: 'host' },
        { Key: 'Owner', Value: { 'Fn::ImportValue': 'owner' } },
      ],
    });
    assert.deepEqual(tagsOf(r), { Name: 'host' });
  });

  it('reads every TagSpecification, later ones winning', () => {
    const specs: SymbolicValue = [
      { ResourceType: 'client-vpn-endpoint', Tags: [{ Key: 'a', Value: '1' }] },
      { Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: 3 }, 'junk'] },
    ];
    assert.deepEqual(tagSpecificationTags(specs), { a: '2' });
  });

  it('reads only the TagSpecifications of the given resource type', () => {
    const specs = [
      { ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'node' }] },
      { ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'daily' }] },
    ];
    assert.deepEqual(tagSpecificationTags(specs, 'instance'), { role: 'node' });
    assert.deepEqual(tagSpecificationTags(undefined, 'instance'), {});
  });
});

describe('attachment helper', () => {
  const r = resource({ Tags: [{ Key: 'Name', Value: 'host' }] });

  it("defaults to the resource's tags, no public address and a non-Linux host", () => {
    assert.deepEqual(
      attachmentOf(r, 'instance', { securityGroups: { keys: ['G'] }, subnets: { keys: ['S'] } }),
      {
        key: 'Stack/Thing',
        kind: 'instance',
        sgs: ['G'],
        subnets: ['S'],
        tags: { Name: 'host' },
        publicAddress: false,
        linux: false,
      },
    );
  });

  it('carries the reasons groups or subnets are unknown, and the host details', () => {
    const attachment = attachmentOf(r, 'node-group', {
      securityGroups: { keys: [], unknown: 'groups unknown' },
      subnets: { keys: ['S'], unknown: 'subnet unknown' },
      tags: { role: 'node' },
      publicAddress: true,
      linux: true,
      host: { hopLimit: 1, hopLimitSource: 'lt', nodeLabels: {}, taints: [] },
    });
    assert.equal(attachment.sgUnknown, 'groups unknown');
    assert.equal(attachment.subnetUnknown, 'subnet unknown');
    assert.deepEqual(attachment.tags, { role: 'node' });
    assert.equal(attachment.publicAddress, true);
    assert.equal(attachment.linux, true);
    assert.equal(attachment.hopLimit, 1);
    assert.equal(attachment.hopLimitSource, 'lt');
  });
});

describe('value readers', () => {
  it('reads IP protocols by name and number', () => {
    const cases = [
      ['-1', 'all'],
      ['TCP', 'tcp'],
      [6, 'tcp'],
      ['17', 'udp'],
      ['icmp', 'icmp'],
      ['58', 'other'],
      [undefined, undefined],
    ] as const;
    for (const [input, expected] of cases) assert.equal(protocolOf(input), expected, String(input));
  });

  it('reads numbers and numeric strings only', () => {
    assert.equal(num(443), 443);
    assert.equal(num('443'), 443);
    assert.equal(num(' '), undefined);
    assert.equal(num('https'), undefined);
  });
});
