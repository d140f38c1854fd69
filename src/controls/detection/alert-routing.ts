/**
 * Prometheus alerts reach people: every alerting rule of a PrometheusRule routes, through an Alertmanager
 * configuration of the input, to a receiver with at least one integration (SNS, webhook, e-mail, …). A rule
 * with no Alertmanager configuration in the input, or whose route ends at a receiver with none, fires nowhere.
 */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import { asList, asObj, firstUndetermined, objectResult } from '../k8s/objects.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { alertmanagerConfigs, routeAlert, type StaticLabels } from './alertmanager-routes.js';

interface AlertRule {
  readonly name: string;
  readonly labels: StaticLabels;
}

/** The alerting rules of a PrometheusRule, with the labels each sets for certain; undefined when undetermined. */
function alertRules(o: K8sObject): AlertRule[] | string {
  const undetermined = firstUndetermined(o.object.spec, 'spec');
  const spec = asObj(o.object.spec);
  if (undetermined) return `${undetermined} is not determined by the input`;
  const rules: AlertRule[] = [];
  for (const group of asList(spec?.groups))
    for (const rule of asList(asObj(group)?.rules)) {
      const r = asObj(rule);
      if (!r || typeof r.alert !== 'string') continue;
      const labels: Record<string, string | undefined> = { alertname: r.alert };
      if (isPlainObject(r.labels))
        for (const [k, v] of Object.entries(r.labels))
          // A templated value is only known when the alert fires.
          labels[k] = typeof v === 'string' && !v.includes('{{') ? v : undefined;
      rules.push({ name: r.alert, labels });
    }
  return rules;
}

export const control: Control = {
  id: 'VF-DETECTION-005',
  area: 'detection',
  title: 'Every Prometheus alert routes to an Alertmanager receiver that notifies someone',
  severity: 'high',
  rationale:
    'A PrometheusRule only evaluates conditions: without an Alertmanager whose route leads each alert to a receiver with an integration (SNS, a webhook, e-mail), a firing alert reaches no one, and the outage or saturation it warns of is found by users instead.',
  remediation:
    'Deploy Alertmanager with a configuration (the kube-prometheus-stack `alertmanager.config` value, or the `alertmanager.yaml` of the Secret the Prometheus Operator reads) whose route tree sends every alert — by its severity label — to a receiver with at least one `*_configs` entry, such as `sns_configs` to the alert topics.',
  references: [
    'https://prometheus.io/docs/alerting/latest/configuration/#route',
    'https://prometheus.io/docs/alerting/latest/configuration/#receiver',
    'https://prometheus-operator.dev/docs/developer/alerting/',
  ],
  frameworks: {
    'nist-csf-2.0': ['DE.AE-06', 'RS.MA-01'],
    'iso-27001-2022': ['A.5.25', 'A.8.16'],
    soc2: ['CC7.3', 'CC7.4'],
  },
  appliesTo: ['PrometheusRule', 'Secret', 'Custom::AWSCDK-EKS-HelmChart'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const prometheusRules = inventory.k8s.filter((o) => o.kind === 'PrometheusRule');
    if (prometheusRules.length === 0) return [];
    const configs = alertmanagerConfigs(inventory);
    return prometheusRules.map((o) => {
      const rules = alertRules(o);
      if (typeof rules === 'string') return objectResult(o, 'unknown', rules);
      if (rules.length === 0) return objectResult(o, 'pass', 'no alerting rules (recording rules only)');
      if (configs.length === 0)
        return objectResult(
          o,
          'fail',
          `no Alertmanager configuration in the input routes its alerts (${rules.map((r) => r.name).join(', ')}); they fire nowhere`,
        );
      const dropped: string[] = [];
      const unknown: string[] = [];
      for (const rule of rules) {
        const outcomes = configs.map((c) =>
          'undetermined' in c.config
            ? { status: 'unknown' as const, reason: `${c.where}: ${String(c.config.undetermined)}` }
            : routeAlert(c.config, rule.labels),
        );
        if (outcomes.some((x) => x.status === 'notified')) continue;
        const why = outcomes.find((x) => x.status === 'unknown');
        if (why && why.status === 'unknown') unknown.push(`${rule.name} (${why.reason})`);
        else
          dropped.push(
            `${rule.name} (${outcomes.map((x, i) => `${configs[i]!.where}: ${x.status === 'dropped' ? x.reason : ''}`).join('; ')})`,
          );
      }
      if (dropped.length > 0)
        return objectResult(o, 'fail', `alerts that reach no receiver that notifies: ${dropped.join(', ')}`);
      if (unknown.length > 0)
        return objectResult(o, 'unknown', `alerts whose delivery is not determined: ${unknown.join(', ')}`);
      return objectResult(
        o,
        'pass',
        `every alert (${rules.length}) routes to a receiver that notifies (${configs.map((c) => c.where).join(', ')})`,
      );
    });
  },
};
