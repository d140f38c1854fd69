/**
 * Acknowledgements: a reviewed, reasoned exception to one control on one resource. The finding keeps its
 * status (`fail`) and carries the reason; it no longer fails the run. Both forms name one control id and give
 * a reason of at least 10 characters:
 *
 * - Kubernetes: annotation `vectorfort.dev/acknowledge` on the object, a JSON object
 *   `{"VF-K8S-012": "reason"}`.
 * - CloudFormation: resource Metadata `{"vectorfort": {"acknowledge": {"VF-EKS-003": "reason"}}}`.
 */
export const K8S_ACK_ANNOTATION = 'vectorfort.dev/acknowledge';
export const CFN_ACK_METADATA_KEY = 'vectorfort';
export const MIN_ACK_REASON_LENGTH = 10;
