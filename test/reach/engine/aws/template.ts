/** Builds the AWS model of a few hand-written CloudFormation resources in one stack named `Stack`. */
import { inventoryFromObjects } from '../../../../src/inventory/index.js';
import { type AwsModel, buildAwsModel } from '../../../../src/reach/engine/build-aws.js';

export type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; Condition?: string }
>;

export function awsModelOf(resources: Resources, extra: Record<string, unknown> = {}): AwsModel {
  return buildAwsModel(inventoryFromObjects({ templates: { Stack: { Resources: resources, ...extra } } }));
}

export const ref = (id: string) => ({ Ref: id });
export const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

/** A VPC with one subnet per `{ id: cidr }` entry. */
export function subnets(cidrs: Record<string, string>): Resources {
  const out: Resources = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };
  for (const [id, cidr] of Object.entries(cidrs))
    out[id] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: cidr } };
  return out;
}

/** A security group without rules of its own (and so EC2's default allow-all egress). */
export const group = (): Resources[string] => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'test', VpcId: ref('Vpc') },
});
