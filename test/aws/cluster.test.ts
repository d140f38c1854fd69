import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import {
  COMPONENT_TAG,
  NODE_GROUP_LABEL,
  NODE_ROLE_LABEL,
  WEAVIATE_NODE_TAINT,
} from '../../src/flows/index.js';
import { resourcesOf, subnetsOfTier, synth, tagsOf, type CfnTemplate } from './synth-helper.js';

const { json, template } = synth();
const ref = (id: string) => ({ Ref: id });

function cluster(t: CfnTemplate) {
  const clusters = resourcesOf(t, 'AWS::EKS::Cluster');
  assert.equal(clusters.length, 1);
  return clusters[0]![1].Properties!;
}

function launchTemplates(t: CfnTemplate) {
  return resourcesOf(t, 'AWS::EC2::LaunchTemplate').map(
    ([id, r]) => [id, r.Properties!.LaunchTemplateData as Record<string, unknown>] as const,
  );
}

describe('cluster: control plane', () => {
  it('exposes the API endpoint privately only', () => {
    const vpc = cluster(json).ResourcesVpcConfig as Record<string, unknown>;
    assert.equal(vpc.EndpointPrivateAccess, true);
    assert.equal(vpc.EndpointPublicAccess, false);
    assert.equal(vpc.PublicAccessCidrs, undefined);
  });

  it('enables all five control-plane log types', () => {
    assert.deepEqual(cluster(json).Logging, {
      ClusterLogging: {
        EnabledTypes: [
          { Type: 'api' },
          { Type: 'audit' },
          { Type: 'authenticator' },
          { Type: 'controllerManager' },
          { Type: 'scheduler' },
        ],
      },
    });
  });

  it('encrypts Kubernetes secrets with the EKS key', () => {
    assert.deepEqual(cluster(json).EncryptionConfig, [
      { Provider: { KeyArn: { 'Fn::GetAtt': ['KeysEksSecretsB21C0EA3', 'Arn'] } }, Resources: ['secrets'] },
    ]);
  });

  it('authenticates with access entries only and gives the deploying principal no implicit admin', () => {
    assert.deepEqual(cluster(json).AccessConfig, {
      AuthenticationMode: 'API',
      BootstrapClusterCreatorAdminPermissions: false,
    });
    assert.equal(cluster(json).BootstrapSelfManagedAddons, false);
    assert.deepEqual(cluster(json).ComputeConfig, { Enabled: false });
  });

  it('runs the blueprint Kubernetes version, named after the blueprint', () => {
    assert.equal(cluster(json).Version, '1.35');
    assert.equal(cluster(json).Name, 'weaviate');
    assert.equal(cluster(synth({ cluster: { kubernetesVersion: '1.34' } }).json).Version, '1.34');
  });

  it('places the control-plane interfaces in the endpoints tier with the generated eks-api group only', () => {
    const vpc = cluster(json).ResourcesVpcConfig as Record<string, unknown>;
    assert.deepEqual(vpc.SubnetIds, subnetsOfTier(json, 'endpoints').map(ref));
    assert.deepEqual(vpc.SecurityGroupIds, [
      { 'Fn::GetAtt': ['NetworkSecurityGroupsEksApi7CE9609F', 'GroupId'] },
    ]);
    assert.equal(
      tagsOf(resourcesOf(json, 'AWS::EKS::Cluster')[0]![1]).get(COMPONENT_TAG),
      'eks-control-plane',
    );
  });

  it('creates its control-plane log group itself, KMS-encrypted and expiring, before the cluster', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/eks/weaviate/cluster',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': ['KeysLogs7981C88C', 'Arn'] },
    });
    const [, eks] = resourcesOf(json, 'AWS::EKS::Cluster')[0]!;
    assert.ok(eks.DependsOn?.includes('EksControlPlaneLogsDB7AEF19'));
    assert.equal(
      resourcesOf(synth({ preset: 'development' }).json, 'AWS::Logs::LogGroup').find(
        ([, r]) => r.Properties!.LogGroupName === '/aws/eks/weaviate/cluster',
      )![1].Properties!.RetentionInDays,
      90,
    );
  });
});

