/**
 * AWS defaults and account settings a verdict can depend on without the input stating them. A finding names
 * the ones it relies on (or declines to rely on), so a reviewer sees what the verdict takes for granted.
 */
import type { ControlResult } from './types.js';

export const ASSUMPTIONS = {
  s3BlockPublicAccess:
    'S3 turns on all four Block Public Access settings for buckets created since April 2023; a bucket created earlier, or one adopted into the stack, keeps the settings it had',
  s3DefaultEncryption:
    'S3 encrypts new objects with SSE-S3 (Amazon S3 managed keys) by default since January 2023: encrypted at rest, but not under a key whose policy the account controls',
  ebsDefaultEncryption:
    'EBS encryption by default is an account setting per region, off unless someone turned it on; the verdict does not count on it',
  imdsAmiDefault:
    'without HttpTokens the AMI decides: AMIs registered with ImdsSupport v2.0 (Amazon Linux 2023, for one) require IMDSv2, others keep IMDSv1 available; the verdict does not count on the AMI',
} as const;

/** The result with the assumptions it depends on. */
export function assuming(result: ControlResult, ...assumptions: readonly string[]): ControlResult {
  return { ...result, assumptions: [...(result.assumptions ?? []), ...assumptions] };
}
