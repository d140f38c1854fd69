/** CIS 4.3.1 / 5.4.4: the cluster's CNI enforces Kubernetes NetworkPolicy. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, passIfCertain, resourcesOfType, result, show } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { addonsOf, configurationOf } from './addons.js';

/** Helm charts of CNIs that enforce NetworkPolicy themselves. */
const POLICY_CNI_CHARTS = ['cilium', 'calico', 'tigera-operator', 'antrea'];

export const control: Control = {
  id: 'VF-EKS-014',
  area: 'eks',
  title: 'The VPC CNI enforces Kubernetes NetworkPolicy',
  severity: 'high',
  rationale:
    'On EKS the Amazon VPC CNI ignores NetworkPolicy objects unless its network policy agent is enabled; every default-deny policy in the manifests is then decoration and any pod can reach any other.',
  remediation:
    'Manage vpc-cni as an AWS::EKS::Addon with ConfigurationValues {"enableNetworkPolicy": "true"} (or install a CNI that enforces NetworkPolicy, such as Cilium or Calico).',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html',
    'CIS Amazon EKS Benchmark v1.8.0, 4.3.1 and 5.4.4',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.3.1', '5.4.4'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.22', 'A.8.20'],
    soc2: ['CC6.6', 'CC6.1'],
  },
  appliesTo: ['AWS::EKS::Cluster', 'AWS::EKS::Addon'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const { addons, undetermined } = addonsOf(inventory, r);
      const cni = addons.find((a) => a.name === 'vpc-cni');
      if (cni) {
        const config = configurationOf(cni.addon);
        if (isUnknownValue(config)) return result(r, 'unknown', `${cni.addon.key}: ${config.reason}`);
        const flag = config?.enableNetworkPolicy;
        if (flag === 'true' || flag === true)
          return passIfCertain(
            r,
            cni.addon,
            `${cni.addon.key} sets enableNetworkPolicy: the network policy agent enforces policies`,
          );
        return result(
          r,
          'fail',
          flag === undefined
            ? `${cni.addon.key} does not set enableNetworkPolicy (default false): NetworkPolicies are not enforced`
            : `${cni.addon.key} sets enableNetworkPolicy to ${JSON.stringify(flag)}: NetworkPolicies are not enforced`,
        );
      }
      const policyCni = inventory.helm.find(
        (h) => typeof h.chart === 'string' && POLICY_CNI_CHARTS.some((c) => h.chart === c),
      );
      if (policyCni)
        return result(
          r,
          'pass',
          `the ${show(policyCni.chart)} chart installs a CNI that enforces NetworkPolicy`,
        );
      if (undetermined.length > 0)
        return result(r, 'unknown', `add-ons whose cluster is undetermined: ${undetermined.join(', ')}`);
      return result(
        r,
        'fail',
        'no vpc-cni add-on is managed here: the self-managed VPC CNI runs without network policy enforcement',
      );
    });
  },
};
