/** VPC address ranges and subnets (`AWS::EC2::VPC`, `AWS::EC2::VPCCidrBlock`, `AWS::EC2::Subnet`). */
import { TAG_TIER } from '../../../contract/keys.js';
import type { CfnResource } from '../../../inventory/model.js';
import { isUnknown } from '../../../inventory/values.js';
import type { SubnetModel } from '../model.js';
import { cidrRange } from '../net.js';
import type { AwsBuildContext } from './context.js';
import { tagsOf } from './tags.js';
import { bool, str } from './values.js';

/** A VPC's primary range or a secondary CIDR block: both are local to the VPC's route tables. */
export function addVpcRange(r: CfnResource, { model }: AwsBuildContext): void {
  const range = cidrRange(str(r.properties.CidrBlock) ?? '');
  if (range) model.vpcRanges.push(range);
}

export function addSubnet(r: CfnResource, { model }: AwsBuildContext): void {
  const text = str(r.properties.CidrBlock);
  const range = text ? cidrRange(text) : undefined;
  model.subnets.set(r.key, {
    key: r.key,
    range,
    cidrText: text ?? '?',
    tier: tagsOf(r)[TAG_TIER],
    mapPublicIp: bool(r.properties.MapPublicIpOnLaunch) === true,
    ...(range ? {} : { unknown: undeterminedCidr(r) }),
  });
}

/** Why a subnet's CIDR is not known, naming the parameter or import it comes from when there is one. */
function undeterminedCidr(r: CfnResource): string {
  const raw = r.properties.CidrBlock;
  const cause = isUnknown(raw) ? ` (${raw.reason})` : '';
  return `the CIDR of ${r.key} is not determined by the input${cause}`;
}

/** Sets the route table or network ACL of a subnet of the model; subnets outside the input are left alone. */
export function patchSubnet(
  context: AwsBuildContext,
  key: string | undefined,
  patch: Partial<SubnetModel>,
): void {
  const s = key ? context.model.subnets.get(key) : undefined;
  if (s) context.model.subnets.set(s.key, { ...s, ...patch });
}
