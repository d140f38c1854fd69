import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment } from '../../../src/flows/capabilities/deployment.js';
import { contextFor, flowSections } from './helpers.js';

describe('capability: deployment', () => {
  it('lets the kubectl handler reach the API, the AWS APIs, S3 and the upstream charts on 443', () => {
    const parts = deployment(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.awsTag]),
      [['kubectl-handler', 'application', 'kubectl-handler']],
    );
    assert.deepEqual(flowSections(parts), {
      deployment: [
        'kubectl-handler-to-eks-api-deploy 443/tcp security-group+network-acl',
        'kubectl-handler-to-aws-endpoints-aws-apis 443/tcp security-group+network-acl',
        'kubectl-handler-to-s3-endpoint-cfn-responses 443/tcp security-group+network-acl',
        'kubectl-handler-to-s3-cfn-responses 443/tcp security-group+network-acl',
        'kubectl-handler-to-internet-charts 443/tcp security-group+network-acl',
      ],
    });
  });

  it('needs no internet for charts mirrored in an OCI registry', () => {
    const parts = deployment(
      contextFor({ mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/istio' } }),
    );
    const flows = flowSections(parts).deployment ?? [];
    assert.equal(flows.length, 4);
    assert.equal(
      flows.some((f) => f.includes('-to-internet-')),
      false,
    );
  });
});
