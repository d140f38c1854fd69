/**
 * Errors that building a validated blueprint can still raise because of the blueprint's values (a VPC too
 * small for its subnets, a combination a construct refuses): they are bad input, exit 2 with the message,
 * not an internal error. Errors of other kinds stay what they are, so real bugs still surface as such.
 */
import { InputError } from '../errors.js';

export async function asInputError<T>(blueprintFile: string, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (await causedByInput(error))
      throw new InputError(`the blueprint cannot be built: ${(error as Error).message}`, blueprintFile);
    throw error;
  }
}

/**
 * CDK's validation errors (a construct refusing its props) and the range errors the flow spec and subnet plan
 * throw for values they cannot place; the engine's own range errors (a stack overflow, an invalid length) are
 * bugs and stay internal.
 */
async function causedByInput(error: unknown): Promise<boolean> {
  if (error instanceof RangeError) return !ENGINE_RANGE_ERRORS.test(error.message);
  if (!(error instanceof Error)) return false;
  const { Errors } = await import('aws-cdk-lib');
  return Errors.isValidationError(error);
}

const ENGINE_RANGE_ERRORS =
  /Maximum call stack size exceeded|Invalid (array|string|typed array) length|out of memory|toFixed|toPrecision|Invalid time value|Invalid count value/i;
