/**
 * The security-signals dashboard: denied flows (the VPC flow log's REJECT records, through CloudWatch Logs
 * Insights), the web ACL's blocked requests (AWS/WAFV2, when there is a web ACL in the stack's region), GuardDuty
 * findings by severity (the findings log group an EventBridge rule fills) and the Weaviate alerts Prometheus has
 * firing. Kept compact: the manifests travel inside the CloudFormation template.
 */
import type { Blueprint } from '../../blueprint/index.js';
import { grafanaNames } from '../../flows/index.js';
import { DATASOURCE_UIDS } from './provisioning.js';

const cloudwatch = { type: 'cloudwatch', uid: DATASOURCE_UIDS.cloudwatch };
const prometheus = { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };

/** GuardDuty's severity bands (Low 1–3.9, Medium 4–6.9, High 7–8.9, Critical 9–10). */
export const GUARDDUTY_SEVERITY_BANDS = [
  { name: 'critical', filter: 'detail.severity >= 9' },
  { name: 'high', filter: 'detail.severity >= 7 and detail.severity < 9' },
  { name: 'medium', filter: 'detail.severity >= 4 and detail.severity < 7' },
  { name: 'low', filter: 'detail.severity < 4' },
] as const;

/** Prometheus expressions of the dashboard (exported so the tests parse each with promtool). */
export const SECURITY_PROMQL = {
  firingAlerts: 'count by (alertname, severity) (ALERTS{alertstate="firing"})',
} as const;

/** The web ACL whose metrics the stack's region holds, if any (a CloudFront ACL's are in us-east-1). */
export function regionalWebAcl(bp: Blueprint): string | undefined {
  if (bp.exposure === 'private') return undefined;
  if (bp.exposure !== 'cloudfront') return `${bp.name}-regional`;
  return bp.environment.region === 'us-east-1' ? `${bp.name}-cloudfront` : undefined;
}

export function securityDashboard(bp: Blueprint): Record<string, unknown> {
  const { account, region } = bp.environment;
  const names = grafanaNames(bp);
  const group = (name: string) => ({ arn: `arn:aws:logs:${region}:${account}:log-group:${name}` });
  const insights = (refId: string, logGroup: string, expression: string) => ({
    refId,
    datasource: cloudwatch,
    queryMode: 'Logs',
    logGroups: [group(logGroup)],
    expression,
  });
  let id = 0;
  const panel = (title: string, type: string, x: number, y: number, targets: unknown[], w = 12) => ({
    id: ++id,
    title,
    type,
    gridPos: { h: 8, w, x, y },
    targets,
  });
  const panels = [
    panel('Denied flows (VPC flow log REJECT)', 'timeseries', 0, 0, [
      insights(
        'A',
        names.logGroups.flowLogs,
        'filter action = "REJECT" | stats count(*) as rejected by bin(5m)',
      ),
    ]),
    panel('Top denied source, destination and port', 'table', 12, 0, [
      insights(
        'A',
        names.logGroups.flowLogs,
        'filter action = "REJECT" | stats count(*) as rejected by srcAddr, dstAddr, dstPort | sort rejected desc | limit 20',
      ),
    ]),
    panel(
      'GuardDuty findings by severity',
      'timeseries',
      0,
      8,
      GUARDDUTY_SEVERITY_BANDS.map((band, i) =>
        insights(
          String.fromCharCode(65 + i),
          names.logGroups.guardDutyFindings,
          `filter ${band.filter} | stats count(*) as ${band.name} by bin(1h)`,
        ),
      ),
    ),
    panel('Weaviate alerts firing', 'table', 12, 8, [
      { refId: 'A', datasource: prometheus, expr: SECURITY_PROMQL.firingAlerts, instant: true },
    ]),
  ];
  const webAcl = regionalWebAcl(bp);
  if (webAcl)
    panels.push(
      panel(
        `WAF blocked requests (${webAcl})`,
        'timeseries',
        0,
        16,
        [
          {
            refId: 'A',
            datasource: cloudwatch,
            queryMode: 'Metrics',
            namespace: 'AWS/WAFV2',
            metricName: 'BlockedRequests',
            dimensions: {
              WebACL: webAcl,
              Rule: 'ALL',
              ...(bp.exposure === 'cloudfront' ? {} : { Region: region }),
            },
            statistic: 'Sum',
            period: '300',
            matchExact: true,
          },
        ],
        24,
      ),
    );
  return {
    title: 'Security signals',
    uid: 'vectorfort-security',
    schemaVersion: 39,
    time: { from: 'now-24h', to: 'now' },
    panels,
  };
}
