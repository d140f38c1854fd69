/**
 * `Fn::GetAtt` attributes whose value the template itself determines (a VPC's `CidrBlock` is the property it was
 * created with), and attributes that are the same value `Ref` returns. Every other attribute exists only after
 * deployment and stays a ResourceRef.
 */

/** Attribute → the (dotted) property path that determines it, per resource type. */
const FROM_PROPERTY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', AvailabilityZone: 'AvailabilityZone', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
  'AWS::EC2::VPCCidrBlock': { CidrBlock: 'CidrBlock' },
  'AWS::SSM::Parameter': { Value: 'Value', Type: 'Type' },
  'AWS::EC2::PrefixList': { AddressFamily: 'AddressFamily', MaxEntries: 'MaxEntries' },
  'AWS::EKS::Cluster': {
    'KubernetesNetworkConfig.ServiceIpv4Cidr': 'KubernetesNetworkConfig.ServiceIpv4Cidr',
  },
};

/** Attributes that return the same physical id as `Ref`: normalized so both spellings compare equal. */
const SAME_AS_REF: Readonly<Record<string, string>> = {
  'AWS::EC2::VPC': 'VpcId',
  'AWS::EC2::Subnet': 'SubnetId',
  'AWS::EC2::SecurityGroup': 'GroupId',
  'AWS::KMS::Key': 'KeyId',
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateId',
  'AWS::EC2::NetworkAcl': 'Id',
  'AWS::EC2::RouteTable': 'RouteTableId',
  'AWS::EC2::InternetGateway': 'InternetGatewayId',
  'AWS::EC2::VPCEndpoint': 'Id',
};

export function propertyForAttribute(type: string, attribute: string): string | undefined {
  return FROM_PROPERTY[type]?.[attribute];
}

export function attributeIsRef(type: string, attribute: string): boolean {
  return SAME_AS_REF[type] === attribute;
}
