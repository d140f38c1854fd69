/**
 * The names both sides agree on: the constructs write these tags, labels, annotations and metadata keys, and the
 * verifier reads them back from anyone's templates and manifests. Part of the contract module, so it imports
 * nothing of ours.
 */

/** AWS tag: the blueprint a resource was synthesized from. */
export const TAG_BLUEPRINT = 'vectorfort:blueprint';
/** AWS tag: the subnet tier (public, application, data, endpoints) of a subnet or network ACL. */
export const TAG_TIER = 'vectorfort:tier';
/** AWS tag: the flow-spec component a resource plays. */
export const TAG_COMPONENT = 'vectorfort:component';
/** AWS tag: the data classification of a bucket (`backups`, …). */
export const TAG_DATA_CLASSIFICATION = 'vectorfort:data-classification';
/**
 * AWS tag: the key prefix a backup bucket holds the backups under (`weaviate/`), so that replication rules can
 * be checked for covering it.
 */
export const TAG_BACKUP_PREFIX = 'vectorfort:backup-prefix';
/**
 * AWS tag: the days between rotations a rotated secret is meant to have (the blueprint's interval), which its
 * rotation schedule must not exceed.
 */
export const TAG_ROTATION_DAYS = 'vectorfort:rotation-days';
/** AWS tag: how many entries of the network ACL quota a generated ACL uses. */
export const TAG_NACL_QUOTA = 'vectorfort:naclQuota';

/** Template Metadata key under which synthesized stacks carry their flow spec. */
export const METADATA_FLOW_SPEC = 'vectorfort:flowSpec';
/** CloudFormation resource Metadata key holding `{ acknowledge: { <control id>: <reason> } }`. */
export const METADATA_VECTORFORT = 'vectorfort';

/** Kubernetes annotation: acknowledgements of one object, a JSON object `{ <control id>: <reason> }`. */
export const ANNOTATION_ACKNOWLEDGE = 'vectorfort.dev/acknowledge';
/** Kubernetes annotation: the flow-spec flow a generated policy implements. */
export const ANNOTATION_FLOW = 'vectorfort.dev/flow';
/** Kubernetes annotation: the human description of that flow. */
export const ANNOTATION_DESCRIPTION = 'vectorfort.dev/description';
/** Kubernetes label: the node group of a node. */
export const LABEL_NODE_GROUP = 'vectorfort.dev/node-group';
/** Kubernetes label: the role of a node group. */
export const LABEL_NODE_ROLE = 'vectorfort.dev/node-role';
/** Kubernetes label: marks the Service Prometheus scrapes Weaviate's metrics from. */
export const LABEL_METRICS = 'vectorfort.dev/metrics';

/** The `source` of the JSON message our Alertmanager configuration publishes (the notifier recognises it). */
export const ALERTMANAGER_MESSAGE_SOURCE = 'vectorfort.alertmanager';

/** AWS tag: the enclave a resource belongs to; the provisioner's permissions boundary admits only these. */
export const TAG_ENCLAVE = 'vectorfort:enclave';
/** AWS tag: an enclave role's part (`provisioner`, `grant`), read by the enclave controls. */
export const TAG_ENCLAVE_ROLE = 'vectorfort:enclave-role';
