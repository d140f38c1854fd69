/**
 * Whether the EBS volumes of a `BlockDeviceMappings` list are encrypted, for launch templates, launch
 * configurations and instances alike: the three write `Ebs.Encrypted` the same way.
 */
import type { CfnResource } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import { boolOf, isObject, isUnknownValue, listOf, prop, result, show } from '../network/cfn.js';
import type { ControlResult } from '../types.js';

interface VolumeProblems {
  /** Volumes not encrypted, by device name. */
  readonly failures: readonly string[];
  /** Volumes whose encryption the input does not determine. */
  readonly unknowns: readonly string[];
}

function volumeProblems(mappings: readonly SymbolicValue[]): VolumeProblems {
  const failures: string[] = [];
  const unknowns: string[] = [];
  for (const [i, m] of mappings.entries()) {
    if (!isObject(m)) {
      unknowns.push(`mapping ${i} is ${show(m)}`);
      continue;
    }
    const device = typeof m.DeviceName === 'string' ? m.DeviceName : `mapping ${i}`;
    if (m.Ebs === undefined) continue; // instance-store or NoDevice mappings carry no EBS volume
    // An Ebs block the input leaves undetermined (a parameter, a condition) may be an unencrypted volume.
    if (!isObject(m.Ebs)) {
      unknowns.push(`${device}: Ebs is ${show(m.Ebs)}`);
      continue;
    }
    const encrypted = boolOf(m.Ebs.Encrypted, 'Encrypted');
    if (encrypted === true) continue;
    if (isUnknownValue(encrypted)) unknowns.push(`${device}: ${encrypted.reason}`);
    else
      failures.push(
        `${device} is ${encrypted === false ? 'explicitly unencrypted' : 'not marked Encrypted'}`,
      );
  }
  return { failures, unknowns };
}

/**
 * The result for a resource whose `path` holds its block device mappings. Without mappings the root volume
 * comes from the AMI, encrypted only if its snapshot is or the account's default encryption is on.
 */
export function blockDeviceResult(r: CfnResource, path: string, whenOmitted: string): ControlResult {
  const mappings = listOf(prop(r, path), 'BlockDeviceMappings');
  if (mappings === undefined || (Array.isArray(mappings) && mappings.length === 0))
    return assuming(result(r, 'fail', whenOmitted, path), ASSUMPTIONS.ebsDefaultEncryption);
  if (isUnknownValue(mappings)) return result(r, 'unknown', `BlockDeviceMappings: ${mappings.reason}`, path);
  const { failures, unknowns } = volumeProblems(mappings);
  if (failures.length > 0)
    return assuming(result(r, 'fail', failures.join('; '), path), ASSUMPTIONS.ebsDefaultEncryption);
  if (unknowns.length > 0) return result(r, 'unknown', unknowns.join('; '), path);
  return result(r, 'pass', 'every EBS volume is encrypted', path);
}
