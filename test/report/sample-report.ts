/** A realistic report for the renderer tests: every status, several severities, nag, acknowledgement, flows. */
import { summarize, verdictOf } from '../../src/findings/index.js';
import type { Report } from '../../src/report/model.js';

const findings: Report['findings'] = [
  {
    ruleId: 'VF-EKS-001',
    title: 'EKS API endpoint is private',
    severity: 'critical',
    status: 'fail',
    resource: {
      type: 'AWS::EKS::Cluster',
      id: 'app/Cluster',
      file: 'cdk.out/app.template.json',
      path: 'Resources.Cluster',
      line: 42,
    },
    message: 'endpointPublicAccess is true and publicAccessCidrs admits 0.0.0.0/0 <script>alert(1)</script>',
    remediation: 'Set endpointPublicAccess to false.',
    frameworks: { 'cis-eks-1.8': ['5.4.2'], 'nist-csf-2.0': ['PR.IR-01'] },
  },
  {
    ruleId: 'VF-PSS-014',
    title: 'Containers must not allow privilege escalation',
    severity: 'high',
    status: 'fail',
    resource: { type: 'apps/v1/StatefulSet', id: 'weaviate/weaviate', file: 'k8s/weaviate.yaml', line: 7 },
    message: 'container weaviate sets allowPrivilegeEscalation true',
    remediation: 'Set securityContext.allowPrivilegeEscalation to false.',
    frameworks: { 'k8s-pss': ['restricted', 'allowPrivilegeEscalation'] },
  },
  {
    ruleId: 'VF-DATA-003',
    title: 'Log groups keep logs for a bounded time',
    severity: 'low',
    status: 'fail',
    resource: { type: 'AWS::Logs::LogGroup', id: 'app/Logs' },
    message: 'no retention',
    frameworks: { soc2: ['CC7.2'] },
    acknowledged: { reason: 'kept forever for legal hold by policy' },
  },
  {
    ruleId: 'VF-NETWORK-004',
    title: 'No ingress from the internet',
    severity: 'high',
    status: 'unknown',
    resource: { type: 'AWS::EC2::SecurityGroup', id: 'app/Sg' },
    message: 'CidrIp comes from a parameter without default',
    remediation: 'Give the parameter a default or check it at deploy time.',
    frameworks: { 'aws-fsbp': ['EC2.19'] },
  },
  {
    ruleId: 'AwsSolutions-S1',
    title: 'The S3 Bucket has server access logs disabled',
    severity: 'medium',
    status: 'fail',
    resource: { type: 'AWS::S3::Bucket', id: 'app/Bucket' },
    message: 'The S3 Bucket has server access logs disabled.',
    frameworks: { 'aws-fsbp': ['S3.9'] },
    origin: 'cdk-nag',
  },
  {
    ruleId: 'VF-KMS-001',
    title: 'Keys rotate',
    severity: 'medium',
    status: 'pass',
    resource: { type: 'AWS::KMS::Key', id: 'app/Key' },
    message: 'rotation on',
    frameworks: { 'iso-27001-2022': ['A.8.24'] },
  },
  {
    ruleId: 'VF-EDGE-001',
    title: 'Load balancer behind WAF',
    severity: 'high',
    status: 'not-applicable',
    resource: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: 'app' },
    message: 'no load balancer',
    frameworks: { 'aws-fsbp': ['ELB.1'] },
  },
];

const flows: Report['flows'] = [
  {
    from: 'ingress-gateway',
    to: 'weaviate',
    port: 8080,
    protocol: 'tcp',
    expected: 'allowed',
    verdict: 'allowed',
    reason: 'intended flow',
    path: [
      { node: 'ingress-gateway', rule: 'NetworkPolicy istio-ingress/allow-egress' },
      { node: 'weaviate', rule: 'AuthorizationPolicy weaviate/allow-gateway' },
    ],
  },
  {
    from: 'internet',
    to: 'weaviate',
    port: 8080,
    protocol: 'tcp',
    expected: 'denied',
    verdict: 'allowed',
    reason: 'internet isolation',
    path: [{ node: 'sg-nodes', rule: 'ingress 0.0.0.0/0 tcp 8080' }],
  },
  {
    from: 'weaviate',
    to: 'instance-metadata',
    port: 80,
    protocol: 'tcp',
    expected: 'denied',
    verdict: 'denied',
    blockedBy: [{ node: 'launch-template', rule: 'HttpPutResponseHopLimit 1' }],
  },
];

export const SAMPLE_REPORT: Report = {
  tool: { name: 'vectorfort', version: '0.1.0' },
  summary: summarize(findings),
  verdict: verdictOf(findings, flows, { failOn: 'info' }),
  findings,
  flows,
  inputs: [
    { path: 'cdk.out', kind: 'cloud-assembly' },
    { path: 'k8s', kind: 'kubernetes' },
  ],
  controlsEvaluated: ['VF-DATA-003', 'VF-EKS-001', 'VF-KMS-001', 'VF-NETWORK-004', 'VF-PSS-014'],
  components: [
    { id: 'internet', tier: 'internet', description: 'The internet' },
    { id: 'ingress-gateway', tier: 'data', description: 'Istio ingress gateway' },
    { id: 'weaviate', tier: 'data', description: 'Weaviate pods' },
    { id: 'instance-metadata', tier: 'on-node', description: 'IMDS' },
  ],
};
