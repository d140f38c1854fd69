/**
 * Derives the flow spec from a blueprint. Adding a capability that opens a path means adding its flow here;
 * the security groups, NACLs, NetworkPolicies and AuthorizationPolicies follow.
 */
import { resolvedAvailabilityZones, type Blueprint } from '../blueprint/index.js';
import { s3RangesFor } from '../blueprint/s3-ranges.js';
import { workloadNames } from './names.js';
import { planSubnets, subnetsOf } from './network-plan.js';
import type { Component, DenialClaim, Flow, FlowSpec, Layer, Protocol } from './types.js';

/** Well-known addresses. */
export const INSTANCE_METADATA_CIDR = '169.254.169.254/32';
export const POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';
export const POD_IDENTITY_AGENT_PORT = 80;
export const KUBELET_PORT = 10250;
export const HTTPS_PORT = 443;
export const DNS_PORT = 53;

export function deriveFlowSpec(bp: Blueprint): FlowSpec {
  const zones = resolvedAvailabilityZones(bp);
  const subnets = planSubnets(bp.network.vpcCidr, zones);
  const names = workloadNames(bp);
  const ports = bp.weaviate.ports;
  const meshOn = bp.mesh.enabled;
  const s3Cidrs = s3RangesFor(bp.environment.region, bp.network.s3Cidrs);
  const exposed = bp.exposure !== 'private';
  const vpn = bp.adminAccess.clientVpn.enabled;
  const s2s = bp.adminAccess.siteToSiteVpn.enabled;
  const monitoring = bp.monitoring.enabled;
  const notifier = bp.detection.alerting.enabled;

  const components: Component[] = [
    {
      id: 'internet',
      description: 'Any address on the internet',
      tier: 'internet',
      cidrs: ['0.0.0.0/0', '::/0'],
    },
    {
      id: 'weaviate',
      description: 'Weaviate pods (StatefulSet)',
      tier: 'data',
      k8s: { ...names.weaviate, labels: names.weaviate.labels },
      nodeGroup: 'weaviate',
      meshed: meshOn,
    },
    {
      id: 'ingress-gateway',
      description: 'Istio ingress gateway pods: the only way into Weaviate',
      tier: 'data',
      k8s: {
        namespace: names.ingressGateway.namespace,
        labels: names.ingressGateway.labels,
        serviceAccount: names.ingressGateway.serviceAccount,
      },
      nodeGroup: 'system',
      meshed: meshOn,
    },
    {
      id: 'kube-dns',
      description: 'CoreDNS pods',
      tier: 'data',
      k8s: { namespace: names.kubeDns.namespace, labels: names.kubeDns.labels },
      nodeGroup: 'system',
    },
    {
      id: 'outsider',
      description: 'A pod in any other namespace (hypothetical, to prove other namespaces are shut out)',
      tier: 'data',
      k8s: { namespace: names.outsider.namespace, labels: names.outsider.labels },
      nodeGroup: 'system',
    },
    {
      id: 'eks-api',
      description: 'EKS control plane (private endpoint)',
      tier: 'endpoints',
      awsTag: 'eks-control-plane',
    },
    {
      id: 'nodes-system',
      description: 'System node group (add-ons, mesh, monitoring)',
      tier: 'data',
      awsTag: 'nodes-system',
    },
    {
      id: 'nodes-weaviate',
      description: 'Dedicated Weaviate node group',
      tier: 'data',
      awsTag: 'nodes-weaviate',
    },
    {
      id: 'aws-endpoints',
      description: 'Interface VPC endpoints (ECR, STS, KMS, logs, …)',
      tier: 'endpoints',
      awsTag: 'vpc-endpoints',
    },
    {
      id: 's3',
      description: 'Amazon S3 through the gateway endpoint',
      tier: 'aws',
      prefixList: `com.amazonaws.${bp.environment.region}.s3`,
      // Security groups and ACLs use the prefix list; NetworkPolicies need the addresses themselves.
      ...(s3Cidrs ? { cidrs: s3Cidrs } : {}),
    },
    {
      id: 'kubectl-handler',
      description: 'CDK kubectl handler (deploys manifests and charts)',
      tier: 'application',
      awsTag: 'kubectl-handler',
    },
    {
      id: 'instance-metadata',
      description: 'EC2 instance metadata service',
      tier: 'on-node',
      cidrs: [INSTANCE_METADATA_CIDR],
    },
    {
      id: 'pod-identity-agent',
      description: 'EKS Pod Identity agent on each node',
      tier: 'on-node',
      cidrs: [POD_IDENTITY_AGENT_CIDR],
    },
  ];
  if (meshOn)
    components.push({
      id: 'istiod',
      description: 'Istio control plane',
      tier: 'data',
      k8s: {
        namespace: names.istiod.namespace,
        labels: names.istiod.labels,
        serviceAccount: names.istiod.serviceAccount,
      },
      nodeGroup: 'system',
    });
  if (monitoring)
    components.push({
      id: 'prometheus',
      description: 'Prometheus (Prometheus Operator) scraping Weaviate',
      tier: 'data',
      k8s: { namespace: names.prometheus.namespace, labels: names.prometheus.labels },
      nodeGroup: 'system',
    });
  if (exposed)
    components.push({
      id: 'alb',
      description: `Application Load Balancer (${bp.exposure === 'cloudfront' ? 'CloudFront origin' : bp.edge.scheme}) behind AWS WAF`,
      tier: bp.edge.scheme === 'internal' ? 'application' : 'public',
      awsTag: 'alb',
      cidrs: subnetsOf(subnets, bp.edge.scheme === 'internal' ? 'application' : 'public').map((s) => s.cidr),
    });
  if (exposed)
    components.push({
      id: 'lb-controller',
      description: 'AWS Load Balancer Controller: registers the ingress gateway pods in the ALB target group',
      tier: 'data',
      k8s: {
        namespace: names.loadBalancerController.namespace,
        labels: names.loadBalancerController.labels,
        serviceAccount: names.loadBalancerController.serviceAccount,
      },
      nodeGroup: 'system',
    });
  if (bp.exposure === 'cloudfront')
    components.push({
      id: 'cloudfront',
      description: 'CloudFront edge (origin-facing addresses)',
      tier: 'internet',
      prefixList: 'com.amazonaws.global.cloudfront.origin-facing',
    });
  if (vpn)
    components.push({
      id: 'vpn-clients',
      description: 'Administrators on AWS Client VPN',
      tier: 'admin',
      cidrs: [bp.adminAccess.clientVpn.clientCidr],
    });
  if (vpn)
    // Client VPN translates client addresses to its own network interfaces in the application tier (source NAT),
    // so resources in the VPC see the endpoint's security group, not the client range.
    components.push({
      id: 'vpn-endpoint',
      description: 'AWS Client VPN endpoint network interfaces (source NAT for the VPN clients)',
      tier: 'application',
      awsTag: 'client-vpn',
    });
  if (notifier)
    components.push({
      id: 'notifier',
      description: 'Security-event notifier (Lambda) posting to the chat and paging webhooks',
      tier: 'application',
      awsTag: 'notifier',
    });
  if (s2s)
    components.push({
      id: 'on-premises',
      description: 'Corporate network over site-to-site VPN',
      tier: 'admin',
      cidrs: [...bp.adminAccess.siteToSiteVpn.onPremisesCidrs],
    });

  const flows: Flow[] = [];
  const add = (
    from: string,
    to: string,
    port: number,
    protocol: Protocol,
    purpose: string,
    description: string,
    enforcedBy: readonly Layer[],
    viaMesh = false,
  ) =>
    flows.push({
      id: `${from}-to-${to}-${purpose}`,
      from,
      to,
      port,
      protocol,
      description,
      enforcedBy,
      viaMesh,
    });
  const pod = ['network-policy', 'security-group', 'network-acl'] as const;
  const podMeshed = meshOn ? ([...pod, 'mesh'] as const) : pod;

  // Client traffic enters only through the ingress gateway.
  add(
    'ingress-gateway',
    'weaviate',
    ports.http,
    'tcp',
    'http',
    'Client REST/GraphQL requests',
    podMeshed,
    meshOn,
  );
  add('ingress-gateway', 'weaviate', ports.grpc, 'tcp', 'grpc', 'Client gRPC requests', podMeshed, meshOn);
  // Cluster-internal ports stay outside the sidecar (memberlist and Raft break under sidecar mTLS); NetworkPolicy
  // limits them to Weaviate pods and the data port requires Weaviate's cluster basic auth.
  add('weaviate', 'weaviate', ports.gossip, 'tcp', 'gossip', 'memberlist gossip (TCP)', pod);
  add('weaviate', 'weaviate', ports.gossip, 'udp', 'gossip-udp', 'memberlist gossip (UDP)', pod);
  add('weaviate', 'weaviate', ports.data, 'tcp', 'data', 'Intra-cluster data (replication)', pod);
  add('weaviate', 'weaviate', ports.raft, 'tcp', 'raft', 'Raft consensus', pod);
  add('weaviate', 'weaviate', ports.raftRpc, 'tcp', 'raft-rpc', 'Raft internal RPC', pod);
  if (monitoring) {
    add(
      'prometheus',
      'weaviate',
      ports.metrics,
      'tcp',
      'metrics',
      'Prometheus scrapes Weaviate metrics',
      pod,
    );
    add('prometheus', 'eks-api', HTTPS_PORT, 'tcp', 'discovery', 'Prometheus service discovery', pod);
  }
  const dnsClients = [
    'weaviate',
    'ingress-gateway',
    ...(monitoring ? ['prometheus'] : []),
    ...(meshOn ? ['istiod'] : []),
    ...(exposed ? ['lb-controller'] : []),
  ];
  for (const client of dnsClients) {
    add(client, 'kube-dns', DNS_PORT, 'udp', 'dns', 'DNS lookups', pod);
    add(client, 'kube-dns', DNS_PORT, 'tcp', 'dns-tcp', 'DNS lookups over TCP', pod);
  }
  if (meshOn) {
    add(
      'weaviate',
      'istiod',
      names.istiod.xdsPort,
      'tcp',
      'xds',
      'Sidecar configuration and certificates',
      pod,
    );
    add(
      'ingress-gateway',
      'istiod',
      names.istiod.xdsPort,
      'tcp',
      'xds',
      'Gateway configuration and certificates',
      pod,
    );
    add(
      'eks-api',
      'istiod',
      names.istiod.webhookPort,
      'tcp',
      'webhook',
      'Sidecar injection and validation webhooks',
      pod,
    );
    add('istiod', 'eks-api', HTTPS_PORT, 'tcp', 'watch', 'istiod watches the Kubernetes API', pod);
  }
  // Backups and AWS APIs: S3 through the gateway endpoint, everything else through interface endpoints;
  // credentials from the Pod Identity agent, never from the instance metadata service.
  add('weaviate', 's3', HTTPS_PORT, 'tcp', 'backups', 'Backups to the S3 bucket (gateway endpoint)', pod);
  add(
    'weaviate',
    'aws-endpoints',
    HTTPS_PORT,
    'tcp',
    'aws-apis',
    'STS and KMS through interface endpoints',
    pod,
  );
  add(
    'weaviate',
    'pod-identity-agent',
    POD_IDENTITY_AGENT_PORT,
    'tcp',
    'credentials',
    'Pod Identity credentials for the backup role',
    ['network-policy'],
  );

  // Nodes: image pulls, logs, node registration; the control plane reaches the kubelet.
  for (const nodes of ['nodes-system', 'nodes-weaviate']) {
    if (bp.network.allowDataTierInternetEgress)
      add(
        nodes,
        'internet',
        HTTPS_PORT,
        'tcp',
        'public-images',
        'Weakening: images from public registries (through NAT)',
        ['security-group', 'network-acl'],
      );
    add(nodes, 'eks-api', HTTPS_PORT, 'tcp', 'kubelet-api', 'Kubelet and node agents to the Kubernetes API', [
      'security-group',
      'network-acl',
    ]);
    add('eks-api', nodes, KUBELET_PORT, 'tcp', 'kubelet', 'Control plane to kubelet (logs, exec, metrics)', [
      'security-group',
      'network-acl',
    ]);
    // The disk alerts read the kubelet's volume statistics (kubelet_volume_stats_*): Prometheus scrapes each node.
    if (monitoring)
      add(
        'prometheus',
        nodes,
        KUBELET_PORT,
        'tcp',
        'kubelet-metrics',
        'Prometheus scrapes kubelet volume metrics',
        [...pod],
      );
    add(
      nodes,
      'aws-endpoints',
      HTTPS_PORT,
      'tcp',
      'aws-apis',
      'ECR, EKS auth, logs, SSM through interface endpoints',
      ['security-group', 'network-acl'],
    );
    add(nodes, 's3', HTTPS_PORT, 'tcp', 'image-layers', 'ECR image layers from S3 (gateway endpoint)', [
      'security-group',
      'network-acl',
    ]);
  }
  add('kubectl-handler', 'eks-api', HTTPS_PORT, 'tcp', 'deploy', 'Deploys manifests and charts', [
    'security-group',
    'network-acl',
  ]);
  add('kubectl-handler', 'aws-endpoints', HTTPS_PORT, 'tcp', 'aws-apis', 'EKS, STS and Lambda APIs', [
    'security-group',
    'network-acl',
  ]);
  // Custom resources answer CloudFormation through a pre-signed S3 URL; the application tier reaches S3
  // through the gateway endpoint.
  add(
    'kubectl-handler',
    's3',
    HTTPS_PORT,
    'tcp',
    'cfn-responses',
    'Custom-resource responses to CloudFormation (pre-signed S3 URL)',
    ['security-group', 'network-acl'],
  );
  if (bp.mesh.chartRepository.startsWith('https://'))
    add(
      'kubectl-handler',
      'internet',
      HTTPS_PORT,
      'tcp',
      'charts',
      'Istio charts from the upstream repository (through NAT)',
      ['security-group', 'network-acl'],
    );

  if (exposed) {
    add(
      'alb',
      'ingress-gateway',
      names.ingressGateway.httpPort,
      'tcp',
      'http',
      'Load balancer to the gateway (IP targets)',
      ['security-group', 'network-acl', 'network-policy'],
    );
    // The controller watches the gateway's endpoints and registers their pod IPs in the target group (ELB and
    // EC2 APIs through the interface endpoints, credentials from the Pod Identity agent); the API server calls
    // its admission webhooks (TargetGroupBinding validation and defaults, pod readiness gates).
    const controllerPort = names.loadBalancerController.webhookPort;
    add(
      'lb-controller',
      'eks-api',
      HTTPS_PORT,
      'tcp',
      'watch',
      'Watches Services, endpoints and bindings',
      pod,
    );
    add('lb-controller', 'aws-endpoints', HTTPS_PORT, 'tcp', 'aws-apis', 'ELB and EC2 APIs', pod);
    add(
      'lb-controller',
      'pod-identity-agent',
      POD_IDENTITY_AGENT_PORT,
      'tcp',
      'credentials',
      'Pod Identity credentials for the controller role',
      ['network-policy'],
    );
    add('eks-api', 'lb-controller', controllerPort, 'tcp', 'webhook', 'Admission webhooks', pod);
    if (bp.exposure === 'cloudfront') {
      add('cloudfront', 'alb', HTTPS_PORT, 'tcp', 'https', 'CloudFront to its origin', [
        'security-group',
        'network-acl',
      ]);
    } else if (bp.edge.scheme === 'internet-facing') {
      add('internet', 'alb', HTTPS_PORT, 'tcp', 'https', 'Clients over HTTPS', [
        'security-group',
        'network-acl',
      ]);
      add(
        'internet',
        'alb',
        80,
        'tcp',
        'http-redirect',
        'Plain HTTP, answered only with a redirect to HTTPS',
        ['security-group', 'network-acl'],
      );
    }
    if (vpn && bp.edge.scheme === 'internal') {
      add('vpn-clients', 'alb', HTTPS_PORT, 'tcp', 'https', 'Administrators reach the internal ALB', [
        'security-group',
        'network-acl',
      ]);
      add(
        'vpn-endpoint',
        'alb',
        HTTPS_PORT,
        'tcp',
        'https',
        'VPN traffic to the internal ALB (after source NAT)',
        ['security-group', 'network-acl'],
      );
    }
  }
  if (vpn) {
    add('vpn-clients', 'eks-api', HTTPS_PORT, 'tcp', 'kubectl', 'Administrators use kubectl over the VPN', [
      'security-group',
      'network-acl',
    ]);
    add('vpn-endpoint', 'eks-api', HTTPS_PORT, 'tcp', 'kubectl', 'VPN kubectl traffic (after source NAT)', [
      'security-group',
      'network-acl',
    ]);
  }
  if (s2s)
    add(
      'on-premises',
      'eks-api',
      HTTPS_PORT,
      'tcp',
      'kubectl',
      'Administrators use kubectl from the corporate network',
      ['security-group', 'network-acl'],
    );

  if (notifier) {
    // Secrets Manager and KMS through the interface endpoints; the webhooks (and SQS and DynamoDB, which have
    // no endpoint by default) through NAT.
    add('notifier', 'aws-endpoints', HTTPS_PORT, 'tcp', 'aws-apis', 'Secrets Manager and KMS APIs', [
      'security-group',
      'network-acl',
    ]);
    add(
      'notifier',
      'internet',
      HTTPS_PORT,
      'tcp',
      'webhooks',
      'Chat and paging webhooks, SQS and DynamoDB APIs (through NAT)',
      ['security-group', 'network-acl'],
    );
  }

  const workloads = [
    'weaviate',
    'ingress-gateway',
    ...(monitoring ? ['prometheus'] : []),
    ...(exposed ? ['lb-controller'] : []),
  ];
  const denials: DenialClaim[] = [
    {
      id: 'internet-to-private-tiers',
      description: 'Nothing on the internet reaches the data or endpoints tiers, on any port',
      from: ['internet'],
      to: ['tier:data', 'tier:endpoints'],
      ports: [],
    },
    {
      id: 'internet-to-weaviate',
      description: 'The internet never reaches Weaviate directly (only through WAF and the load balancer)',
      from: ['internet'],
      to: ['weaviate'],
      ports: [],
    },
    // With network.allowDataTierInternetEgress the data tier reaches the internet through NAT on 443; the
    // claim is dropped rather than reported as broken, and the weakening shows as the flows above.
    ...(bp.network.allowDataTierInternetEgress
      ? []
      : [
          {
            id: 'data-tier-exfiltration',
            description: 'The data tier has no path to the internet',
            from: ['tier:data'],
            to: ['internet'],
            ports: [],
          },
        ]),
    {
      id: 'pods-to-instance-metadata',
      description: 'Pods cannot reach the instance metadata service',
      from: workloads,
      to: ['instance-metadata'],
      ports: [80],
    },
    {
      id: 'other-namespaces-to-weaviate',
      description: 'Pods in other namespaces cannot reach Weaviate',
      from: ['outsider'],
      to: ['weaviate'],
      ports: [],
    },
    {
      id: 'eks-api-from-outside',
      description: 'The Kubernetes API is reachable only inside the VPC and from the VPN',
      from: ['internet'],
      to: ['eks-api'],
      ports: [HTTPS_PORT],
    },
  ];

  return { version: 1, name: bp.name, vpcCidr: bp.network.vpcCidr, subnets, components, flows, denials };
}
