/**
 * The sample report with what an auditor files: provenance (inputs, digests, commit, CI run, one API call as
 * audit will record them) and acknowledgements in every status, one finding acknowledged with its terms and
 * one whose acknowledgement lapsed.
 */
import type { Report } from '../../src/report/model.js';
import { SAMPLE_REPORT } from './sample-report.js';

const DIGEST = 'a'.repeat(64);

export const EVIDENCE_REPORT: Report = {
  ...SAMPLE_REPORT,
  findings: SAMPLE_REPORT.findings.map((f, i) =>
    i === 0 && f.status === 'fail'
      ? {
          ...f,
          lapsedAcknowledgement: {
            reason: 'reviewed: accepted until the migration',
            owner: 'data team',
            expires: '2026-11-30',
          },
        }
      : f.acknowledged
        ? { ...f, acknowledged: { ...f.acknowledged, owner: 'platform team', expires: '2027-06-30' } }
        : f,
  ),
  acknowledgements: [
    {
      ruleId: 'VF-DATA-013',
      reason: 'reviewed: accepted until the migration',
      owner: 'data team',
      expires: '2026-11-30',
      resources: [{ type: 'AWS::SecretsManager::Secret', id: 'app/Secret', file: 'app.template.json' }],
      status: 'lapsed',
      findings: 1,
    },
    {
      ruleId: 'AwsSolutions-IAM4',
      origin: 'cdk-nag',
      reason: 'reviewed: AWS-managed policy required by EKS',
      owner: 'platform team',
      expires: '2026-12-20',
      resources: [{ type: 'AWS::IAM::Role', id: 'app/NodeRole' }],
      status: 'expiring',
      findings: 2,
    },
    {
      ruleId: 'VF-K8S-003',
      reason: 'reviewed: the control passes now',
      resources: [{ type: 'apps/v1/Deployment', id: 'shop/web' }],
      status: 'stale',
      findings: 0,
      staleReason:
        'VF-K8S-003 has no failing finding on this resource any more (it passes or does not apply)',
    },
  ],
  provenance: {
    tool: { name: 'vectorfort', version: SAMPLE_REPORT.tool.version },
    controlCatalog: { sha256: DIGEST, controls: 127 },
    inputs: [{ path: 'app.template.json', sha256: 'b'.repeat(64), bytes: 1234 }],
    blueprint: { path: 'blueprint.yaml', sha256: 'c'.repeat(64), bytes: 321 },
    flowSpec: { sha256: 'd'.repeat(64) },
    evaluatedAt: '2026-12-07T00:00:00.000Z',
    startedAt: '2026-12-07T00:00:00.000Z',
    finishedAt: '2026-12-07T00:00:02.500Z',
    commit: {
      revision: '0123456789abcdef0123456789abcdef01234567',
      branch: 'main',
      repositoryUri: 'https://github.example/acme/platform',
      source: 'env:GITHUB_SHA',
    },
    ci: {
      system: 'github-actions',
      runId: '42',
      url: 'https://github.example/acme/platform/actions/runs/42',
    },
    calls: [
      {
        service: 'eks',
        operation: 'DescribeCluster',
        region: 'eu-west-1',
        time: '2026-12-07T00:00:01.000Z',
        requestId: 'req-1',
      },
      {
        service: 's3',
        operation: 'GetBucketPolicy',
        region: 'eu-west-1',
        time: '2026-12-07T00:00:01.200Z',
        error: 'AccessDenied',
      },
    ],
  },
};
