/**
 * Known gaps in failing closed: a failing fixture that turns into a pass when the named value is undetermined
 * (`control | fixture | where | how | resource`), each with why. Fail-closed.test.ts fails when an entry no longer
 * passes, so this list only shrinks.
 */
export const KNOWN_PASSES_ON_UNDETERMINED: Readonly<Record<string, string>> = {
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | parameter | App/Lt':
    'an undetermined EBS block of a launch template is skipped',
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | import | App/Lt':
    'an undetermined EBS block of a launch template is skipped',
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | condition | App/Lt':
    'an undetermined EBS block of a launch template is skipped',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | parameter | App/Lt':
    'an undetermined network interface of a launch template is skipped',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | import | App/Lt':
    'an undetermined network interface of a launch template is skipped',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | condition | App/Lt':
    'an undetermined network interface of a launch template is skipped',
  'VF-NETWORK-006 | port 80 on the internet-facing load balancer; a standalone ::0/0 rule on another group | App/Open.GroupId | parameter | App/App':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-NETWORK-006 | port 80 on the internet-facing load balancer; a standalone ::0/0 rule on another group | App/Open.GroupId | import | App/App':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-NETWORK-006 | port 80 on the internet-facing load balancer; a standalone ::0/0 rule on another group | App/Open.GroupId | condition | App/App':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | parameter | App/Vpc':
    'an add-on whose name is undetermined is skipped',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | import | App/Vpc':
    'an add-on whose name is undetermined is skipped',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | condition | App/Vpc':
    'an add-on whose name is undetermined is skipped',
  'VF-NETWORK-013 | a standalone rule opening ::/0 from the database group | App/Open.GroupId | parameter | App/Db':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-NETWORK-013 | a standalone rule opening ::/0 from the database group | App/Open.GroupId | import | App/Db':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-NETWORK-013 | a standalone rule opening ::/0 from the database group | App/Open.GroupId | condition | App/Db':
    'an ingress rule whose group is undetermined is not attributed to any group',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object at all, so the PeerAuthentication it may be goes unseen',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | parameter | App/Http':
    "a redirect rule whose listener is undetermined is taken as the HTTP listener's redirect",
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | import | App/Http':
    "a redirect rule whose listener is undetermined is taken as the HTTP listener's redirect",
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | condition | App/Http':
    "a redirect rule whose listener is undetermined is taken as the HTTP listener's redirect",
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | parameter | web->db:5432/tcp':
    'a security group rule with an undetermined port range is read as allowing the flow',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | import | web->db:5432/tcp':
    'a security group rule with an undetermined port range is read as allowing the flow',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | condition | web->db:5432/tcp':
    'a security group rule with an undetermined port range is read as allowing the flow',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | internet->db:5432/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | db->internet:443/tcp':
    'an undetermined route, association or network interface is read as absent',
};
