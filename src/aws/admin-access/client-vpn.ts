/**
 * AWS Client VPN for administrators: the only way a human reaches the private cluster API.
 *
 * - Mutual TLS: every client presents a certificate issued by the client root CA (ACM); SAML federation with
 *   the organisation's IdP is added on top when `samlProviderArn` is set, and then authorization rules are per
 *   IdP group.
 * - Authorization rules name only the endpoints tier (where the API's network interfaces live), and the
 *   application tier when an internal load balancer is there; never the whole VPC.
 * - Split tunnel: only the VPC's routes go through the VPN; the VPC resolver is the clients' DNS server, so the
 *   private API name resolves.
 * - Connection logs to a KMS-encrypted log group; sessions end after `sessionTimeoutHours`.
 * - The endpoint's network interfaces carry the `vpn-endpoint` security group from the flow spec. Client VPN
 *   translates client addresses to those interfaces (source NAT), so the cluster API admits the group.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { COMPONENT_TAG } from '../../flows/index.js';
import { logGroupEncryptionStatement } from '../private/kms-statements.js';

export interface AdminVpnProps {
  readonly vpc: ec2.IVpc;
  /**
   * Tags for the endpoint itself, which takes tags only through TagSpecifications (CDK's tag aspect does not
   * fill them). @default - only the component tag
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Subnets the endpoint associates with (the application tier). */
  readonly subnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  /** Address range of the clients (must not overlap the VPC). */
  readonly clientCidr: string;
  readonly serverCertificateArn: string;
  readonly clientRootCertificateArn: string;
  /** @default - mutual TLS only */
  readonly samlProviderArn?: string;
  /** IdP groups allowed in; empty means every authenticated client. @default [] */
  readonly authorizedGroups?: readonly string[];
  /** Destinations clients may reach (CIDRs inside the VPC). */
  readonly authorizedCidrs: readonly string[];
  /** DNS servers pushed to clients (the VPC resolver). */
  readonly dnsServers: readonly string[];
  /** @default 8 */
  readonly sessionTimeoutHours?: 8 | 10 | 12 | 24;
  /** @default true */
  readonly splitTunnel?: boolean;
  readonly logsKey: kms.IKey;
  readonly logGroupName: string;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

export class AdminVpn extends Construct {
  readonly endpoint: ec2.ClientVpnEndpoint;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AdminVpnProps) {
    super(scope, id);
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, props.logGroupName));
    this.logGroup = new logs.LogGroup(this, 'ConnectionLogs', {
      logGroupName: props.logGroupName,
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    const saml = props.samlProviderArn
      ? iam.SamlProvider.fromSamlProviderArn(this, 'Idp', props.samlProviderArn)
      : undefined;
    this.endpoint = new ec2.ClientVpnEndpoint(this, 'Endpoint', {
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      description: 'vectorfort administrators (mutual TLS)',
      cidr: props.clientCidr,
      serverCertificateArn: props.serverCertificateArn,
      clientCertificateArn: props.clientRootCertificateArn,
      userBasedAuthentication: saml ? ec2.ClientVpnUserBasedAuthentication.federated(saml) : undefined,
      securityGroups: [props.securityGroup],
      splitTunnel: props.splitTunnel ?? true,
      dnsServers: [...props.dnsServers],
      logging: true,
      logGroup: this.logGroup,
      sessionTimeout: (props.sessionTimeoutHours ?? 8) as ec2.ClientVpnSessionTimeout,
      disconnectOnSessionTimeout: true,
      authorizeAllUsersToVpcCidr: false,
      selfServicePortal: false,
      transportProtocol: ec2.TransportProtocol.UDP,
      port: ec2.VpnPort.HTTPS,
      clientLoginBanner:
        'Authorized administrators of this Weaviate deployment only. Connections are logged.',
    });
    // The endpoint takes tags only through TagSpecifications, which CDK's tag aspect does not fill.
    (this.endpoint.node.defaultChild as ec2.CfnClientVpnEndpoint).tagSpecifications = [
      {
        resourceType: 'client-vpn-endpoint',
        tags: [
          ...Object.entries(props.tags ?? {})
            .filter(([key]) => key !== COMPONENT_TAG)
            .map(([key, value]) => ({ key, value })),
          { key: COMPONENT_TAG, value: 'client-vpn' },
        ],
      },
    ];
    const groups = props.authorizedGroups?.length ? props.authorizedGroups : [undefined];
    for (const [c, cidr] of props.authorizedCidrs.entries())
      for (const [g, groupId] of groups.entries())
        this.endpoint.addAuthorizationRule(`Authorize${c}-${g}`, {
          cidr,
          groupId,
          description: groupId
            ? `IdP group ${groupId} to ${cidr}`
            : `authenticated administrators to ${cidr}`,
        });
  }
}
