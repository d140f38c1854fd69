/** EKS clusters: endpoint access, secrets encryption, control-plane logging, authentication mode. */
import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { Unknown, type SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { defined, emptyOutput, type ReaderOutput } from '../live.js';

export async function readClusters(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<EKSClient>('eks');
  await Promise.all(
    names.map(async (name) => {
      const described = await session.call(
        OPS.describeCluster,
        () => client.send(new DescribeClusterCommand({ name })),
        {
          subject: name,
        },
      );
      const c = described.ok ? described.value?.cluster : undefined;
      if (!c) {
        output.notRead.push({
          type: 'AWS::EKS::Cluster',
          physicalIds: [name],
          reason: described.ok ? 'the cluster was not found' : described.failure.message,
          record: described.record,
        });
        return;
      }
      const vpc = c.resourcesVpcConfig ?? {};
      const enabledTypes = (c.logging?.clusterLogging ?? [])
        .filter((l) => l.enabled)
        .flatMap((l) => l.types ?? [])
        .map((Type) => ({ Type }));
      const properties: Record<string, SymbolicValue> = defined({
        Name: c.name,
        Version: c.version,
        RoleArn: c.roleArn,
        ResourcesVpcConfig: defined({
          SubnetIds: vpc.subnetIds ?? [],
          SecurityGroupIds: vpc.securityGroupIds ?? [],
          // AWS states both flags; an answer without them does not say (EKS's own default is a public endpoint).
          EndpointPublicAccess:
            vpc.endpointPublicAccess ?? new Unknown('the live API did not state endpointPublicAccess'),
          EndpointPrivateAccess:
            vpc.endpointPrivateAccess ?? new Unknown('the live API did not state endpointPrivateAccess'),
          PublicAccessCidrs: vpc.publicAccessCidrs,
        }),
        EncryptionConfig: c.encryptionConfig?.map((e) =>
          defined({ Provider: defined({ KeyArn: e.provider?.keyArn }), Resources: e.resources }),
        ),
        Logging: { ClusterLogging: { EnabledTypes: enabledTypes } },
        AccessConfig: c.accessConfig?.authenticationMode
          ? {
              AuthenticationMode: c.accessConfig.authenticationMode,
              // Only applies at creation and is not reported afterwards.
              BootstrapClusterCreatorAdminPermissions: new Unknown('the live API does not report it'),
            }
          : new Unknown('the live API did not state the access configuration'),
      });
      output.resources.push({
        type: 'AWS::EKS::Cluster',
        physicalId: name,
        ...(c.arn ? { arn: c.arn } : {}),
        ...(vpc.vpcId ? { vpcId: vpc.vpcId } : {}),
        properties,
        calls: [described.record],
      });
    }),
  );
  return output;
}
