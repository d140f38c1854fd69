/**
 * The machine-readable twin of the environments overview page: each environment's verdict, counts, flows and
 * cost with the path of its full report, and the cross-environment findings. CI reads one file to gate a
 * multi-environment blueprint.
 */
import { isNotAsIntended } from '../../findings/index.js';
import type { EnvironmentsOverview } from './environments-html.js';
import { overallStatus } from './environments-html.js';

export function renderEnvironmentsJson(overview: EnvironmentsOverview, version: string): string {
  const doc = {
    tool: { name: 'vectorfort', version },
    name: overview.name,
    verdict: overallStatus(overview),
    environments: overview.environments.map((e) => ({
      name: e.name,
      preset: e.preset,
      ...(e.account ? { account: e.account } : {}),
      region: e.region,
      vpcCidr: e.vpcCidr,
      report: e.reportHref.replace(/\.html$/, '.json'),
      verdict: e.report.verdict,
      summary: e.report.summary,
      flows: e.report.flows.length,
      flowsNotAsIntended: e.report.flows.filter(isNotAsIntended).length,
      ...(e.report.cost
        ? {
            monthlyCost: {
              currency: e.report.cost.currency,
              total: e.report.cost.total.monthly,
              unpriced: e.report.cost.total.unpriced.length,
            },
          }
        : {}),
    })),
    cross: overview.cross.filter((f) => f.status !== 'not-applicable'),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
