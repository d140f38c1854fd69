/** Well-known addresses and ports the flow spec and the charts both name. */

export const INSTANCE_METADATA_CIDR = '169.254.169.254/32';
export const POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';
export const POD_IDENTITY_AGENT_PORT = 80;
export const KUBELET_PORT = 10250;
export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
export const DNS_PORT = 53;
