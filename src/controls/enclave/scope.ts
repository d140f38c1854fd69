/**
 * What the enclave controls look at: stacks with a VPC tagged `vectorfort:enclave` (ours, or anyone's that
 * tags its VPC so). Everything else is not an enclave, and the controls say nothing about it.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { TAG_ENCLAVE } from '../../contract/keys.js';
import { resourcesOfType, tagOf, tagUndetermined } from '../network/cfn.js';

export interface EnclaveVpc {
  readonly vpc: CfnResource;
  /** Set when the tag may hold a value the template does not determine. */
  readonly undetermined: boolean;
}

/** VPCs tagged as enclaves, or whose tags the template does not determine. */
export function enclaveVpcs(inventory: Inventory): EnclaveVpc[] {
  return resourcesOfType(inventory, 'AWS::EC2::VPC').flatMap((vpc): EnclaveVpc[] =>
    tagOf(vpc, TAG_ENCLAVE) !== undefined
      ? [{ vpc, undetermined: false }]
      : tagUndetermined(vpc, TAG_ENCLAVE)
        ? [{ vpc, undetermined: true }]
        : [],
  );
}

/** Resources of the given types in the same stack as the VPC. */
export function inStackOf(inventory: Inventory, vpc: CfnResource, ...types: string[]): CfnResource[] {
  return resourcesOfType(inventory, ...types).filter((r) => r.stack === vpc.stack);
}

export const ENCLAVE_FRAMEWORKS = {
  'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
  'iso-27001-2022': ['A.8.20', 'A.8.22'],
  soc2: ['CC6.6', 'CC6.1'],
} as const;