describe('cluster: node groups', () => {
  it('requires IMDSv2 with a hop limit of 1 on every launch template', () => {
    const templates = launchTemplates(json);
    assert.equal(templates.length, 2);
    for (const [id, data] of templates)
      assert.deepEqual(
        data.MetadataOptions,
        {
          HttpEndpoint: 'enabled',
          HttpPutResponseHopLimit: 1,
          HttpTokens: 'required',
          InstanceMetadataTags: 'disabled',
        },
        id,
      );
  });

  it('raises vm.max_map_count at boot on the Weaviate nodes only, in the MIME form managed node groups need', () => {
    const byGroup = new Map(
      launchTemplates(json).map(([id, data]) => [/Nodesweaviate/.test(id) ? 'weaviate' : 'system', data]),
    );
    assert.equal(byGroup.get('system')!.UserData, undefined);
    const userData = byGroup.get('weaviate')!.UserData as {
      'Fn::Base64': { 'Fn::Join': [string, unknown[]] };
    };
    const parts = userData['Fn::Base64']['Fn::Join'][1];
    const mime = parts.filter((p): p is string => typeof p === 'string').join('');
    assert.match(mime, /^Content-Type: multipart\/mixed; boundary=/);
    assert.match(mime, /Content-Type: text\/x-shellscript/);
    const script = parts.find((p): p is { 'Fn::Base64': string } => typeof p === 'object')!['Fn::Base64'];
    assert.equal(
      script,
      "#!/bin/bash\necho 'vm.max_map_count = 524288' > /etc/sysctl.d/90-weaviate.conf\nsysctl --load /etc/sysctl.d/90-weaviate.conf",
    );
  });

  it('encrypts gp3 root volumes with the EBS key, sized per node group', () => {
    const sizes = launchTemplates(json).map(([id, data]) => {
      const [mapping] = data.BlockDeviceMappings as { DeviceName: string; Ebs: Record<string, unknown> }[];
      assert.equal(mapping!.DeviceName, '/dev/xvda', id);
      const { VolumeSize, ...ebs } = mapping!.Ebs;
      assert.deepEqual(
        ebs,
        {
          DeleteOnTermination: true,
          Encrypted: true,
          KmsKeyId: { 'Fn::GetAtt': ['KeysEbs1D0B7FF1', 'Arn'] },
          VolumeType: 'gp3',
        },
        id,
      );
      return VolumeSize;
    });
    assert.deepEqual(sizes.sort(), [100, 50]);
  });

  it('sets no SSH key and no remote access', () => {
    for (const [id, data] of launchTemplates(json)) assert.equal(data.KeyName, undefined, id);
    for (const [id, ng] of resourcesOf(json, 'AWS::EKS::Nodegroup'))
      assert.equal(ng.Properties!.RemoteAccess, undefined, id);
  });

  it("attaches the generated node group's security group, so EKS adds no cluster security group", () => {
    const groups = launchTemplates(json)
      .map(([, data]) => JSON.stringify(data.SecurityGroupIds))
      .sort();
    assert.deepEqual(groups, [
      JSON.stringify([{ 'Fn::GetAtt': ['NetworkSecurityGroupsNodesSystem759D9F40', 'GroupId'] }]),
      JSON.stringify([{ 'Fn::GetAtt': ['NetworkSecurityGroupsNodesWeaviateCD45BC41', 'GroupId'] }]),
    ]);
    for (const [, data] of launchTemplates(json)) assert.equal(data.NetworkInterfaces, undefined);
  });

  it('runs both node groups in the data tier, labelled, with the Weaviate group tainted', () => {
    const dataSubnets = subnetsOfTier(json, 'data').map(ref);
    const groups: Record<string, Record<string, unknown>> = Object.fromEntries(
      resourcesOf(json, 'AWS::EKS::Nodegroup').map(([, r]) => [
        String(r.Properties!.NodegroupName),
        r.Properties!,
      ]),
    );
    assert.deepEqual(Object.keys(groups).sort(), ['system', 'weaviate']);
    for (const [name, props] of Object.entries(groups)) {
      assert.deepEqual(props.Subnets, dataSubnets, name);
      assert.deepEqual(props.Labels, { [NODE_GROUP_LABEL]: name, [NODE_ROLE_LABEL]: name }, name);
      assert.equal(props.AmiType, 'AL2023_x86_64_STANDARD');
    }
    assert.deepEqual(groups.weaviate!.Taints, [
      { Key: 'dedicated', Value: 'weaviate', Effect: 'NO_SCHEDULE' },
    ]);
    assert.deepEqual(groups.system!.Taints, []);
    assert.deepEqual(WEAVIATE_NODE_TAINT, { key: 'dedicated', value: 'weaviate', effect: 'NoSchedule' });
    assert.deepEqual(groups.weaviate!.ScalingConfig, { DesiredSize: 3, MaxSize: 6, MinSize: 3 });
  });

  it('allowPodInstanceMetadata raises the hop limit to 2', () => {
    const weak = synth({ cluster: { allowPodInstanceMetadata: true } });
    for (const [, data] of launchTemplates(weak.json))
      assert.equal((data.MetadataOptions as Record<string, unknown>).HttpPutResponseHopLimit, 2);
  });
});

