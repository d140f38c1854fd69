/** VF-ENV-004: production is configured no weaker than staging. */
import type { Inventory } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import { resourcesOfType } from '../network/cfn.js';
import type { ControlResult } from '../types.js';
import { environmentLocator, productionOf, type EnvironmentControl } from './types.js';

/** A security setting measured so that more is stronger; undefined when the templates leave it open. */
interface Measure {
  readonly name: string;
  measure(inventory: Inventory): number | undefined;
}

const MEASURES: readonly Measure[] = [
  {
    name: 'shortest log retention in days (log groups that never expire count as unlimited)',
    measure: (inventory) => {
      const days = resourcesOfType(inventory, 'AWS::Logs::LogGroup').map((g) => g.properties.RetentionInDays);
      if (days.some((d) => d !== undefined && typeof d !== 'number')) return undefined;
      const stated = days.filter((d): d is number => typeof d === 'number');
      return stated.length > 0 ? Math.min(...stated) : days.length > 0 ? Infinity : 0;
    },
  },
  {
    name: 'GuardDuty protection plans enabled',
    measure: (inventory) => {
      let enabled = 0;
      for (const detector of resourcesOfType(inventory, 'AWS::GuardDuty::Detector')) {
        if (detector.properties.Enable !== true) continue;
        const features = detector.properties.Features;
        if (features !== undefined && !Array.isArray(features)) return undefined;
        enabled += 1 + (features ?? []).filter((f) => isPlainObject(f) && f.Status === 'ENABLED').length;
      }
      return enabled;
    },
  },
  {
    name: 'AWS Config rules',
    measure: (inventory) => resourcesOfType(inventory, 'AWS::Config::ConfigRule').length,
  },
  {
    name: 'CloudTrail trails with log file validation',
    measure: (inventory) =>
      resourcesOfType(inventory, 'AWS::CloudTrail::Trail').filter(
        (t) => t.properties.EnableLogFileValidation === true,
      ).length,
  },
  {
    name: 'KMS keys without automatic rotation (fewer is stronger, counted negative)',
    measure: (inventory) =>
      -resourcesOfType(inventory, 'AWS::KMS::Key').filter((k) => k.properties.EnableKeyRotation !== true)
        .length,
  },
  {
    name: 'EKS clusters with a public API endpoint (fewer is stronger, counted negative)',
    measure: (inventory) =>
      -resourcesOfType(inventory, 'AWS::EKS::Cluster').filter(
        (c) =>
          (c.properties.ResourcesVpcConfig as { EndpointPublicAccess?: unknown } | undefined)
            ?.EndpointPublicAccess !== false,
      ).length,
  },
  {
    name: 'WAF rules in web ACLs',
    measure: (inventory) => {
      let rules = 0;
      for (const acl of resourcesOfType(inventory, 'AWS::WAFv2::WebACL')) {
        const list = acl.properties.Rules;
        if (list !== undefined && !Array.isArray(list)) return undefined;
        rules += (list ?? []).length;
      }
      return rules;
    },
  },
];

const show = (value: number): string => (value === Infinity ? 'unlimited' : String(Math.abs(value)));

export const control: EnvironmentControl = {
  id: 'VF-ENV-004',
  area: 'environment',
  title: 'Production is configured no weaker than staging',
  severity: 'high',
  rationale:
    'Staging is where a change is proved before production; a control that staging has and production lacks (shorter log retention, fewer detections, an unrotated key, a public API endpoint) means production is the least protected environment and the one a reviewer did not see.',
  remediation:
    "Give production at least staging's settings: start production from the `production` preset and staging from `staging` (production's controls at smaller sizes), and weaken neither.",
  references: [
    'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_securely_operate_multi_accounts.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01'],
    'iso-27001-2022': ['A.8.31', 'A.8.9'],
    soc2: ['CC8.1'],
  },
  appliesTo: [
    'AWS::Logs::LogGroup',
    'AWS::GuardDuty::Detector',
    'AWS::Config::ConfigRule',
    'AWS::CloudTrail::Trail',
    'AWS::KMS::Key',
    'AWS::EKS::Cluster',
    'AWS::WAFv2::WebACL',
  ],
  since: '0.1.0',
  check(environments): ControlResult[] {
    const staging = environments.filter((e) => e.preset === 'staging');
    if (staging.length === 0) return [];
    return productionOf(environments).map((prod) => {
      const resource = environmentLocator(prod);
      const weaker: string[] = [];
      const undetermined: string[] = [];
      for (const stage of staging)
        for (const m of MEASURES) {
          const ours = m.measure(prod.inventory);
          const theirs = m.measure(stage.inventory);
          if (ours === undefined || theirs === undefined)
            undetermined.push(`${m.name} (against ${stage.name})`);
          else if (ours < theirs)
            weaker.push(`${m.name}: ${show(ours)} in ${prod.name}, ${show(theirs)} in ${stage.name}`);
        }
      if (weaker.length > 0) return { status: 'fail', resource, message: weaker.join('; ') };
      if (undetermined.length > 0)
        return { status: 'unknown', resource, message: `not determined: ${undetermined.join('; ')}` };
      return {
        status: 'pass',
        resource,
        message: `${prod.name} is at least as strong as ${staging.map((s) => s.name).join(', ')} on ${MEASURES.length} settings`,
      };
    });
  },
};
