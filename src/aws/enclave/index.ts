/**
 * The enclave part of the stack (`enclave.enabled`): the IPv6 egress to the control plane, the operator model
 * and the tenant's ownership of every key. The network itself is built sealed by network.ts (no internet
 * gateway, no NAT); this adds only what the enclave opens, and what it closes to the vendor.
 */
import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EnclaveConfig } from '../../blueprint/enclave.js';
import { TAG_ENCLAVE } from '../../contract/keys.js';
import { ValidationError } from '../errors.js';
import type { FlowSpec } from '../../flows/index.js';
import type { Network } from '../network.js';
import { EnclaveIpv6 } from './ipv6-egress.js';
import { OperatorAccess } from './operator-access.js';

export { TENANT_OWNED_ACTIONS } from './operator-access.js';

/** Key actions no vendor principal may take, whatever its own policies say. */
export const KEY_OWNERSHIP_ACTIONS = [
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:TagResource',
  'kms:UntagResource',
] as const;

export interface EnclaveProps {
  readonly name: string;
  readonly config: EnclaveConfig;
  readonly flowSpec: FlowSpec;
  readonly network: Network;
  readonly cluster: eks.ICluster;
  readonly clusterName: string;
  /** Every customer-managed key of the stack: each gets the statement that keeps it the tenant's. */
  readonly keys: readonly kms.Key[];
  /** The notifier, whose webhooks are the control plane's in an enclave (IPv6 egress). @default - none */
  readonly notifier?: lambda.IFunction;
  /** @default - no session alerts (alerting off) */
  readonly alertTopic?: sns.ITopic;
}

export class Enclave extends Construct {
  readonly ipv6: EnclaveIpv6;
  readonly operatorAccess: OperatorAccess;
  private readonly vendorAccount: string;

  constructor(scope: Construct, id: string, props: EnclaveProps) {
    super(scope, id);
    const { network } = props;
    const { vpc, networkAcls } = network;
    if (!(vpc instanceof ec2.Vpc) || !networkAcls)
      throw new ValidationError(
        'enclave-needs-own-vpc',
        'an enclave builds its own sealed VPC and network ACLs; it cannot run in an existing VPC',
        this,
      );
    Tags.of(vpc).add(TAG_ENCLAVE, props.name);
    this.ipv6 = new EnclaveIpv6(this, 'Ipv6', {
      vpc,
      flowSpec: props.flowSpec,
      securityGroups: network.securityGroups,
      networkAcls,
      tierSubnets: {
        application: network.vpc.selectSubnets(network.subnets('application')).subnets,
        data: network.vpc.selectSubnets(network.subnets('data')).subnets,
      },
    });
    const { vendorAccount, externalId } = props.config.operator;
    // The blueprint rules require both in an enclave; a construct used directly must be given them too.
    if (!vendorAccount || !externalId)
      throw new Error('the enclave needs enclave.operator.vendorAccount and enclave.operator.externalId');
    this.operatorAccess = new OperatorAccess(this, 'Operators', {
      enclaveName: props.name,
      vendorAccount,
      externalId,
      grants: props.config.operator.grants,
      cluster: props.cluster,
      clusterName: props.clusterName,
      alertTopic: props.alertTopic,
    });
    this.vendorAccount = vendorAccount;
    for (const key of props.keys) this.keepTenantKey(key);
    const fn = props.notifier?.node.defaultChild;
    if (fn instanceof lambda.CfnFunction) fn.addPropertyOverride('VpcConfig.Ipv6AllowedForDualStack', true);
  }

  /** Makes a key created after the enclave (the log archive's) the tenant's like the others. */
  keepTenantKey(key: kms.Key): void {
    for (const statement of this.tenantOwnsKey(this.vendorAccount)) key.addToResourcePolicy(statement);
  }

  /**
   * Denies the vendor's account, and every role of the operator model (sessions in the tenant's account), the
   * actions that would make a key theirs. A deny in the key policy holds whatever the vendor's own policies or
   * a later boundary say.
   */
  private tenantOwnsKey(vendorAccount: string): iam.PolicyStatement[] {
    const roles = [this.operatorAccess.provisionerRole, ...this.operatorAccess.grantRoles].map(
      (r) => r.roleArn,
    );
    const deny = (sid: string, conditions: Record<string, unknown>) =>
      new iam.PolicyStatement({
        sid,
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...KEY_OWNERSHIP_ACTIONS],
        resources: ['*'],
        conditions,
      });
    return [
      deny('TenantOwnsThisKeyNotTheVendorAccount', {
        StringEquals: { 'aws:PrincipalAccount': vendorAccount },
      }),
      deny('TenantOwnsThisKeyNotTheOperatorRoles', { ArnEquals: { 'aws:PrincipalArn': roles } }),
    ];
  }
}
