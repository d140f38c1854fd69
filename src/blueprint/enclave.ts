/**
 * The enclave: Weaviate run by a vendor inside the tenant's account with no inbound path, no NAT and no public
 * IPv4 address. Hosts reach AWS through the VPC endpoints and one configured control plane over IPv6 (through
 * an egress-only internet gateway), by mutual TLS; the vendor provisions through one role the tenant hands out
 * with an external ID and a permissions boundary, and people get in only through time-boxed grants.
 */
import { z } from 'zod';
import { parseCidr } from '../contract/cidr.js';
import { iamDescriptionText, iamPrincipalArn } from './formats.js';

/** An IPv6 network in CIDR notation, host bits clear (`2001:db8:1::/48`). */
export const cidrV6 = z
  .string()
  .refine(
    (value) => parseCidr(value)?.version === 6,
    'an IPv6 network in CIDR notation such as 2001:db8::/48',
  );

const hostname = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a DNS host name such as cp.vendor.example',
  );

/** RFC 3339 UTC time to the second (`2027-01-31T18:00:00Z`), the form `aws:CurrentTime` compares. */
export const grantTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'a UTC time such as 2027-01-31T18:00:00Z')
  // Date.parse rolls 2027-02-31 over into March: only a time that reads back the same is a calendar time.
  .refine(
    (t) => !Number.isNaN(Date.parse(t)) && new Date(t).toISOString() === t.replace('Z', '.000Z'),
    'a valid calendar time',
  );

export const enclaveGrantSchema = z.strictObject({
  principalArn: iamPrincipalArn.describe('The person or role the tenant lets in (an ARN, any account).'),
  until: grantTime.describe(
    'When the grant ends (UTC, `YYYY-MM-DDThh:mm:ssZ`): IAM refuses the role after it and a scheduled ' +
      'function deletes the EKS access entry.',
  ),
  reason: iamDescriptionText
    .trim()
    .min(10)
    .describe('Why access was granted (an incident, a ticket), for the audit.'),
});
export type EnclaveGrant = z.infer<typeof enclaveGrantSchema>;

export const enclaveSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Build an enclave (the `enclave` preset turns it on): a dual-stack VPC with no NAT and no public IPv4, ' +
        'IPv6 egress only through an egress-only internet gateway and only to the control plane, an EKS ' +
        'cluster with IPv4 pods in it (docs/enclave.md says why), a provisioner role for the vendor and time-boxed grants.',
    ),
  controlPlane: z
    .strictObject({
      hostnames: z
        .array(hostname)
        .default([])
        .describe('Host names of the control plane the enclave dials out to (mutual TLS); one at least.'),
      ports: z
        .array(z.number().int().min(1).max(65535))
        .default([443])
        .describe('TCP ports of the control plane.'),
      ipv6Cidrs: z
        .array(cidrV6)
        .default([])
        .describe(
          "The control plane's IPv6 ranges (the only internet destinations the security groups and network " +
            'ACLs admit); one at least, each global unicast (in 2000::/3, not 6to4, Teredo, NAT64, documentation ' +
            'or another special-purpose block).',
        ),
    })
    .prefault({})
    .describe('The one place on the internet the enclave talks to, outbound only, by mutual TLS.'),
  operator: z
    .strictObject({
      vendorAccount: z
        .string()
        .regex(/^\d{12}$/, 'a 12-digit AWS account id')
        .optional()
        .describe(
          "The vendor's AWS account, which assumes the provisioner role (required with the enclave).",
        ),
      externalId: z
        .string()
        .regex(/^[\w+=,.@:/-]{2,1224}$/, 'an external ID of 2–1224 characters (letters, digits, +=,.@:/-_)')
        .optional()
        .describe(
          'The external ID the vendor must present to assume the provisioner role (required with the enclave; ' +
            'unique per tenant, against the confused deputy).',
        ),
      grants: z
        .array(enclaveGrantSchema)
        .max(20)
        .default([])
        .describe(
          'Time-boxed access for named principals (`vectorfort grant open|close|list` edits this list). Empty: ' +
            'no person has access.',
        ),
    })
    .prefault({})
    .describe(
      'Who operates the enclave: the vendor through the provisioner role, people only through grants.',
    ),
});
export type EnclaveConfig = z.infer<typeof enclaveSchema>;
