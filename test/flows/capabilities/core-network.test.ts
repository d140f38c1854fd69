import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreNetwork } from '../../../src/flows/capabilities/core-network.js';
import { contextFor, denialLine, flowSections } from './helpers.js';

describe('capability: core network', () => {
  it('declares the internet, the interface endpoints and S3 (prefix list and addresses), with no flows of its own', () => {
    const parts = coreNetwork(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier]),
      [
        ['internet', 'internet'],
        ['aws-endpoints', 'endpoints'],
        ['s3', 'aws'],
      ],
    );
    const s3 = parts.components.find((c) => c.id === 's3')!;
    assert.equal(s3.prefixList, 'com.amazonaws.us-east-1.s3');
    assert.ok((s3.cidrs ?? []).length > 0, 'NetworkPolicies need the S3 ranges');
    assert.deepEqual(flowSections(parts), {});
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
