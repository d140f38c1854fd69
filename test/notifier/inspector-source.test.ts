import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMessage } from '../../src/notifier/parse.js';

const finding = (severity: string, status = 'ACTIVE') =>
  JSON.stringify({
    version: '0',
    id: 'e1',
    'detail-type': 'Inspector2 Finding',
    source: 'aws.inspector2',
    account: '123456789012',
    time: '2026-12-07T00:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      awsAccountId: '123456789012',
      findingArn: 'arn:aws:inspector2:eu-west-1:123456789012:finding/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      title: 'CVE-2026-0001 - openssl',
      description: 'A flaw in openssl.',
      severity,
      status,
      type: 'PACKAGE_VULNERABILITY',
      inspectorScore: 9.8,
      updatedAt: '2026-12-07T00:00:01Z',
      resources: [
        {
          id: 'arn:aws:ecr:eu-west-1:123456789012:repository/mirror/weaviate/sha256:abc',
          type: 'AWS_ECR_CONTAINER_IMAGE',
          region: 'eu-west-1',
        },
      ],
      packageVulnerabilityDetails: {
        vulnerabilityId: 'CVE-2026-0001',
        vulnerablePackages: [{ name: 'openssl', fixedInVersion: '3.0.99' }],
      },
    },
  });

describe('notifier: Amazon Inspector findings', () => {
  it('pages on critical findings and posts high ones, naming the image, the CVE and the fix', () => {
    const [critical] = parseMessage(finding('CRITICAL'), { topicRegion: 'eu-west-1' }).events;
    const [high] = parseMessage(finding('HIGH'), { topicRegion: 'eu-west-1' }).events;
    assert.deepEqual(
      [critical!.kind, critical!.tier, critical!.severity, high!.tier, high!.severity],
      ['inspector', 'critical', 'CRITICAL', 'warning', 'HIGH'],
    );
    assert.match(critical!.resource, /repository\/mirror\/weaviate/);
    assert.deepEqual(critical!.fields.slice(0, 2), [
      { name: 'Vulnerability', value: 'CVE-2026-0001' },
      { name: 'Package', value: 'openssl (fixed in 3.0.99)' },
    ]);
    assert.notEqual(critical!.fingerprint, high!.fingerprint);
  });

  it('reports a closed finding as resolved', () => {
    const [closed] = parseMessage(finding('HIGH', 'CLOSED'), { topicRegion: 'eu-west-1' }).events;
    assert.equal(closed!.resolved, true);
  });
});
