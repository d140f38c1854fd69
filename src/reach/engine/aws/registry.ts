/**
 * Which builder reads which CloudFormation type into the AWS network model. The order matters: a builder may
 * read what earlier ones added (subnets before the things placed in them, security groups before the rules
 * and interfaces that refer to them, clusters before the node groups that fall back on their group).
 */
import type { CfnResource } from '../../../inventory/model.js';
import { addClientVpn } from './client-vpn.js';
import type { AwsBuildContext } from './context.js';
import { addCluster } from './eks-cluster.js';
import { addVpcEndpoint } from './endpoints.js';
import { addFunction } from './functions.js';
import { addInstance } from './instances.js';
import { addLatticeVpcAssociation } from './lattice-associations.js';
import { addLoadBalancer } from './load-balancers.js';
import { addNetworkAcl, addNetworkAclEntry, associateNetworkAcl, sortNaclEntries } from './network-acls.js';
import { addNodeGroup } from './node-groups.js';
import { addResolverEndpoint } from './resolver-endpoints.js';
import { addNatGateway, addRoute, addRouteTable, associateRouteTable } from './routes.js';
import { addEgressRule, addIngressRule, addSecurityGroup } from './security-groups.js';
import { addVpcRange, addSubnet } from './vpc.js';
import { assumeSelfManagedCni, readCniAddon } from './vpc-cni.js';

/** Reads one resource into the model. */
export type ResourceBuilder = (resource: CfnResource, context: AwsBuildContext) => void;

/** Runs once after every resource was read. */
export type ModelFinisher = (context: AwsBuildContext) => void;

/**
 * CloudFormation type → builder, in build order. Types read only through another resource (launch templates
 * through node groups, Client VPN associations and rules through their endpoint, prefix list lookups through
 * the rules naming them) have no entry.
 */
export const AWS_RESOURCE_BUILDERS: readonly { readonly type: string; readonly build: ResourceBuilder }[] = [
  { type: 'AWS::EC2::VPC', build: addVpcRange },
  { type: 'AWS::EC2::VPCCidrBlock', build: addVpcRange },
  { type: 'AWS::EC2::Subnet', build: addSubnet },
  { type: 'AWS::EC2::RouteTable', build: addRouteTable },
  { type: 'AWS::EC2::SubnetRouteTableAssociation', build: associateRouteTable },
  { type: 'AWS::EC2::NatGateway', build: addNatGateway },
  { type: 'AWS::EC2::Route', build: addRoute },
  { type: 'AWS::EC2::NetworkAcl', build: addNetworkAcl },
  { type: 'AWS::EC2::SubnetNetworkAclAssociation', build: associateNetworkAcl },
  { type: 'AWS::EC2::NetworkAclEntry', build: addNetworkAclEntry },
  { type: 'AWS::EC2::SecurityGroup', build: addSecurityGroup },
  { type: 'AWS::EC2::SecurityGroupIngress', build: addIngressRule },
  { type: 'AWS::EC2::SecurityGroupEgress', build: addEgressRule },
  { type: 'AWS::EKS::Cluster', build: addCluster },
  { type: 'AWS::EKS::Nodegroup', build: addNodeGroup },
  { type: 'AWS::Lambda::Function', build: addFunction },
  { type: 'AWS::EC2::Instance', build: addInstance },
  { type: 'AWS::EC2::VPCEndpoint', build: addVpcEndpoint },
  { type: 'AWS::Route53Resolver::ResolverEndpoint', build: addResolverEndpoint },
  { type: 'AWS::EC2::ClientVpnEndpoint', build: addClientVpn },
  { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', build: addLoadBalancer },
  { type: 'AWS::EKS::Addon', build: readCniAddon },
  { type: 'AWS::VpcLattice::ServiceNetworkVpcAssociation', build: addLatticeVpcAssociation },
];

export const AWS_MODEL_FINISHERS: readonly ModelFinisher[] = [sortNaclEntries, assumeSelfManagedCni];
