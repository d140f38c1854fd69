/**
 * The StorageClass of Weaviate's volumes: gp3, encrypted with the stack's EBS key (named by its alias ARN, which
 * the EBS CSI driver accepts, so the plain manifest needs no CloudFormation token), created in the zone of the
 * pod that claims it, expandable, and retained when the claim goes away.
 */
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1';
import type { RenderContext } from '../context.js';

export const STORAGE_CLASS = 'weaviate-gp3-encrypted';
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

export function storageClass(ctx: RenderContext): StorageClass {
  return new StorageClass({
    metadata: { name: STORAGE_CLASS, labels: { ...ctx.commonLabels } },
    provisioner: EBS_CSI_PROVISIONER,
    parameters: {
      type: 'gp3',
      encrypted: 'true',
      kmsKeyId: ctx.aws.keyAliasArn.ebs,
      'csi.storage.k8s.io/fstype': 'ext4',
    },
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: 'Retain',
  });
}
