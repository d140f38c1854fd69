/** Small hand-built networks for the reachability tests: a few CloudFormation resources each. */
type Resource = { Type: string; Properties: Record<string, unknown> };

export class NetworkBuilder {
  readonly resources: Record<string, Resource> = {};

  constructor(vpcCidr = '10.0.0.0/16') {
    this.resources.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: vpcCidr } };
    this.resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
  }

  subnet(
    id: string,
    cidr: string,
    options: { internet?: boolean; publicIp?: boolean; nacl?: string } = {},
  ): this {
    this.resources[id] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { CidrBlock: cidr, VpcId: { Ref: 'Vpc' }, MapPublicIpOnLaunch: options.publicIp ?? false },
    };
    this.resources[`${id}Rt`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } };
    this.resources[`${id}RtAssoc`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: { Ref: id }, RouteTableId: { Ref: `${id}Rt` } },
    };
    if (options.internet) this.internetRoute(id);
    if (options.nacl)
      this.resources[`${id}AclAssoc`] = {
        Type: 'AWS::EC2::SubnetNetworkAclAssociation',
        Properties: { SubnetId: { Ref: id }, NetworkAclId: { Ref: options.nacl } },
      };
    return this;
  }

  internetRoute(subnet: string): this {
    this.resources[`${subnet}Default`] = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: `${subnet}Rt` },
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: { Ref: 'Igw' },
      },
    };
    return this;
  }

  /** A security group; rules use `cidr`, `sg` (a group id here) or `prefixList`. */
  sg(
    id: string,
    rules: { ingress?: Rule[]; egress?: Rule[]; component?: string; defaultEgress?: boolean } = {},
  ): this {
    const inline = (r: Rule, dir: 'in' | 'out') => ({
      IpProtocol: r.protocol ?? 'tcp',
      FromPort: r.from ?? r.port,
      ToPort: r.to ?? r.port,
      ...(r.cidr ? { CidrIp: r.cidr } : {}),
      ...(r.sg
        ? {
            [dir === 'in' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: {
              'Fn::GetAtt': [r.sg, 'GroupId'],
            },
          }
        : {}),
    });
    this.resources[id] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: id,
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: (rules.ingress ?? []).map((r) => inline(r, 'in')),
        ...(rules.defaultEgress
          ? {}
          : {
              SecurityGroupEgress: rules.egress
                ? rules.egress.map((r) => inline(r, 'out'))
                : [{ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32' }],
            }),
        ...(rules.component ? { Tags: [{ Key: 'vectorfort:component', Value: rules.component }] } : {}),
      },
    };
    return this;
  }

  /** A standalone ingress rule resource referring to another group. */
  ingressFromGroup(id: string, group: string, source: string, port: number): this {
    this.resources[id] = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': [group, 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [source, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
      },
    };
    return this;
  }

  nacl(
    id: string,
    entries: {
      n: number;
      egress: boolean;
      action: 'allow' | 'deny';
      cidr: string;
      from?: number;
      to?: number;
      protocol?: number;
    }[],
  ): this {
    this.resources[id] = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } };
    for (const e of entries)
      this.resources[`${id}${e.egress ? 'Out' : 'In'}${e.n}`] = {
        Type: 'AWS::EC2::NetworkAclEntry',
        Properties: {
          NetworkAclId: { Ref: id },
          RuleNumber: e.n,
          Egress: e.egress,
          RuleAction: e.action,
          CidrBlock: e.cidr,
          Protocol: e.protocol ?? 6,
          ...(e.protocol === -1 ? {} : { PortRange: { From: e.from ?? 0, To: e.to ?? 65535 } }),
        },
      };
    return this;
  }

  instance(id: string, subnet: string, sgs: string[], publicIp = false): this {
    this.resources[id] = {
      Type: 'AWS::EC2::Instance',
      Properties: {
        SubnetId: { Ref: subnet },
        SecurityGroupIds: sgs.map((g) => ({ 'Fn::GetAtt': [g, 'GroupId'] })),
        ...(publicIp ? { NetworkInterfaces: [{ AssociatePublicIpAddress: true, DeviceIndex: '0' }] } : {}),
      },
    };
    return this;
  }

  /** An EKS cluster with one node group (launch template with the given groups and hop limit) and the vpc-cni add-on. */
  cluster(options: {
    subnets: string[];
    nodeSgs: string[];
    hopLimit?: number;
    enforcePolicies?: boolean;
    publicAccess?: boolean;
    publicCidrs?: string[];
    role?: string;
  }): this {
    this.resources.Cluster = {
      Type: 'AWS::EKS::Cluster',
      Properties: {
        ResourcesVpcConfig: {
          SubnetIds: options.subnets.map((s) => ({ Ref: s })),
          SecurityGroupIds: [],
          EndpointPublicAccess: options.publicAccess ?? false,
          EndpointPrivateAccess: true,
          ...(options.publicCidrs ? { PublicAccessCidrs: options.publicCidrs } : {}),
        },
      },
    };
    this.resources.NodeGroupLt = {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          SecurityGroupIds: options.nodeSgs.map((g) => ({ 'Fn::GetAtt': [g, 'GroupId'] })),
          ...(options.hopLimit === undefined
            ? {}
            : { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: options.hopLimit } }),
        },
      },
    };
    this.resources.NodeGroup = {
      Type: 'AWS::EKS::Nodegroup',
      Properties: {
        ClusterName: { Ref: 'Cluster' },
        Subnets: options.subnets.map((s) => ({ Ref: s })),
        Labels: { 'vectorfort.dev/node-role': options.role ?? 'system' },
        LaunchTemplate: { Id: { Ref: 'NodeGroupLt' } },
      },
    };
    this.resources.Cni = {
      Type: 'AWS::EKS::Addon',
      Properties: {
        AddonName: 'vpc-cni',
        ClusterName: { Ref: 'Cluster' },
        ...(options.enforcePolicies === false
          ? {}
          : { ConfigurationValues: '{"enableNetworkPolicy":"true"}' }),
      },
    };
    return this;
  }

  template(): Record<string, unknown> {
    return { Resources: this.resources };
  }
}

export interface Rule {
  port?: number;
  from?: number;
  to?: number;
  protocol?: string;
  cidr?: string;
  sg?: string;
}

export function pod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      containers: [{ name: 'app', image: 'app:1', ports: [{ name: 'http', containerPort: 8080 }] }],
      ...extra,
    },
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function policy(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}
