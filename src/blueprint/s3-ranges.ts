/**
 * S3's address ranges per region, used only when a blueprint does not give `network.s3Cidrs`. Taken from the
 * `com.amazonaws.us-east-1.s3` managed prefix list; AWS changes these rarely but does change them, so the loader
 * lists `network.s3Cidrs` among the values to confirm before deploying.
 */
export const PUBLISHED_S3_RANGES: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': [
    '3.5.0.0/19',
    '16.182.0.0/16',
    '18.34.0.0/19',
    '18.34.232.0/21',
    '52.216.0.0/15',
    '54.231.0.0/16',
  ],
};

/** The S3 ranges the flow spec uses: the blueprint's, else the published ones for the region, else none. */
export function s3RangesFor(
  region: string,
  configured: readonly string[] | undefined,
): readonly string[] | undefined {
  return configured ?? PUBLISHED_S3_RANGES[region];
}
