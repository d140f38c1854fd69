/**
 * Known gaps in failing closed: a failing fixture that turns into a pass when the named value is undetermined
 * (`control | fixture | where | how | resource`), each with why. Fail-closed.test.ts fails when an entry no longer
 * passes, so this list only shrinks.
 */
export const KNOWN_PASSES_ON_UNDETERMINED: Readonly<Record<string, string>> = {
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | condition | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | import | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-EDGE-002 | redirect by default, but a listener rule forwards plain HTTP | App/Rule.ListenerArn | parameter | App/Http':
    'a listener rule whose ListenerArn is undetermined is not counted against the HTTP listener, though it may forward plain HTTP',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 0 apiVersion | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 0 kind | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 0 metadata | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 1 apiVersion | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 1 kind | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | a privileged host-network pod hides behind a harmless one of the same name | manifest 1 metadata | parameter | apps/api':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 0 apiVersion | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 0 kind | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 0 metadata | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 1 apiVersion | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 1 kind | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-K8S-014 | two versions of one group name the same object | manifest 1 metadata | parameter | apps/deny':
    'an object whose apiVersion, kind or metadata is undetermined is not identified, so the duplicate it may be is not reported; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | a port relaxed while the sidecar intercepts it | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 apiVersion | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 kind | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-MESH-001 | namespace PERMISSIVE overrides mesh STRICT | manifest 2 metadata.namespace | parameter | weaviate/weaviate':
    'a manifest whose apiVersion, kind or metadata is undetermined is read as no object, so the PeerAuthentication it may be goes unseen; needs the inventory to record unidentified objects',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | condition | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | import | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-NETWORK-010 | Pod Identity without eks-auth | App/Agent.AddonName | parameter | App/Vpc':
    'an add-on whose AddonName is undetermined is not taken as possibly the Pod Identity agent, so the eks-auth endpoint it needs is not required',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | condition | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | import | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-001 | the database admits another port only | Stack/DbSg.SecurityGroupIngress.0.FromPort | parameter | web->db:5432/tcp':
    'the reachability engine reads an ingress rule with an undetermined FromPort as admitting the flow (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | condition | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | import | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.GatewayId | parameter | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | condition | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | import | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetDefault.RouteTableId | parameter | internet->db:5432/tcp':
    'a route whose destination, gateway or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | condition | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | import | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/DataSubnetRtAssoc.SubnetId | parameter | internet->db:5432/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0 | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-003 | the database has a public address in a subnet routed to the internet gateway | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | internet->db:5432/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | condition | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | import | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetDefault.RouteTableId | parameter | db->internet:443/tcp':
    'a route whose destination or route table is undetermined is left out of every table, so the internet route it may be goes unseen (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | condition | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | import | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/DataSubnetRtAssoc.SubnetId | parameter | db->internet:443/tcp':
    'a route table association whose subnet or route table is undetermined is ignored, so the subnet falls back to the main table (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0 | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | condition | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | import | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-REACH-004 | the database has a public address and an internet route | Stack/Db.NetworkInterfaces.0.AssociatePublicIpAddress | parameter | db->internet:443/tcp':
    'an instance whose network interfaces or public IP flag are undetermined is read as having no public address (reach engine, changed in parallel)',
  'VF-WEAVIATE-001 | chart: off in the config file, true in the environment | manifest 1 spec.template.spec.containers.0.env | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-001 | chart: off in the config file, true in the environment | manifest 1 spec.template.spec.containers.0.env.17 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-001 | chart: off in the config file, true in the environment | manifest 1 spec.template.spec.containers.0.env.17.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | both | manifest 0 spec.template.spec.containers.0.env.12 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | both | manifest 0 spec.template.spec.containers.0.env.12.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | both | manifest 0 spec.template.spec.containers.0.env.4 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | both | manifest 0 spec.template.spec.containers.0.env.4.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 0 data | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 1 spec.template.spec.containers.0.args | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 1 spec.template.spec.containers.0.args.6 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 1 spec.template.spec.containers.0.env | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 1 spec.template.spec.containers.0.env.17 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-003 | chart: RBAC in the config file and the admin list in the environment | manifest 1 spec.template.spec.containers.0.env.17.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly setting the value',
  'VF-WEAVIATE-004 | a module API key inline | manifest 0 spec.template.spec.containers.0.env | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | a module API key inline | manifest 0 spec.template.spec.containers.0.env.12 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | a module API key inline | manifest 0 spec.template.spec.containers.0.env.12.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | chart: allowed_keys in the weaviate-config ConfigMap | manifest 0 data | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | chart: allowed_keys in the weaviate-config ConfigMap | manifest 1 spec.template.spec.containers.0.args | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | chart: allowed_keys in the weaviate-config ConfigMap | manifest 1 spec.template.spec.containers.0.args.6 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 apiVersion | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 data | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 kind | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 metadata | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 metadata.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 0 metadata.namespace | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 1 spec.template.spec.containers.0.envFrom | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 1 spec.template.spec.containers.0.envFrom.0 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 1 spec.template.spec.containers.0.envFrom.0.configMapRef | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys in a ConfigMap | manifest 1 spec.template.spec.containers.0.envFrom.0.configMapRef.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys inline | manifest 0 spec.template.spec.containers.0.env | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry or envFrom source as possibly holding a credential',
  'VF-WEAVIATE-004 | keys inline | manifest 0 spec.template.spec.containers.0.env.2 | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-004 | keys inline | manifest 0 spec.template.spec.containers.0.env.2.name | parameter | weaviate/weaviate':
    'the Weaviate settings reader (config file and environment) does not yet read an undetermined env entry, envFrom source or object identity as possibly holding a credential',
  'VF-WEAVIATE-008 | TLS off | manifest 0 spec.template.spec.containers.0.env.8 | parameter | weaviate/weaviate':
    'not yet failing closed: VF-WEAVIATE-008',
  'VF-WEAVIATE-008 | TLS off | manifest 0 spec.template.spec.containers.0.env.8.name | parameter | weaviate/weaviate':
    'not yet failing closed: VF-WEAVIATE-008',
  'VF-WEAVIATE-008 | static access keys in the manifest | manifest 0 spec.template.spec.containers.0.env.12 | parameter | weaviate/weaviate':
    'not yet failing closed: VF-WEAVIATE-008',
  'VF-WEAVIATE-008 | static access keys in the manifest | manifest 0 spec.template.spec.containers.0.env.12.name | parameter | weaviate/weaviate':
    'not yet failing closed: VF-WEAVIATE-008',
  'VF-WEAVIATE-008 | static access keys in the manifest | manifest 0 spec.template.spec.containers.0.env.12.value | parameter | weaviate/weaviate':
    'not yet failing closed: VF-WEAVIATE-008',
};
