import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAwsApis } from '../../../src/flows/capabilities/node-aws-apis.js';
import { contextFor, flowSections } from './helpers.js';

describe("capability: the nodes' AWS APIs", () => {
  it("sends each node group to the interface endpoints and to S3's interface endpoint on 443, through the network layers", () => {
    const parts = nodeAwsApis(contextFor());
    assert.deepEqual(flowSections(parts), {
      'nodes-system': [
        'nodes-system-to-aws-endpoints-aws-apis 443/tcp security-group+network-acl',
        'nodes-system-to-s3-endpoint-image-layers 443/tcp security-group+network-acl',
      ],
      'nodes-weaviate': [
        'nodes-weaviate-to-aws-endpoints-aws-apis 443/tcp security-group+network-acl',
        'nodes-weaviate-to-s3-endpoint-image-layers 443/tcp security-group+network-acl',
      ],
    });
    assert.deepEqual([parts.components, parts.denials], [[], []]);
  });
});