describe('cluster: add-ons', () => {
  const addons = Object.fromEntries(
    resourcesOf(json, 'AWS::EKS::Addon').map(([, r]) => [r.Properties!.AddonName, r] as const),
  );

  it('installs vpc-cni, kube-proxy, the Pod Identity agent, CoreDNS, the EBS and Secrets Store CSI drivers and the GuardDuty agent as managed add-ons', () => {
    assert.deepEqual(Object.keys(addons).sort(), [
      'aws-ebs-csi-driver',
      'aws-guardduty-agent',
      'aws-secrets-store-csi-driver-provider',
      'coredns',
      'eks-pod-identity-agent',
      'kube-proxy',
      'vpc-cni',
    ]);
  });

  it('enables NetworkPolicy enforcement in the vpc-cni add-on', () => {
    assert.deepEqual(JSON.parse(String(addons['vpc-cni']!.Properties!.ConfigurationValues)), {
      enableNetworkPolicy: 'true',
    });
  });

  it('gives the VPC CNI its own Pod Identity role and keeps the CNI policy off the node roles', () => {
    const [association] = addons['vpc-cni']!.Properties!.PodIdentityAssociations as {
      RoleArn: { 'Fn::GetAtt': [string, string] };
      ServiceAccount: string;
    }[];
    assert.equal(association!.ServiceAccount, 'aws-node');
    const roleId = association!.RoleArn['Fn::GetAtt'][0];
    const policyNames = (id: string) =>
      (json.Resources[id]!.Properties!.ManagedPolicyArns as { 'Fn::Join': [string, string[]] }[]).map((p) =>
        String(p['Fn::Join'][1].at(-1)).split('/').at(-1),
      );
    assert.deepEqual(policyNames(roleId), ['AmazonEKS_CNI_Policy']);
    const trust = json.Resources[roleId]!.Properties!.AssumeRolePolicyDocument as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    assert.equal(
      trust.Statement[0]!.Condition.StringEquals['aws:RequestTag/kubernetes-service-account'],
      'aws-node',
    );
    const nodeRoles = resourcesOf(json, 'AWS::EKS::Nodegroup').map(
      ([, r]) => (r.Properties!.NodeRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
    );
    assert.equal(nodeRoles.length, 2);
    for (const id of nodeRoles)
      assert.deepEqual(policyNames(id).sort(), [
        'AmazonEC2ContainerRegistryReadOnly',
        'AmazonEKSWorkerNodePolicy',
        'AmazonSSMManagedInstanceCore',
      ]);
  });

  it('gives the EBS CSI driver its own Pod Identity role, with the EBS key through EC2 only', () => {
    assert.deepEqual(addons['aws-ebs-csi-driver']!.Properties!.PodIdentityAssociations, [
      {
        RoleArn: { 'Fn::GetAtt': ['EksAddonsEbsCsiDriverIdentityRoleF2E6E0A5', 'Arn'] },
        ServiceAccount: 'ebs-csi-controller-sa',
      },
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': '111111111111',
                'aws:RequestTag/eks-cluster-name': 'weaviate',
                'aws:RequestTag/kubernetes-namespace': 'kube-system',
                'aws:RequestTag/kubernetes-service-account': 'ebs-csi-controller-sa',
              },
            },
          },
        ],
      },
      ManagedPolicyArns: Match.arrayWith([
        Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([':iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy'])],
        }),
      ]),
    });
  });

  it('lets the EBS CSI node plugin run on the tainted Weaviate nodes', () => {
    const config = JSON.parse(String(addons['aws-ebs-csi-driver']!.Properties!.ConfigurationValues));
    assert.deepEqual(config.node.tolerations[0], {
      key: 'dedicated',
      operator: 'Equal',
      value: 'weaviate',
      effect: 'NoSchedule',
    });
  });

  it('orders networking add-ons before the nodes and CoreDNS and the CSI driver after them', () => {
    for (const [, ng] of resourcesOf(json, 'AWS::EKS::Nodegroup'))
      assert.deepEqual(ng.DependsOn?.sort(), [
        'EksAddonsKubeProxyA955CA75',
        'EksAddonsPodIdentityAgentA0FE0CE3',
        'EksAddonsVpcCni32013DCF',
      ]);
    for (const name of ['coredns', 'aws-ebs-csi-driver'])
      assert.ok(addons[name]!.DependsOn!.includes('EksClusterNodegroupWeaviate0AC5CA30'), name);
  });
});

