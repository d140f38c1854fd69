/**
 * Vulnerability scanning is on: where the input runs an EKS cluster, a resource of the input enables Amazon
 * Inspector for ECR images and EC2 instances. CloudFormation has no Inspector enablement resource, so this reads
 * the custom resources that call the Inspector2 `Enable` API (the CDK's AwsCustomResource, `Custom::AWS`).
 */
import { parseSymbolicJson } from '../../inventory/cloudformation/embedded-json.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isPlainObject, isSymbolic } from '../../inventory/values.js';
import { prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const REQUIRED_TYPES = ['EC2', 'ECR'] as const;

/** The resource types an `Enable` call of a custom resource scans; 'unknown' when the call is undetermined. */
function enabledTypes(r: CfnResource): readonly string[] | 'unknown' | undefined {
  const create = prop(r, 'Create');
  if (create === undefined) return undefined;
  const call = parseSymbolicJson(create);
  if (!isPlainObject(call)) return 'unknown';
  const { service, action } = call;
  if (isSymbolic(service) || isSymbolic(action)) return 'unknown';
  const isInspector =
    typeof service === 'string' && /inspector2$/i.test(service.replace(/^@aws-sdk\/client-/, ''));
  if (!isInspector || typeof action !== 'string' || !/^enable(command)?$/i.test(action)) return undefined;
  const params = call.parameters;
  if (!isPlainObject(params)) return 'unknown';
  const types = params.resourceTypes;
  if (!Array.isArray(types) || types.some((t) => typeof t !== 'string')) return 'unknown';
  return types as string[];
}

export const control: Control = {
  id: 'VF-DETECTION-006',
  area: 'detection',
  title: 'Amazon Inspector scans the container images and the nodes',
  severity: 'high',
  rationale:
    'A known-vulnerable package in a Weaviate, sidecar or add-on image, or on a node, is the easiest way in. Amazon Inspector scans ECR images on push and continuously, and the EC2 nodes, and its findings are what a review asks to see handled.',
  remediation:
    "Enable Amazon Inspector for EC2 and ECR in the account (a custom resource calling Inspector2 Enable with resourceTypes [EC2, ECR], or the organisation's delegated administrator), and route its HIGH and CRITICAL findings to the alert topics. Where the organisation enables it outside this template, acknowledge this control with that reason.",
  references: [
    'https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html',
    'https://docs.aws.amazon.com/inspector/v2/APIReference/API_Enable.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['ID.RA-01', 'DE.CM-09'],
    'iso-27001-2022': ['A.8.8'],
    soc2: ['CC7.1'],
  },
  appliesTo: ['AWS::EKS::Cluster', 'Custom::AWS'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const clusters = resourcesOfType(inventory, 'AWS::EKS::Cluster');
    if (clusters.length === 0) return [];
    const calls = resourcesOfType(inventory, 'Custom::AWS').map((r) => [r, enabledTypes(r)] as const);
    const full = calls.find(([, t]) => Array.isArray(t) && REQUIRED_TYPES.every((x) => t.includes(x)));
    const undetermined = calls.find(([, t]) => t === 'unknown');
    const partial = calls.find(([, t]) => Array.isArray(t));
    return clusters.map((cluster) => {
      if (full)
        return result(
          cluster,
          'pass',
          `${full[0].logicalId} enables Inspector for ${REQUIRED_TYPES.join(' and ')}`,
        );
      if (undetermined)
        return result(
          cluster,
          'unknown',
          `${undetermined[0].logicalId} calls an AWS API the template does not determine`,
        );
      if (partial)
        return result(
          cluster,
          'fail',
          `${partial[0].logicalId} enables Inspector for ${(partial[1] as string[]).join(', ') || 'nothing'} only; ${REQUIRED_TYPES.join(' and ')} are needed`,
        );
      return result(
        cluster,
        'fail',
        'no resource of the input enables Amazon Inspector for ECR images and EC2 nodes',
      );
    });
  },
};
