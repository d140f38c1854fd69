/** The eks controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as accessEntries } from './access-entries.js';
import { control as controlPlaneLogging } from './control-plane-logging.js';
import { control as endpointNoPublicAccess } from './endpoint-no-public-access.js';
import { control as endpointRestricted } from './endpoint-restricted.js';
import { control as instanceEbsEncrypted } from './instance-ebs-encrypted.js';
import { control as instanceImdsv2 } from './instance-imdsv2.js';
import { control as launchConfigurationEbsEncrypted } from './launch-configuration-ebs-encrypted.js';
import { control as launchConfigurationImdsv2 } from './launch-configuration-imdsv2.js';
import { control as launchTemplateEbsEncrypted } from './launch-template-ebs-encrypted.js';
import { control as launchTemplateHopLimit } from './launch-template-hop-limit.js';
import { control as launchTemplateImdsv2 } from './launch-template-imdsv2.js';
import { control as launchTemplateNoPublicIp } from './launch-template-no-public-ip.js';
import { control as noCreatorAdmin } from './no-creator-admin.js';
import { control as nodegroupLaunchTemplate } from './nodegroup-launch-template.js';
import { control as nodegroupNoRemoteAccess } from './nodegroup-no-remote-access.js';
import { control as nodegroupPrivateSubnets } from './nodegroup-private-subnets.js';
import { control as podIdentityAgent } from './pod-identity-agent.js';
import { control as secretsEncryption } from './secrets-encryption.js';
import { control as supportedVersion } from './supported-version.js';
import { control as vpcCniNetworkPolicy } from './vpc-cni-network-policy.js';
import { control as vpcCniOwnRole } from './vpc-cni-own-role.js';

export const controls: readonly Control[] = [
  endpointNoPublicAccess,
  endpointRestricted,
  secretsEncryption,
  controlPlaneLogging,
  accessEntries,
  noCreatorAdmin,
  supportedVersion,
  nodegroupNoRemoteAccess,
  nodegroupPrivateSubnets,
  launchTemplateImdsv2,
  launchTemplateHopLimit,
  launchTemplateEbsEncrypted,
  launchTemplateNoPublicIp,
  vpcCniNetworkPolicy,
  podIdentityAgent,
  nodegroupLaunchTemplate,
  instanceImdsv2,
  vpcCniOwnRole,
  launchConfigurationImdsv2,
  launchConfigurationEbsEncrypted,
  instanceEbsEncrypted,
];
