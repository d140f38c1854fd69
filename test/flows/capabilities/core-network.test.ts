import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreNetwork } from '../../../src/flows/capabilities/core-network.js';
import { contextFor, denialLine, flowSections } from './helpers.js';

describe('capability: core network', () => {
  it('declares the internet, the interface endpoints and S3 (gateway prefix list and interface endpoint), with no flows of its own', () => {
    const parts = coreNetwork(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier]),
      [
        ['internet', 'internet'],
        ['aws-endpoints', 'endpoints'],
        ['s3', 'aws'],
        ['s3-endpoint', 'endpoints'],
      ],
    );
    const s3 = parts.components.find((c) => c.id === 's3')!;
    assert.deepEqual([s3.prefixList, s3.cidrs], ['com.amazonaws.us-east-1.s3', undefined]);
    const endpoint = parts.components.find((c) => c.id === 's3-endpoint')!;
    assert.deepEqual(
      [endpoint.awsTag, endpoint.cidrs, endpoint.prefixList],
      ['s3-endpoint', undefined, undefined],
    );
    assert.deepEqual(flowSections(parts), {});
  });

  it('needs no S3 address ranges in any region', () => {
    for (const region of ['eu-west-1', 'ap-northeast-3', 'sa-east-1']) {
      const parts = coreNetwork(contextFor({ environment: { region } }));
      const s3 = parts.components.filter((c) => c.id.startsWith('s3'));
      assert.equal(s3.length, 2, region);
      assert.ok(
        s3.every((c) => c.cidrs === undefined),
        region,
      );
      assert.equal(s3.find((c) => c.id === 's3')?.prefixList, `com.amazonaws.${region}.s3`);
    }
  });

  it('claims the internet reaches no private tier and the data tier reaches no internet', () => {
    assert.deepEqual(coreNetwork(contextFor()).denials.map(denialLine), [
      'internet-to-private-tiers (internet-isolation): internet -> tier:data,tier:endpoints on any port',
      'data-tier-exfiltration (exfiltration): tier:data -> internet on any port',
    ]);
  });

  it('with allowDataTierInternetEgress, opens 443 to the internet for each node group and drops the exfiltration claim', () => {
    const parts = coreNetwork(
      contextFor({ network: { allowDataTierInternetEgress: true }, images: { source: 'public' } }),
    );
    assert.deepEqual(flowSections(parts), {
      'nodes-system': ['nodes-system-to-internet-public-images 443/tcp security-group+network-acl'],
      'nodes-weaviate': ['nodes-weaviate-to-internet-public-images 443/tcp security-group+network-acl'],
    });
    assert.deepEqual(
      parts.denials.map((d) => d.id),
      ['internet-to-private-tiers'],
    );
  });
});
