/** The environment the rotation function reads; the stack sets it (aws/api-key-rotation.ts). */
export const ROTATION_ENV = {
  /** ARN of the roster secret Weaviate reads (`{"keys", "users"}`). */
  rosterSecretArn: 'VF_ROSTER_SECRET_ARN',
  /** JSON list of the ARNs of every user's key secret, in roster order. */
  userSecretArns: 'VF_USER_SECRET_ARNS',
} as const;