describe('cluster: kubectl handler and access', () => {
  const functions = resourcesOf(json, 'AWS::Lambda::Function').filter(([id]) =>
    id.startsWith('EksClusterKubectlProvider'),
  );

  it('runs the kubectl handler and its provider in the application tier with the kubectl-handler group', () => {
    assert.equal(functions.length, 2);
    for (const [id, fn] of functions) {
      assert.deepEqual(
        fn.Properties!.VpcConfig,
        {
          SecurityGroupIds: [{ 'Fn::GetAtt': ['NetworkSecurityGroupsKubectlHandlerED142E78', 'GroupId'] }],
          SubnetIds: subnetsOfTier(json, 'application').map(ref),
        },
        id,
      );
      assert.equal(tagsOf(fn).get(COMPONENT_TAG), 'kubectl-handler', id);
    }
  });

  it('logs the handler to a KMS-encrypted log group', () => {
    for (const [id, fn] of functions)
      assert.deepEqual(
        (fn.Properties!.LoggingConfig as Record<string, unknown>).LogGroup,
        ref('EksKubectlHandlerLogsBB15A50E'),
        id,
      );
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vectorfort/weaviate/kubectl-handler',
      KmsKeyId: { 'Fn::GetAtt': ['KeysLogs7981C88C', 'Arn'] },
    });
  });

  it('gives cluster access by default to the handler role, the two MFA administrator roles and the key rotation only', () => {
    const entries = resourcesOf(json, 'AWS::EKS::AccessEntry').map(([, r]) => {
      const policies = (r.Properties!.AccessPolicies ?? []) as {
        AccessScope: unknown;
        PolicyArn: { 'Fn::Join': [string, unknown[]] };
      }[];
      return [
        (r.Properties!.PrincipalArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
        policies.map((p) => [p.AccessScope, String(p.PolicyArn['Fn::Join'][1].at(-1)).split('/').at(-1)]),
        r.Properties!.KubernetesGroups ?? [],
      ];
    });
    // Exactly these principals, each with exactly one cluster-wide policy: the read-only role stays read-only; the
    // key rotation has no access policy, only the group its namespaced Role is bound to.
    assert.deepEqual(
      entries.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['AdminRolesAdminD5D4BE9D', [[{ Type: 'cluster' }, 'AmazonEKSClusterAdminPolicy']], []],
        ['AdminRolesReadOnly0EF5A02D', [[{ Type: 'cluster' }, 'AmazonEKSViewPolicy']], []],
        [
          'EksClusterKubectlProviderHandlerServiceRole2B48112A',
          [[{ Type: 'cluster' }, 'AmazonEKSClusterAdminPolicy']],
          [],
        ],
        ['EksWeaviateApiKeysRoleD419C1AA', [], ['vectorfort:api-key-rollout']],
      ],
    );
  });

  it('adds cluster.accessEntries with their policy and namespace scope', () => {
    const extra = synth({
      cluster: {
        accessEntries: [
          {
            principalArn: 'arn:aws:iam::111111111111:role/ops',
            accessPolicy: 'view',
            namespaces: ['weaviate'],
          },
        ],
      },
    });
    extra.template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: 'arn:aws:iam::111111111111:role/ops',
      AccessPolicies: [
        {
          AccessScope: { Type: 'namespace', Namespaces: ['weaviate'] },
          PolicyArn: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSViewPolicy'],
            ],
          },
        },
      ],
    });
  });

  it('allowPublicEndpoint opens the endpoint to publicAccessCidrs only', () => {
    const open = synth({ cluster: { allowPublicEndpoint: true, publicAccessCidrs: ['203.0.113.0/24'] } });
    const vpc = cluster(open.json).ResourcesVpcConfig as Record<string, unknown>;
    assert.equal(vpc.EndpointPublicAccess, true);
    assert.equal(vpc.EndpointPrivateAccess, true);
    assert.deepEqual(vpc.PublicAccessCidrs, ['203.0.113.0/24']);
  });
});
