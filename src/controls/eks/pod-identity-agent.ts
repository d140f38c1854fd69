/** CIS 5.2.1: pods get their own IAM identities through the EKS Pod Identity agent. */
import type { Inventory } from '../../inventory/model.js';
import { passIfCertain, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { addonsOf } from './addons.js';

export const control: Control = {
  id: 'VF-EKS-015',
  area: 'eks',
  title: 'EKS Pod Identity agent add-on is installed',
  severity: 'medium',
  rationale:
    'Without per-pod identities, workloads that call AWS fall back to the node role, shared by every pod on the node. The Pod Identity agent lets each service account assume its own least-privilege role without long-lived keys.',
  remediation:
    'Add an AWS::EKS::Addon named eks-pod-identity-agent and AWS::EKS::PodIdentityAssociation resources for the service accounts that call AWS.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.2.1',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.2.1'],
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.5.16', 'A.8.2'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::EKS::Cluster', 'AWS::EKS::Addon'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const { addons, undetermined } = addonsOf(inventory, r);
      const agent = addons.find((a) => a.name === 'eks-pod-identity-agent');
      if (agent) return passIfCertain(r, agent.addon, `${agent.addon.key} installs the Pod Identity agent`);
      if (undetermined.length > 0)
        return result(r, 'unknown', `add-ons whose cluster is undetermined: ${undetermined.join(', ')}`);
      return result(r, 'fail', 'no eks-pod-identity-agent add-on: pods can only use the node role or IRSA');
    });
  },
};
