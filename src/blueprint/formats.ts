/**
 * String formats of the values the blueprint hands to AWS and Kubernetes, checked against the grammar those
 * services enforce, so a bad value fails here with its path instead of at deploy time (or silently widening
 * a policy). Messages read as what was expected; the loader adds what it got.
 */
import { z } from 'zod';
import { parseCidr } from './cidr.js';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/;

/** Why `value` is not an IPv4 network address in CIDR notation, or undefined when it is one. */
function cidrProblem(value: string): string | undefined {
  const octets = value.split('/')[0]!.split('.');
  if (octets.some((o) => Number(o) > 255)) return 'an IPv4 CIDR with octets 0–255';
  // 010 reads as octal to some parsers and decimal to others; AWS rejects it.
  if (octets.some((o) => o.length > 1 && o.startsWith('0'))) return 'an IPv4 CIDR without leading zeros';
  const cidr = parseCidr(value)!;
  const network = [24, 16, 8, 0].map((s) => (cidr.base >>> s) & 255).join('.');
  const address = `${network}/${cidr.prefix}`;
  return address === value ? undefined : `the network address ${address} (host bits are set)`;
}

export const cidrV4 = z
  .string()
  .regex(IPV4_CIDR, 'an IPv4 CIDR such as 10.0.0.0/16')
  .superRefine((value, ctx) => {
    if (!IPV4_CIDR.test(value)) return;
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Characters AWS allows in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
export const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** Prefixes of tags AWS (`aws:`) and vectorfort (`vectorfort:`, read back by the verifier) write. */
const RESERVED_TAG_PREFIXES = ['aws:', 'vectorfort:'] as const;
/** AWS allows 50 tags per resource; vectorfort adds up to five of its own (blueprint, component, Name, tier, quota). */
export const MAX_USER_TAGS = 45;

export const awsTags = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .regex(TAG_TEXT, 'a tag key of letters, digits, spaces and _ . : / = + - @')
      .refine(
        (key) => !RESERVED_TAG_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)),
        `a tag key that does not start with ${RESERVED_TAG_PREFIXES.join(' or ')} (reserved for AWS and vectorfort)`,
      ),
    z.string().max(256).regex(TAG_TEXT, 'a tag value of letters, digits, spaces and _ . : / = + - @'),
  )
  .refine(
    (tags) => Object.keys(tags).length <= MAX_USER_TAGS,
    `at most ${MAX_USER_TAGS} tags (AWS allows 50 per resource and vectorfort adds up to 5)`,
  );

/** A DNS-1123 subdomain: dot-separated lower-case labels, at most 253 characters. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a label key, and a non-empty label value: alphanumeric at both ends, `-_.` inside. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why `key` is not a Kubernetes label key (`[prefix/]name`), or undefined when it is one. */
function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  if (prefix !== undefined && !(prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)))
    return 'a label key whose prefix is a DNS subdomain (lower-case, at most 253 characters) such as app.kubernetes.io/name';
  if (!(name.length <= 63 && LABEL_NAME.test(name)))
    return 'a label key whose name is 1–63 letters, digits and - _ . starting and ending alphanumeric';
  return undefined;
}

export const k8sLabels = z.record(
  z.string().superRefine((key, ctx) => {
    const problem = labelKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  z
    .string()
    .max(63)
    .regex(
      /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/,
      'a label value of letters, digits and - _ . starting and ending alphanumeric',
    ),
);

/** A Secrets Manager secret name: 1–512 of letters, digits and `/ _ + = . @ -`. */
export const secretName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9/_+=.@-]+$/, 'a secret name of letters, digits and / _ + = . @ -')
  .refine(
    (name) => !/-[A-Za-z0-9]{6}$/.test(name),
    // Secrets Manager ends every ARN with a hyphen and six random characters.
    'a secret name that does not end in a hyphen and six characters, which reads as the random suffix of a secret ARN',
  );

/** An S3 key prefix written into an IAM policy: a wildcard or a leading slash would change what it grants. */
export const s3KeyPrefix = z
  .string()
  .refine((p) => !/[*?]/.test(p), {
    message: "a prefix without wildcards (* or ?), which would widen the backup role's IAM policy",
    abort: true,
  })
  .refine((p) => !p.startsWith('/'), { message: 'a prefix without a leading slash', abort: true })
  // S3 would also take ! ' ( ), but the stack declares the prefix in a tag (vectorfort:backup-prefix, which the
  // verifier reads) and tag values cannot hold them.
  .regex(
    /^[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/,
    'an S3 key prefix of letters, digits and _ . -, with single slashes between segments and none at the end',
  );

/** A name Weaviate reads from a comma-separated setting, where a comma would add another entry. */
export const commaFreeName = z
  .string()
  .min(1)
  .regex(
    /^[^,]+$/,
    'a name without commas (Weaviate reads the list comma-separated, so a comma adds an entry)',
  );

/**
 * An IAM role, user or assumed-role session ARN as a policy's `Principal` takes it: IAM refuses a wildcard, a
 * space or a control character in a principal ARN, so such a value fails here with its path, not at deploy.
 */
export const iamPrincipalArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/[\w+=,.@/-]+$/,
    'an IAM role or user ARN such as arn:aws:iam::111111111111:role/name (no wildcards)',
  );

/**
 * Text written into an IAM description (a role's): IAM accepts printable Latin-1 only. Control, line-breaking
 * and bidirectional characters are refused as well, so the text reads the same in every log and console.
 */
export const iamDescriptionText = z
  .string()
  .regex(
    /^[\u0020-\u007e\u00a1-\u00ff]*$/,
    'printable ASCII or Latin-1 text on one line (IAM accepts no other characters in a role description)',
  );
