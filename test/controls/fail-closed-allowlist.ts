/**
 * Known gaps in failing closed: a failing fixture that turns into a pass when the named value is undetermined
 * (`control | fixture | where | how | resource`), each with why. Fail-closed.test.ts fails when an entry no longer
 * passes, so this list only shrinks.
 */
export const KNOWN_PASSES_ON_UNDETERMINED: Readonly<Record<string, string>> = {
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | parameter | App/Lt':
    'an undetermined Ebs block of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | import | App/Lt':
    'an undetermined Ebs block of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-EKS-012 | Encrypted omitted on a data volume | App/Lt.LaunchTemplateData.BlockDeviceMappings.1.Ebs | condition | App/Lt':
    'an undetermined Ebs block of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | parameter | App/Lt':
    'an undetermined network interface of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | import | App/Lt':
    'an undetermined network interface of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-EKS-013 | AssociatePublicIpAddress true | App/Lt.LaunchTemplateData.NetworkInterfaces.0 | condition | App/Lt':
    'an undetermined network interface of a launch template is skipped (launch template readers are being reworked with the EBS controls)',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | parameter | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | import | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | condition | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | parameter | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | import | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | condition | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | parameter | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | import | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | condition | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | parameter | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | import | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | condition | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | parameter | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | import | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.RouteTableId | condition | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | parameter | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | import | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | condition | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | parameter | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | import | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.DestinationCidrBlock | condition | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | parameter | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | import | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | condition | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | parameter | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | import | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | condition | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | parameter | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | import | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.RouteTableId | condition | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | parameter | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | import | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | condition | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | parameter | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | import | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.DestinationCidrBlock | condition | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
};
